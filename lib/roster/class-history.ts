// What a teacher can trust about one class's roster (issue #18): the students
// Clever no longer lists in it (LIB-R06), and what the teacher's last sync
// changed in it (LIB-12). Derived from the synced rows' timestamps against the
// teacher's own sync runs; Clever owns the roster, so these are reads only.
// Call only after teacherSection() said the teacher may see the class.
import "server-only";
import { db } from "@/lib/platform";
import { compareNames, displayName } from "@/lib/people";
import type { Person } from "./queries";

export interface FormerStudent extends Person {
  /** When the sync found Clever no longer lists them in the class. */
  leftAt: Date;
}

const personSelect = { id: true, name: true, firstName: true, lastName: true } as const;

/** Students Clever no longer lists in the class, most recent first. A sync
 * that sees them again restores them, so they leave this list by themselves. */
export async function formerStudents(sectionId: string): Promise<FormerStudent[]> {
  const rows = await db.enrollment.findMany({
    where: { sectionId, archivedAt: { not: null } },
    include: { student: { select: personSelect } },
  });
  return rows
    .map(({ student, archivedAt }) => ({ id: student.id, name: displayName(student), firstName: student.firstName, lastName: student.lastName, leftAt: archivedAt ?? new Date(0) }))
    .sort((a, b) => b.leftAt.getTime() - a.leftAt.getTime() || compareNames(a, b, "last"))
    .map(({ id, name, leftAt }) => ({ id, name, leftAt }));
}

export interface ClassChanges {
  /** When the teacher's last successful sync finished; null: never synced. */
  syncedAt: Date | null;
  /** The class first came into the app with that sync: nothing to compare. */
  firstSync: boolean;
  joined: Person[];
  left: Person[];
  coTeachersAdded: Person[];
  coTeachersRemoved: Person[];
  /** Clever changed the class's own details (its name, subject, grade, …). */
  detailsChanged: boolean;
  /** That sync renamed the class: its name before. */
  renamedFrom: string | null;
}

const byName = (a: Person, b: Person) => a.name.localeCompare(b.name);

/** What the teacher's last successful sync changed in this class. */
export async function lastSyncChanges(teacherId: string, sectionId: string): Promise<ClassChanges> {
  const run = await db.syncRun.findFirst({
    where: { userId: teacherId, outcome: "succeeded", finishedAt: { not: null } },
    orderBy: { startedAt: "desc" },
    select: { startedAt: true, finishedAt: true },
  });
  const none: ClassChanges = { syncedAt: null, firstSync: false, joined: [], left: [], coTeachersAdded: [], coTeachersRemoved: [], detailsChanged: false, renamedFrom: null };
  if (!run?.finishedAt) return none;
  const window = { gte: run.startedAt, lte: run.finishedAt };
  const [section, enrollments, links] = await Promise.all([
    db.section.findUnique({ where: { id: sectionId }, select: { createdAt: true, updatedAt: true, previousName: true, renamedAt: true } }),
    db.enrollment.findMany({
      where: { sectionId, OR: [{ createdAt: window }, { updatedAt: window }] },
      include: { student: { select: personSelect } },
    }),
    db.sectionTeacher.findMany({
      where: { sectionId, teacherId: { not: teacherId }, OR: [{ createdAt: window }, { updatedAt: window }] },
      include: { teacher: { select: personSelect } },
    }),
  ]);
  const syncedAt = run.finishedAt;
  if (!section || section.createdAt >= run.startedAt) return { ...none, syncedAt, firstSync: section !== null };
  const within = (d: Date | null) => d !== null && d >= run.startedAt && d <= syncedAt;
  // A row archived in the window left; an active row created or touched in
  // the window joined (new, or restored when Clever listed it again).
  const split = <T extends { archivedAt: Date | null }>(rows: T[], person: (row: T) => Person) => ({
    added: rows.filter((r) => r.archivedAt === null).map(person).sort(byName),
    removed: rows.filter((r) => within(r.archivedAt)).map(person).sort(byName),
  });
  const students = split(enrollments, (e) => ({ id: e.student.id, name: displayName(e.student) }));
  const teachers = split(links, (l) => ({ id: l.teacher.id, name: displayName(l.teacher) }));
  return {
    syncedAt,
    firstSync: false,
    joined: students.added,
    left: students.removed,
    coTeachersAdded: teachers.added,
    coTeachersRemoved: teachers.removed,
    detailsChanged: within(section.updatedAt),
    renamedFrom: within(section.renamedAt) ? section.previousName : null,
  };
}
