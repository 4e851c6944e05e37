// `npm run delete-user -- <userId | Clever ID>`: deletes a person and
// everything tied to them (lib/people/delete-user.ts), on the app's
// configuration (DATABASE_URL). For a deletion request from a district, a
// family or a teacher; the privacy page names this command. An ID that names
// several rows is refused with the candidates: run it again with a row ID.
// `npm run delete-user -- --lift <Clever ID>`: syncs and logins may bring a
// deleted person back (they are otherwise kept out for good).
import { PrismaPg } from "@prisma/adapter-pg";
import { deleteUser, findUsersToDelete } from "@/lib/people/delete-user";
import { env } from "@/lib/platform/env";
import { PrismaClient } from "../lib/generated/prisma/client";
import { liftDeletion } from "../lib/people/deleted-ids";
import { exampleEnv } from "./lib/dev-env";

const args = process.argv.slice(2);
const lift = args[0] === "--lift";
const target = lift ? args[1] : args[0];
if (process.env.APP_ENV !== "production") for (const [key, value] of Object.entries(exampleEnv())) process.env[key] ??= value;

async function main(db: PrismaClient, id: string): Promise<number> {
  if (lift) {
    const lifted = await liftDeletion(db, id);
    console.log(lifted ? `Clever ID ${id} may be synced again.` : `Clever ID ${id} was not kept out.`);
    return lifted ? 0 : 1;
  }
  const candidates = await findUsersToDelete(db, id);
  if (candidates.length === 0) {
    console.error(`No user ${id}.`);
    return 1;
  }
  if (candidates.length > 1) {
    console.error(`${id} names ${candidates.length} users; nothing was deleted. Run again with the row ID of the one to delete:`);
    for (const c of candidates) console.error(`  ${c.id}  ${c.role}  ${c.name ?? "(no name)"}  Clever ID ${c.cleverId ?? "none"}  district ${c.districtId ?? "none"}`);
    return 1;
  }
  const deleted = await deleteUser(db, candidates[0]?.id ?? "");
  if (!deleted) {
    console.error(`No user ${id}.`);
    return 1;
  }
  console.log(`Deleted user ${deleted.userId} and everything tied to them (${deleted.classesDeleted} classes nobody else taught). Their Clever IDs are kept out of every sync (lift with --lift).`);
  return 0;
}

if (!target) {
  console.error("Usage: npm run delete-user -- <userId | Clever ID>\n       npm run delete-user -- --lift <Clever ID>");
  process.exitCode = 1;
} else {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL }) });
  try {
    process.exitCode = await main(db, target);
  } finally {
    await db.$disconnect();
  }
}
