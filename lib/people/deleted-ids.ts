// Clever IDs of people deleted on request (`npm run delete-user`): the
// district still shares them with the app, so without a record of the
// deletion the next sync would create them again. The people writer
// (./write-people.ts) creates no row under these IDs, so syncs skip them and a
// login under one is refused, until an operator lifts it.
import type { Db } from "@/lib/clever";

/** A login under a deleted person's Clever ID: no account is made again. */
export class DeletedPersonError extends Error {
  constructor() {
    super("this person was deleted on request; their Clever ID is kept out");
    this.name = "DeletedPersonError";
  }
}

/** Records the deletion of the person who had these Clever IDs. */
export async function rememberDeletion(db: Db, cleverIds: readonly string[], deletedAt: Date): Promise<void> {
  if (cleverIds.length > 0) await db.deletedCleverId.createMany({ data: cleverIds.map((cleverId) => ({ cleverId, deletedAt })), skipDuplicates: true });
}

/** Lets syncs and logins bring the person back (an operator's decision). */
export async function liftDeletion(db: Db, cleverId: string): Promise<boolean> {
  return (await db.deletedCleverId.deleteMany({ where: { cleverId } })).count > 0;
}
