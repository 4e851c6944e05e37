// Seeds what the app needs beyond Clever's data: the bundled school directory
// for the Library teacher's school picker, and the demo's password account.
// Idempotent: a second run changes nothing.
import { PrismaPg } from "@prisma/adapter-pg";
import { usPublicSchools } from "../data/schools/us-public-schools";
import { PrismaClient } from "../lib/generated/prisma/client";
import { hashPassword } from "@/lib/people/passwords";
import { directorySchoolId } from "../lib/schools/directory-id";
import { demoPasswordAccount } from "./lib/demo-account";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set");
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });


async function seedDirectory(): Promise<number> {
  const rows = usPublicSchools.map(([name, city, state]) => ({ id: directorySchoolId(name, city, state), name, city, state }));
  const result = await db.directorySchool.createMany({ data: rows, skipDuplicates: true });
  return result.count;
}

async function seedPasswordAccount(): Promise<"created" | "kept"> {
  const loginEmail = demoPasswordAccount.email.toLowerCase();
  const existing = await db.user.findUnique({ where: { loginEmail } });
  if (existing) return "kept";
  await db.user.create({
    data: {
      email: demoPasswordAccount.email,
      loginEmail,
      name: demoPasswordAccount.name,
      role: "teacher",
      passwordHash: await hashPassword(demoPasswordAccount.password),
      subjects: [...demoPasswordAccount.subjects],
      grades: [...demoPasswordAccount.grades],
      onboardingCompletedAt: new Date(),
    },
  });
  return "created";
}

async function main() {
  const added = await seedDirectory();
  console.log(`School directory: ${added} added, ${usPublicSchools.length} in the bundled sample.`);
  const account = await seedPasswordAccount();
  console.log(
    `Demo password account (${account}): ${demoPasswordAccount.email} / ${demoPasswordAccount.password} — sign in at /login/password, or link it at Ben Ortiz's first Clever login.`,
  );
}

await main().finally(() => db.$disconnect());
