// The administrators' reads against a real PostgreSQL: a school admin reads
// only their schools' classes, a district admin every class of their district
// and nothing of another, a teacher nothing; archived classes and schools are
// gone; rosters keep the teacher's rules; the district's sync status.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import type { Role } from "@/lib/generated/prisma/client";
import { adminScopeOf, type AdminReader } from "./admin-access";
import { adminOverview, adminRoster, adminSchool, adminSection, schoolClasses } from "./admin-queries";
import { districtSyncStatus } from "./district-sync-status";

afterAll(() => db.$disconnect());

let seq = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${++seq}`;

const reader = (role: Role, districtId: string | null, administeredSchoolIds: string[] = [], roles: Role[] = [role]): AdminReader => ({ role, roles, districtId, administeredSchoolIds });

/** Two districts: A with schools a1, a2 and an archived a3; B with school b1. */
async function world() {
  const [districtA, districtB] = [unique("dist-a"), unique("dist-b")];
  await db.district.createMany({ data: [{ id: districtA, name: "District Ä" }, { id: districtB, name: "District B" }] });
  const [a1, a2, a3, b1] = [unique("a1"), unique("a2"), unique("a3"), unique("b1")];
  await db.school.createMany({
    data: [
      { id: a1, districtId: districtA, name: "Aspen Élémentaire" },
      { id: a2, districtId: districtA, name: "Birch High" },
      { id: a3, districtId: districtA, name: "Closed School", archivedAt: new Date() },
      { id: b1, districtId: districtB, name: "Other District School" },
    ],
  });
  const teacher = await db.user.create({ data: { cleverId: unique("t"), role: "teacher", roles: ["teacher"], firstName: "Ana", lastName: "Núñez", districtId: districtA } });
  const coTeacher = await db.user.create({ data: { cleverId: unique("t"), role: "teacher", roles: ["teacher"], firstName: "Ben", lastName: "Ortiz", districtId: districtA } });
  const students = await Promise.all(
    ["Zoe Adams", "Émile Brun", "Ali Chen"].map((full, i) => {
      const [firstName, lastName] = full.split(" ");
      return db.user.create({ data: { cleverId: unique("s"), role: "student", roles: ["student"], firstName, lastName, grade: String(3 + i), districtId: districtA } });
    }),
  );
  const section = async (schoolId: string, districtId: string, name: string, extra: { archivedAt?: Date; period?: string } = {}) => {
    const s = await db.section.create({ data: { id: unique("sec"), schoolId, districtId, name, subject: "math", grade: "3", ...extra } });
    return s.id;
  };
  const math = await section(a1, districtA, "Math 3", { period: "2" });
  const reading = await section(a1, districtA, "Reading 3");
  const gone = await section(a1, districtA, "Archived class", { archivedAt: new Date() });
  const biology = await section(a2, districtA, "Biology 9");
  const closed = await section(a3, districtA, "In a closed school");
  const elsewhere = await section(b1, districtB, "Math elsewhere");
  await db.sectionTeacher.createMany({
    data: [
      { sectionId: math, teacherId: teacher.id, isPrimary: true },
      { sectionId: math, teacherId: coTeacher.id },
      { sectionId: reading, teacherId: coTeacher.id, archivedAt: new Date() },
      { sectionId: biology, teacherId: teacher.id, isPrimary: true },
    ],
  });
  await db.enrollment.createMany({
    data: [
      ...students.map((s) => ({ sectionId: math, studentId: s.id })),
      { sectionId: reading, studentId: students[0]?.id ?? "", archivedAt: new Date() },
      { sectionId: biology, studentId: students[1]?.id ?? "" },
    ],
  });
  return { districtA, districtB, a1, a2, a3, b1, math, reading, gone, biology, closed, elsewhere, teacher };
}

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});

const names = async (user: AdminReader, schoolId: string) => (await schoolClasses(user, schoolId)).classes.map((c) => c.name);

describe("who may read what (adminScopeOf)", () => {
  it("[IL-07] [district-rostering] a teacher, a student and an admin without a district have no admin scope", () => {
    expect(adminScopeOf(reader("teacher", "d"))).toBeNull();
    expect(adminScopeOf(reader("student", "d"))).toBeNull();
    expect(adminScopeOf(reader("school_admin", null, ["x"]))).toBeNull();
    expect(adminScopeOf(reader("district_admin", null))).toBeNull();
  });

  it("[IL-07] [district-rostering] a district admin who also teaches reads the district; a teacher who is a school's staff reads that school", () => {
    expect(adminScopeOf(reader("teacher", "d", [], ["teacher", "district_admin"]))).toEqual({ kind: "district", districtId: "d" });
    expect(adminScopeOf(reader("teacher", "d", ["s"], ["teacher", "school_admin"]))).toEqual({ kind: "schools", districtId: "d", schoolIds: ["s"] });
  });
});

describe("a school admin", () => {
  it("[IL-07] [district-rostering] reads only their schools' active classes, with teachers and student counts", async () => {
    const admin = reader("school_admin", w.districtA, [w.a1]);
    expect(await names(admin, w.a1)).toEqual(["Math 3", "Reading 3"]);
    const page = await schoolClasses(admin, w.a1);
    expect(page).toMatchObject({ total: 2, matching: 2, page: 1, pageCount: 1 });
    const math = page.classes.find((c) => c.id === w.math);
    expect(math).toMatchObject({ period: "2", studentCount: 3 });
    expect(math?.teachers.map((t) => t.name)).toEqual(["Ana Núñez", "Ben Ortiz"]);
    // An archived teacher link and enrollment count for nothing.
    expect(page.classes.find((c) => c.id === w.reading)).toMatchObject({ studentCount: 0, teachers: [] });

    expect(await adminSchool(admin, w.a1)).toMatchObject({ id: w.a1, name: "Aspen Élémentaire", classes: 2 });
    expect(await adminSchool(admin, w.a2)).toBeNull();
    expect(await names(admin, w.a2)).toEqual([]);
    expect(await adminSection(admin, w.a2, w.biology)).toBeNull();
    expect(await adminRoster(admin, w.a2, w.biology)).toBeNull();
    // A class of their school asked for under another school: not found either.
    expect(await adminSection(admin, w.a2, w.math)).toBeNull();
    expect((await adminOverview(admin)).schools.map((s) => s.id)).toEqual([w.a1]);
  });

  it("[IL-07] [district-rostering] cannot reach a school Clever lists for them in another district, or an archived one", async () => {
    const admin = reader("school_admin", w.districtA, [w.a1, w.a3, w.b1]);
    expect(await adminSchool(admin, w.b1)).toBeNull();
    expect(await adminSection(admin, w.b1, w.elsewhere)).toBeNull();
    expect(await adminSchool(admin, w.a3)).toBeNull();
    expect(await adminSection(admin, w.a3, w.closed)).toBeNull();
    expect((await adminOverview(admin)).schools.map((s) => s.id)).toEqual([w.a1]);
  });

  it("[IL-07] [district-rostering] reads a class's roster with the teacher's rules: search, sort, pages", async () => {
    const admin = reader("school_admin", w.districtA, [w.a1]);
    expect(await adminSection(admin, w.a1, w.math)).toMatchObject({ name: "Math 3", studentCount: 3, school: { id: w.a1, name: "Aspen Élémentaire" } });
    const byLast = await adminRoster(admin, w.a1, w.math);
    expect(byLast?.students.map((s) => s.name)).toEqual(["Zoe Adams", "Émile Brun", "Ali Chen"]);
    const byFirst = await adminRoster(admin, w.a1, w.math, { sort: "first" });
    expect(byFirst?.students.map((s) => s.name)).toEqual(["Ali Chen", "Émile Brun", "Zoe Adams"]);
    expect(await adminRoster(admin, w.a1, w.math, { query: "émile" })).toMatchObject({ total: 3, matching: 1 });
  });
});

describe("a district admin", () => {
  const admin = () => reader("district_admin", w.districtA);

  it("[IL-07] [district-rostering] reads every active class of every active school of the district", async () => {
    expect(await names(admin(), w.a1)).toEqual(["Math 3", "Reading 3"]);
    expect(await names(admin(), w.a2)).toEqual(["Biology 9"]);
    expect(await adminSection(admin(), w.a2, w.biology)).toMatchObject({ name: "Biology 9", studentCount: 1 });
    expect((await adminRoster(admin(), w.a2, w.biology))?.students.map((s) => s.name)).toEqual(["Émile Brun"]);
    const overview = await adminOverview(admin());
    expect(overview.districtName).toBe("District Ä");
    expect(overview.schools.map((s) => [s.name, s.classes, s.teachers, s.students])).toEqual([
      ["Aspen Élémentaire", 2, 2, 3],
      ["Birch High", 1, 1, 1],
    ]);
  });

  it("[IL-07] [district-rostering] never reads an archived class, or another district's school or class", async () => {
    expect(await adminSection(admin(), w.a1, w.gone)).toBeNull();
    expect(await adminRoster(admin(), w.a1, w.gone)).toBeNull();
    expect(await adminSection(admin(), w.a3, w.closed)).toBeNull();
    expect(await adminSchool(admin(), w.b1)).toBeNull();
    expect(await names(admin(), w.b1)).toEqual([]);
    expect(await adminSection(admin(), w.b1, w.elsewhere)).toBeNull();
    expect(await adminRoster(admin(), w.b1, w.elsewhere)).toBeNull();
  });

  it("[district-rostering] pages a big school's classes in SQL, in a stable order, and searches them by name", async () => {
    const schoolId = unique("big");
    await db.school.create({ data: { id: schoolId, districtId: w.districtA, name: "Big School" } });
    await db.section.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({ id: unique("big-sec"), schoolId, districtId: w.districtA, name: `Class ${String(i).padStart(2, "0")}` })),
    });
    const first = await schoolClasses(admin(), schoolId, { pageSize: 25 });
    const last = await schoolClasses(admin(), schoolId, { page: 3, pageSize: 25 });
    expect(first).toMatchObject({ total: 60, page: 1, pageCount: 3 });
    expect(first.classes).toHaveLength(25);
    expect(first.classes[0]?.name).toBe("Class 00");
    expect(last.classes.map((c) => c.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Class ${50 + i}`));
    // Past the end: the last page.
    expect((await schoolClasses(admin(), schoolId, { page: 99, pageSize: 25 })).page).toBe(3);
    const found = await schoolClasses(admin(), schoolId, { query: "class 4" });
    expect(found).toMatchObject({ total: 60, matching: 10, pageCount: 1 });
  });
});

