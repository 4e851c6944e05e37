// The teacher's class choices (LIB-R07): which sections appear and keep
// syncing, and which the teacher has seen. Kept apart from synced rows, so a
// sync never overwrites them.
import "server-only";
import { db } from "@/lib/platform";

/** True if the teacher actively teaches the section (the authorization check). */
export async function teaches(teacherId: string, sectionId: string): Promise<boolean> {
  const row = await db.sectionTeacher.findFirst({ where: { teacherId, sectionId, archivedAt: null }, select: { sectionId: true } });
  return row !== null;
}

export async function setSectionShown(teacherId: string, sectionId: string, shown: boolean): Promise<void> {
  await db.sectionChoice.upsert({
    where: { teacherId_sectionId: { teacherId, sectionId } },
    create: { teacherId, sectionId, shown, seenAt: new Date() },
    update: { shown, seenAt: new Date() },
  });
}

/** Marks sections as seen, so "New" shows once (creating default choices). */
export async function markSectionsSeen(teacherId: string, sectionIds: readonly string[]): Promise<void> {
  if (sectionIds.length === 0) return;
  const now = new Date();
  await db.$transaction([
    db.sectionChoice.createMany({ data: sectionIds.map((sectionId) => ({ teacherId, sectionId, shown: true, seenAt: now })), skipDuplicates: true }),
    db.sectionChoice.updateMany({ where: { teacherId, sectionId: { in: [...sectionIds] }, seenAt: null }, data: { seenAt: now } }),
  ]);
}
