// `npm run delete-user -- <userId | Clever ID>`: deletes a person and
// everything tied to them (lib/accounts/delete-user.ts), on the app's
// configuration (DATABASE_URL). For a deletion request from a district, a
// family or a teacher; the privacy page names this command.
import { PrismaPg } from "@prisma/adapter-pg";
import { deleteUser, findUserToDelete } from "../lib/accounts/delete-user";
import { env } from "../lib/env";
import { PrismaClient } from "../lib/generated/prisma/client";
import { exampleEnv } from "./lib/dev-env";

const target = process.argv[2];
if (process.env.APP_ENV !== "production") for (const [key, value] of Object.entries(exampleEnv())) process.env[key] ??= value;

async function main(): Promise<number> {
  if (!target) {
    console.error("Usage: npm run delete-user -- <userId | Clever ID>");
    return 1;
  }
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL }) });
  try {
    const userId = await findUserToDelete(db, target);
    const deleted = userId ? await deleteUser(db, userId) : null;
    if (!deleted) {
      console.error(`No user ${target}.`);
      return 1;
    }
    console.log(`Deleted user ${deleted.userId} and everything tied to them (${deleted.classesDeleted} classes nobody else taught).`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

process.exitCode = await main();