describe("a teacher", () => {
  it("[IL-07] [district-rostering] reads nothing through the admin queries, not even the classes they teach", async () => {
    const teacher = { ...reader("teacher", w.districtA, [w.a1]) };
    expect(await adminOverview(teacher)).toEqual({ districtName: null, schools: [] });
    expect(await adminSchool(teacher, w.a1)).toBeNull();
    expect(await schoolClasses(teacher, w.a1)).toMatchObject({ classes: [], total: 0 });
    expect(await adminSection(teacher, w.a1, w.math)).toBeNull();
    expect(await adminRoster(teacher, w.a1, w.math)).toBeNull();
    expect(await districtSyncStatus(teacher)).toBeNull();
  });
});

describe("the district's sync status", () => {
  it("[district-rostering] is 'never' with no row, then the last success, a failure after it with its reference, and a failure since recovered", async () => {
    const districtId = unique("dist-sync");
    await db.district.create({ data: { id: districtId, name: "Synced District" } });
    const admin = reader("school_admin", districtId, []);
    expect(await districtSyncStatus(admin)).toEqual({ state: "never" });

    // A first full sync under way has no outcome yet.
    await db.districtSync.create({ data: { districtId, fullStep: "schools", fullStartedAt: new Date() } });
    expect(await districtSyncStatus(admin)).toEqual({ state: "never" });

    const succeeded = new Date("2026-01-05T10:00:00Z");
    await db.districtSync.update({ where: { districtId }, data: { lastSucceededAt: succeeded } });
    expect(await districtSyncStatus(admin)).toEqual({ state: "ok", lastSucceededAt: succeeded, lastFailedAt: null, errorRef: null, lastFullSync: null, held: null });

    const failed = new Date("2026-01-06T10:00:00Z");
    await db.districtSync.update({ where: { districtId }, data: { lastFailedAt: failed, errorRef: "ERR-ABC234", errorCode: "clever_unavailable" } });
    const failing = await districtSyncStatus(reader("district_admin", districtId));
    expect(failing).toEqual({ state: "failing", lastSucceededAt: succeeded, lastFailedAt: failed, errorRef: "ERR-ABC234", lastFullSync: null, held: null });
    // The code is for operators: nothing of it reaches the page.
    expect(JSON.stringify(failing)).not.toContain("clever_unavailable");

    const recovered = new Date("2026-01-07T10:00:00Z");
    await db.districtSync.update({ where: { districtId }, data: { lastSucceededAt: recovered } });
    expect(await districtSyncStatus(admin)).toEqual({ state: "ok", lastSucceededAt: recovered, lastFailedAt: failed, errorRef: "ERR-ABC234", lastFullSync: null, held: null });

    // A finished full sync says when and why it ran; a new one under way has no reason to show yet.
    await db.districtSync.update({ where: { districtId }, data: { fullStep: null, lastFullSyncAt: recovered, fullSyncReason: "events_gone" } });
    expect(await districtSyncStatus(admin)).toMatchObject({ lastFullSync: { at: recovered, why: "Clever no longer had the changes made since they were last read" } });
    await db.districtSync.update({ where: { districtId }, data: { fullStep: "schools" } });
    expect(await districtSyncStatus(admin)).toMatchObject({ lastFullSync: { at: recovered, why: null } });

    // Only the admin's own district's row.
    expect(await districtSyncStatus(reader("district_admin", w.districtB))).toEqual({ state: "never" });
  });
});
