// Reads for the administrators' pages: their district and schools with what
// this app holds for each, a school's classes, and one class. Every read
// starts from the scope in ./admin-access.ts (who is asking, what they may
// see); a school or class outside it reads as absent (null), so the pages
// answer "not found" without a hint that it exists. Counts are made in the
// database: a district's rosters are far too many rows to load.
import "server-only";
import { db } from "@/lib/platform";
import { Prisma } from "@/lib/generated/prisma/client";
import { displayName } from "@/lib/people";
import { adminScopeOf, visibleSchools, visibleSections, type AdminReader } from "./admin-access";
import { sectionRoster, type Person, type RosterPage, type RosterSort } from "./queries";

interface AdministeredSchool {
  id: string;
  name: string;
  classes: number;
  teachers: number;
  students: number;
}

export interface AdminOverview {
  districtName: string | null;
  schools: AdministeredSchool[];
}

export async function adminOverview(user: AdminReader): Promise<AdminOverview> {
  const scope = adminScopeOf(user);
  if (!scope) return { districtName: null, schools: [] };
  const [district, schools] = await Promise.all([
    db.district.findUnique({ where: { id: scope.districtId }, select: { name: true } }),
    db.school.findMany({ where: visibleSchools(scope), orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  // Only over the schools the scope found, and the same district as the
  // scope's classes (visibleSections), written in SQL for the distinct counts.
  const counts = await db.$queryRaw<{ schoolId: string; classes: number; teachers: number; students: number }[]>(Prisma.sql`
    SELECT s."schoolId",
      count(DISTINCT s.id)::int AS classes,
      count(DISTINCT t."teacherId")::int AS teachers,
      count(DISTINCT e."studentId")::int AS students
    FROM "Section" s
    LEFT JOIN "SectionTeacher" t ON t."sectionId" = s.id AND t."archivedAt" IS NULL
    LEFT JOIN "Enrollment" e ON e."sectionId" = s.id AND e."archivedAt" IS NULL
    WHERE s."archivedAt" IS NULL AND s."districtId" = ${scope.districtId}
      AND s."schoolId" = ANY(${schools.map((school) => school.id)}::text[])
    GROUP BY s."schoolId"`);
  const bySchool = new Map(counts.map((row) => [row.schoolId, row]));
  return {
    districtName: district?.name || null,
    schools: schools.map((school) => ({
      id: school.id,
      name: school.name,
      classes: bySchool.get(school.id)?.classes ?? 0,
      teachers: bySchool.get(school.id)?.teachers ?? 0,
      students: bySchool.get(school.id)?.students ?? 0,
    })),
  };
}

export interface AdminSchool {
  id: string;
  name: string;
  city: string | null;
  state: string | null;
  lowGrade: string | null;
  highGrade: string | null;
  /** Active classes in the school. */
  classes: number;
}

/** One school the admin may see, or null. */
export async function adminSchool(user: AdminReader, schoolId: string): Promise<AdminSchool | null> {
  const scope = adminScopeOf(user);
  if (!scope) return null;
  const school = await db.school.findFirst({
    where: { AND: [visibleSchools(scope), { id: schoolId }] },
    select: { id: true, name: true, city: true, state: true, lowGrade: true, highGrade: true },
  });
  if (!school) return null;
  const classes = await db.section.count({ where: { AND: [visibleSections(scope), { schoolId }] } });
  return { ...school, classes };
}

interface AdminClass {
  id: string;
  name: string;
  subject: string | null;
  grade: string | null;
  period: string | null;
  sectionNumber: string | null;
  teachers: Person[];
  studentCount: number;
}

export interface AdminClassPage {
  classes: AdminClass[];
  /** Active classes in the school. */
  total: number;
  /** Of those, matching the search. */
  matching: number;
  page: number;
  pageCount: number;
}

const CLASS_PAGE_SIZE = 25;

const personSelect = { id: true, name: true, firstName: true, lastName: true } as const;

const classInclude = {
  teachers: { where: { archivedAt: null }, orderBy: [{ isPrimary: "desc" }, { teacherId: "asc" }], include: { teacher: { select: personSelect } } },
  _count: { select: { enrollments: { where: { archivedAt: null } } } },
} as const satisfies Prisma.SectionInclude;

type ClassRow = Prisma.SectionGetPayload<{ include: typeof classInclude }>;

function toAdminClass(section: ClassRow): AdminClass {
  return {
    id: section.id,
    name: section.name,
    subject: section.subject,
    grade: section.grade,
    period: section.period,
    sectionNumber: section.sectionNumber,
    // The primary teacher first (Clever's order), then co-teachers.
    teachers: section.teachers.map((t) => ({ id: t.teacher.id, name: displayName(t.teacher) })),
    studentCount: section._count.enrollments,
  };
}

/** A page of a school's active classes (by name), searched by class name; an
 * empty page when the school is not the admin's. Only the page's rows are
 * read: a school may have hundreds of classes. */
export async function schoolClasses(
  user: AdminReader,
  schoolId: string,
  options: { query?: string; page?: number; pageSize?: number } = {},
): Promise<AdminClassPage> {
  const scope = adminScopeOf(user);
  if (!scope) return { classes: [], total: 0, matching: 0, page: 1, pageCount: 1 };
  const pageSize = options.pageSize ?? CLASS_PAGE_SIZE;
  const inSchool: Prisma.SectionWhereInput = { AND: [visibleSections(scope), { schoolId }] };
  const needle = options.query?.trim() ?? "";
  const where: Prisma.SectionWhereInput = needle ? { AND: [inSchool, { name: { contains: needle, mode: "insensitive" } }] } : inSchool;
  const [total, matching] = await Promise.all([db.section.count({ where: inSchool }), needle ? db.section.count({ where }) : null]);
  const found = matching ?? total;
  const pageCount = Math.max(1, Math.ceil(found / pageSize));
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
  const rows = await db.section.findMany({
    where,
    // The ID breaks ties, so pages never overlap or skip a class.
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    include: classInclude,
  });
  return { classes: rows.map(toAdminClass), total, matching: found, page, pageCount };
}

export interface AdminSection extends AdminClass {
  school: { id: string; name: string };
}

/** One active class of one of the admin's schools, or null. */
export async function adminSection(user: AdminReader, schoolId: string, sectionId: string): Promise<AdminSection | null> {
  const scope = adminScopeOf(user);
  if (!scope) return null;
  const section = await db.section.findFirst({
    where: { AND: [visibleSections(scope), { id: sectionId, schoolId }] },
    include: { ...classInclude, school: { select: { id: true, name: true } } },
  });
  if (!section?.school) return null;
  return { ...toAdminClass(section), school: section.school };
}

/** The class's roster with the teacher's roster rules (search, sort, pages),
 * or null when the class is not the admin's. */
export async function adminRoster(
  user: AdminReader,
  schoolId: string,
  sectionId: string,
  options: { query?: string; sort?: RosterSort; page?: number } = {},
): Promise<RosterPage | null> {
  const scope = adminScopeOf(user);
  if (!scope) return null;
  const visible = await db.section.count({ where: { AND: [visibleSections(scope), { id: sectionId, schoolId }] } });
  return visible === 1 ? sectionRoster(sectionId, options) : null;
}
