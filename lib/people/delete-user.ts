// Deleting a person and everything tied to them, on request (the privacy
// page's promise; lib/privacy/inventory.ts): their sessions, Auth.js
// accounts, Clever token, class links, enrollments, choices and sync history
// go with their row (the schema cascades), in one transaction. A class they
// taught alone goes too; a class another teacher still holds stays, with
// that teacher and its students. Their Clever IDs are remembered
// (lib/people/deleted-ids.ts), so no sync creates them again.
import type { Db } from "@/lib/clever";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { rememberDeletion } from "@/lib/people/deleted-ids";

export interface DeletedUser {
  userId: string;
  /** Classes nobody else taught, deleted with them. */
  classesDeleted: number;
}

/** A row an ID could mean, for the operator to choose from. */
export interface DeletionCandidate {
  id: string;
  cleverId: string | null;
  name: string | null;
  role: string | null;
  districtId: string | null;
}

/** Every user row an ID names: its own ID, or a Clever ID it has (current or
 * legacy). More than one means the operator must say which, by row ID. */
export async function findUsersToDelete(db: Db, idOrCleverId: string): Promise<DeletionCandidate[]> {
  return db.user.findMany({
    where: { OR: [{ id: idOrCleverId }, { cleverId: idOrCleverId }, { cleverLegacyIds: { has: idOrCleverId } }] },
    select: { id: true, cleverId: true, name: true, role: true, districtId: true },
    orderBy: { id: "asc" },
  });
}

export async function deleteUser(db: PrismaClient, userId: string): Promise<DeletedUser | null> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, cleverId: true, cleverLegacyIds: true } });
    if (!user) return null;

    const taughtAlone = await tx.$queryRaw<{ id: string }[]>`
      SELECT t."sectionId" AS id FROM "SectionTeacher" t
      WHERE t."teacherId" = ${userId}
        AND NOT EXISTS (SELECT 1 FROM "SectionTeacher" o WHERE o."sectionId" = t."sectionId" AND o."teacherId" <> ${userId})`;
    const ids = taughtAlone.map((s) => s.id);
    if (ids.length > 0) await tx.section.deleteMany({ where: { id: { in: ids } } });
    await tx.user.delete({ where: { id: userId } });
    // Every Clever ID they had, but one another person's row still holds.
    const cleverIds = [user.cleverId, ...user.cleverLegacyIds].filter((id): id is string => id !== null);
    const others = await tx.user.findMany({ where: { OR: [{ cleverId: { in: cleverIds } }, { cleverLegacyIds: { hasSome: cleverIds } }] }, select: { cleverId: true, cleverLegacyIds: true } });
    const held = new Set(others.flatMap((row) => [row.cleverId, ...row.cleverLegacyIds]));
    await rememberDeletion(tx, cleverIds.filter((id) => !held.has(id)), new Date());
    return { userId, classesDeleted: ids.length };
  });
}
