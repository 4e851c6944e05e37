// Reads for the teacher and student screens. Every teacher read is scoped to
// sections the teacher actively teaches: that scope is the authorization.
import "server-only";
import { db } from "@/lib/platform";
import type { Prisma } from "@/lib/generated/prisma/client";
import { gradeRank } from "@/lib/clever";
import { compareNames, displayName } from "@/lib/people";
import { type PastClass, stoodWhere, type TermFacts, termNotEnded } from "./school-years";
import { type LastSyncRun, lastSyncRunOf, latestRunPerOutcome } from "@/lib/roster/sync/queries";

export interface Person {
  id: string;
  name: string;
}

export interface TeacherSection {
  id: string;
  name: string;
  subject: string | null;
  grade: string | null;
  period: string | null;
  sectionNumber: string | null;
  schoolName: string | null;
  /** Its term, where Clever names one. */
  term: TermFacts | null;
  studentCount: number;
  coTeachers: Person[];
  /** The teacher's choice (LIB-R07); no choice yet means shown. */
  shown: boolean;
  /** Not yet seen in the class chooser. */
  isNew: boolean;
}

const personSelect = { id: true, name: true, firstName: true, lastName: true } as const;

function sectionInclude(teacherId: string) {
  return {
    school: { select: { name: true } },
    term: { select: { name: true, startDate: true, endDate: true } },
    teachers: { where: { archivedAt: null, teacherId: { not: teacherId } }, include: { teacher: { select: personSelect } } },
    choices: { where: { teacherId } },
    _count: { select: { enrollments: { where: { archivedAt: null } } } },
  } as const;
}

function periodRank(period: string | null): number {
  const n = Number(period);
  return period !== null && Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}

/** Every current section the teacher teaches (school-years.ts: not archived,
 * term not ended), by period then name. */
export async function teacherSections(teacherId: string, now: Date = new Date()): Promise<TeacherSection[]> {
  const rows = await db.sectionTeacher.findMany({
    where: { teacherId, archivedAt: null, section: { archivedAt: null, AND: [termNotEnded(now)] } },
    include: { section: { include: sectionInclude(teacherId) } },
  });
  return rows
    .map((row) => toTeacherSection(row.section))
    .sort((a, b) => periodRank(a.period) - periodRank(b.period) || a.name.localeCompare(b.name));
}

/** One current section, only if this teacher actively teaches it (else null:
 * a past class is pastClass's, anything else → 404). */
export async function teacherSection(teacherId: string, sectionId: string, now: Date = new Date()): Promise<TeacherSection | null> {
  const row = await db.sectionTeacher.findFirst({
    where: { teacherId, sectionId, archivedAt: null, section: { archivedAt: null, AND: [termNotEnded(now)] } },
    include: { section: { include: sectionInclude(teacherId) } },
  });
  return row ? toTeacherSection(row.section) : null;
}

type SectionRow = Prisma.SectionGetPayload<{ include: ReturnType<typeof sectionInclude> }>;

function toTeacherSection(section: SectionRow): TeacherSection {
  const choice = section.choices[0];
  return {
    id: section.id,
    name: section.name,
    subject: section.subject,
    grade: section.grade,
    period: section.period,
    sectionNumber: section.sectionNumber,
    schoolName: section.school?.name ?? null,
    term: section.term,
    studentCount: section._count.enrollments,
    coTeachers: section.teachers.map((t) => ({ id: t.teacher.id, name: displayName(t.teacher) })).sort((a, b) => a.name.localeCompare(b.name)),
    shown: choice?.shown ?? true,
    isNew: !choice?.seenAt,
  };
}

interface RosterStudent {
  id: string;
  name: string;
  firstName: string | null;
  lastName: string | null;
  grade: string | null;
}

export const ROSTER_SORTS = ["last", "first", "grade"] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];

export interface RosterPage {
  students: RosterStudent[];
  total: number;
  matching: number;
  page: number;
  pageCount: number;
}

type RosterOptions = { query?: string; sort?: RosterSort; page?: number; pageSize?: number };

const rosterInclude = { student: { select: { ...personSelect, grade: true } } } as const;

