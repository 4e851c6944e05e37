// School years (ROLL-02, ROLL-04): a class is current, or past. Past is a
// class Clever archived (a term's or a year's classes vanish in bulk at
// rollover; a Library teacher stops sharing one), or one whose term has ended.
// A past class is never deleted: it leaves the dashboard and the chooser for
// "Past classes", where its roster reads as it stood. The one place that
// decides which is which.
import "server-only";
import { db } from "@/lib/platform";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A class's term, as Clever gives it (dates may be dates or timestamps). */
export interface TermFacts {
  name: string | null;
  startDate: string | null;
  endDate: string | null;
}

export interface PastClass {
  id: string;
  name: string;
  schoolName: string | null;
  term: TermFacts | null;
  /** When it became past: archived by a sync, or its term's last day. */
  pastSince: Date;
  /** Its students as it stood then. */
  studentCount: number;
}

export interface RolloverSummary {
  /** Past classes the teacher has not been told about since they moved. */
  movedToPast: string[];
  /** Current classes not yet seen in the chooser. */
  newClasses: number;
}

/** Clever's term dates as a calendar day (the first ten characters of a date or a timestamp). */
function dayOf(date: string | null): string | null {
  return date && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : null;
}

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Sections whose term, if they name one, has not ended: current ones. A
 * term's last day still counts. (Prisma where, for the current-class reads.) */
export function termNotEnded(now: Date): Prisma.SectionWhereInput {
  return { OR: [{ termId: null }, { term: { is: { OR: [{ endDate: null }, { endDate: { gte: today(now) } }] } } }] };
}

/** When a class's term ended, as the start of its next day (UTC), or null if it runs on. */
function termEnded(term: TermFacts | null, now: Date): Date | null {
  const end = dayOf(term?.endDate ?? null);
  if (!end || end >= today(now)) return null;
  const next = new Date(`${end}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

const pastInclude = (teacherId: string) =>
  ({
    school: { select: { name: true } },
    term: { select: { name: true, startDate: true, endDate: true } },
    choices: { where: { teacherId }, select: { pastSeenAt: true, createdAt: true } },
    enrollments: { select: { archivedAt: true } },
  }) as const;

type PastRow = Prisma.SectionTeacherGetPayload<{ include: { section: { include: ReturnType<typeof pastInclude> } } }>;

/** When `row`'s class became past for its teacher, or null if it is current
 * or the teacher had left it before (a teacher taken off a class mid-year
 * has no past class: access ended when Clever ended it). */
function pastSinceOf(row: PastRow, now: Date): Date | null {
  const { section } = row;
  if (section.archivedAt) return row.archivedAt === null || row.archivedAt >= section.archivedAt ? section.archivedAt : null;
  if (row.archivedAt) return null;
  return termEnded(section.term, now);
}

async function pastRows(teacherId: string, now: Date): Promise<{ row: PastRow; pastSince: Date }[]> {
  const rows = await db.sectionTeacher.findMany({
    where: {
      teacherId,
      OR: [{ section: { archivedAt: { not: null } } }, { archivedAt: null, section: { term: { is: { endDate: { lt: today(now) } } } } }],
    },
    include: { section: { include: pastInclude(teacherId) } },
  });
  return rows.flatMap((row) => {
    const pastSince = pastSinceOf(row, now);
    return pastSince ? [{ row, pastSince }] : [];
  });
}

/** An enrollment that stood when the class became past. */
function stood(enrollment: { archivedAt: Date | null }, pastSince: Date): boolean {
  return enrollment.archivedAt === null || enrollment.archivedAt >= pastSince;
}

/** The teacher's past classes, most recent first. */
export async function pastClasses(teacherId: string, now: Date = new Date()): Promise<PastClass[]> {
  return (await pastRows(teacherId, now))
    .map(({ row: { section }, pastSince }) => ({
      id: section.id,
      name: section.name,
      schoolName: section.school?.name ?? null,
      term: section.term,
      pastSince,
      studentCount: section.enrollments.filter((e) => stood(e, pastSince)).length,
    }))
    .sort((a, b) => b.pastSince.getTime() - a.pastSince.getTime() || a.name.localeCompare(b.name));
}

/** One past class of this teacher's (else null → 404), with when it became past. */
export async function pastClass(teacherId: string, sectionId: string, now: Date = new Date()): Promise<PastClass | null> {
  return (await pastClasses(teacherId, now)).find((c) => c.id === sectionId) ?? null;
}

/** The roster filter of a past class: its students as they stood. */
export function stoodWhere(pastSince: Date): Prisma.EnrollmentWhereInput {
  return { OR: [{ archivedAt: null }, { archivedAt: { gte: pastSince } }] };
}

/** What changed since the teacher last looked: classes that moved to Past
 * (told once: see markPastSeen) and new classes. A class that comes back
 * and leaves again is told again. */
export async function rolloverSummary(teacherId: string, newClasses: number, now: Date = new Date()): Promise<RolloverSummary> {
  const moved = (await pastRows(teacherId, now)).filter(({ row, pastSince }) => {
    const choice = row.section.choices[0];
    // Known to the teacher while current, and not told since it moved.
    return choice !== undefined && choice.createdAt < pastSince && (!choice.pastSeenAt || choice.pastSeenAt < pastSince);
  });
  return { movedToPast: moved.map(({ row }) => row.section.id), newClasses };
}

/** The teacher has been told these classes moved to Past classes. */
export async function markPastSeen(teacherId: string, sectionIds: readonly string[], now: Date = new Date()): Promise<void> {
  if (sectionIds.length === 0) return;
  await db.$transaction([
    db.sectionChoice.createMany({ data: sectionIds.map((sectionId) => ({ teacherId, sectionId, shown: true, seenAt: now, pastSeenAt: now })), skipDuplicates: true }),
    db.sectionChoice.updateMany({ where: { teacherId, sectionId: { in: [...sectionIds] } }, data: { pastSeenAt: now } }),
  ]);
}
