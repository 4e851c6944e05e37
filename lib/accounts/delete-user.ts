// Deleting a person and everything tied to them, on request (the privacy
// page's promise; lib/privacy/inventory.ts): their sessions, Auth.js
// accounts, Clever token, class links, enrollments, choices and sync history
// go with their row (the schema cascades), in one transaction. A class they
// taught alone goes too; a class another teacher still holds stays, with
// that teacher and its students.
import type { Db } from "@/lib/deps";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface DeletedUser {
  userId: string;
  /** Classes nobody else taught, deleted with them. */
  classesDeleted: number;
}

/** The user's row by its own ID or by a Clever ID it has (current or legacy). */
export async function findUserToDelete(db: Db, idOrCleverId: string): Promise<string | null> {
  const row = await db.user.findFirst({
    where: { OR: [{ id: idOrCleverId }, { cleverId: idOrCleverId }, { cleverLegacyIds: { has: idOrCleverId } }] },
    select: { id: true },
  });
  return row?.id ?? null;
}

export async function deleteUser(db: PrismaClient, userId: string): Promise<DeletedUser | null> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) return null;
    const taughtAlone = await tx.$queryRaw<{ id: string }[]>`
      SELECT t."sectionId" AS id FROM "SectionTeacher" t
      WHERE t."teacherId" = ${userId}
        AND NOT EXISTS (SELECT 1 FROM "SectionTeacher" o WHERE o."sectionId" = t."sectionId" AND o."teacherId" <> ${userId})`;
    const ids = taughtAlone.map((s) => s.id);
    if (ids.length > 0) await tx.section.deleteMany({ where: { id: { in: ids } } });
    await tx.user.delete({ where: { id: userId } });
    return { userId, classesDeleted: ids.length };
  });
}