/** One section's enrollment rows, searched, sorted and paged. */
function rosterPage(rows: readonly Prisma.EnrollmentGetPayload<{ include: typeof rosterInclude }>[], options: RosterOptions): RosterPage {
  const pageSize = options.pageSize ?? 25;
  const all = rows.map(({ student }) => ({ id: student.id, name: displayName(student), firstName: student.firstName, lastName: student.lastName, grade: student.grade }));
  const needle = options.query?.trim().toLocaleLowerCase() ?? "";
  const matching = needle ? all.filter((s) => s.name.toLocaleLowerCase().includes(needle)) : all;
  const sort = options.sort ?? "last";
  matching.sort((a, b) => (sort === "grade" ? gradeRank(a.grade) - gradeRank(b.grade) : 0) || compareNames(a, b, sort === "first" ? "first" : "last"));
  const pageCount = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
  return { students: matching.slice((page - 1) * pageSize, page * pageSize), total: all.length, matching: matching.length, page, pageCount };
}

/** A section's active students: searched, sorted and paged. Call only after
 * teacherSection() said the teacher may see it. */
export async function sectionRoster(sectionId: string, options: RosterOptions = {}): Promise<RosterPage> {
  return rosterPage(await db.enrollment.findMany({ where: { sectionId, archivedAt: null }, include: rosterInclude }), options);
}

/** A past class's roster as it stood when it became past (pastClass's only). */
export async function pastClassRoster(pastClass: PastClass, options: RosterOptions = {}): Promise<RosterPage> {
  return rosterPage(await db.enrollment.findMany({ where: { sectionId: pastClass.id, ...stoodWhere(pastClass.pastSince) }, include: rosterInclude }), options);
}

/** The first page of each section's roster (the dashboard's previews), in
 * one statement for all of them rather than one per section. Sections from
 * teacherSections() only. */
export async function sectionRosterPreviews(sectionIds: readonly string[], pageSize: number): Promise<RosterPage[]> {
  const rows = sectionIds.length === 0 ? [] : await db.enrollment.findMany({ where: { sectionId: { in: [...sectionIds] }, archivedAt: null }, include: rosterInclude });
  const bySection = new Map<string, typeof rows>();
  for (const row of rows) {
    const section = bySection.get(row.sectionId);
    if (section) section.push(row);
    else bySection.set(row.sectionId, [row]);
  }
  return sectionIds.map((id) => rosterPage(bySection.get(id) ?? [], { pageSize }));
}

export interface StudentClass {
  id: string;
  name: string;
  subject: string | null;
  grade: string | null;
  period: string | null;
  teachers: Person[];
}

const studentClassesSelect = {
  where: { archivedAt: null, section: { archivedAt: null } },
  include: {
    section: { include: { teachers: { where: { archivedAt: null }, orderBy: { isPrimary: "desc" }, include: { teacher: { select: personSelect } } } } },
  },
} satisfies Prisma.User$enrollmentsArgs;

type EnrollmentRow = Prisma.EnrollmentGetPayload<typeof studentClassesSelect>;

function toStudentClasses(rows: readonly EnrollmentRow[]): StudentClass[] {
  return rows
    .map(({ section }) => ({
      id: section.id,
      name: section.name,
      subject: section.subject,
      grade: section.grade,
      period: section.period,
      teachers: section.teachers.map((t) => ({ id: t.teacher.id, name: displayName(t.teacher) })),
    }))
    .sort((a, b) => periodRank(a.period) - periodRank(b.period) || a.name.localeCompare(b.name));
}

/** Everything the student's dashboard shows beyond the banner: their active
 * classes and each class's teachers (LIB-05, LIB-08), and their latest sync. One statement (the
 * relations joined in SQL), where separate reads would cost six. */
export async function studentDashboard(studentId: string): Promise<{ classes: StudentClass[]; run: LastSyncRun | null }> {
  const row = await db.user.findUnique({
    where: { id: studentId },
    select: { enrollments: studentClassesSelect, syncRuns: latestRunPerOutcome },
  });
  return { classes: toStudentClasses(row?.enrollments ?? []), run: lastSyncRunOf(row?.syncRuns ?? []) };
}

/** A teacher of the student's, with the names of the classes they teach them. */
export interface StudentTeacher {
  teacher: Person;
  classes: string[];
}

/** Each teacher once, with the classes they teach this student. */
export function teachersOf(classes: readonly StudentClass[]): StudentTeacher[] {
  const byId = new Map<string, StudentTeacher>();
  for (const c of classes) {
    for (const teacher of c.teachers) {
      const entry = byId.get(teacher.id) ?? { teacher, classes: [] };
      entry.classes.push(c.name);
      byId.set(teacher.id, entry);
    }
  }
  return [...byId.values()].sort((a, b) => a.teacher.name.localeCompare(b.teacher.name));
}
