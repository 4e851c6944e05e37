// Seeds what the app needs beyond Clever's data: the bundled school directory
// for the Library teacher's school picker, and the demo's password account.
// Idempotent: a second run changes nothing.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });

async function main() {
  // Filled in by the onboarding work (school directory, password account).
  await db.$queryRaw`SELECT 1`;
}

await main().finally(() => db.$disconnect());
