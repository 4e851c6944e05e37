// The district sync's statements (./roster-sql.ts) on a real PostgreSQL,
// fed through the staging path the sync uses (Clever's schemas, then
// ./staging.ts): what each writes, what it leaves alone, and that values
// arrive byte for byte.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { cleverSectionSchema, cleverStudentSchema, cleverTeacherSchema } from "@/lib/clever/schemas";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { countingDb, type CountingDb } from "@/tests/support/sync-testbed";
import { type PersonKind, stagePeople, stageSections } from "./staging";
import { type BatchCounts, lockSectionIds, unknownCleverIds, upsertSections } from "./roster-sql";
import { writePeople } from "@/lib/people";
import { districtPeople } from "./write";

const DISTRICT = "d15tr1c7000000000000000a";
const OTHER = "d15tr1c7000000000000000b";
const SCHOOL = "5c4001000000000000000001";
const refs = { schoolIds: new Set([SCHOOL]), termIds: new Set<string>() };

let counting: CountingDb;
const db = (): PrismaClient => counting.db;

beforeAll(() => {
  counting = countingDb(process.env.DATABASE_URL ?? "");
});
afterAll(async () => {
  await counting?.close();
});
beforeEach(async () => {
  await db().$executeRawUnsafe(`TRUNCATE "User", "Section", "School", "District", "Term", "DeletedCleverId" CASCADE`);
  await db().district.createMany({ data: [{ id: DISTRICT, name: "This district" }, { id: OTHER, name: "Another district" }] });
  await db().school.create({ data: { id: SCHOOL, name: "School", districtId: DISTRICT } });
});

const student = (id: string, first: string, extra: Record<string, unknown> = {}) =>
  cleverStudentSchema.parse({ id, district: DISTRICT, school: SCHOOL, name: { first, last: "Doe" }, grade: "3", ...extra });
const teacher = (id: string, first: string, extra: Record<string, unknown> = {}) =>
  cleverTeacherSchema.parse({ id, district: DISTRICT, school: SCHOOL, name: { first, last: "Teach" }, ...extra });
const section = (id: string, teachers: string[], students: string[], name = "Math 3") =>
  cleverSectionSchema.parse({ id, district: DISTRICT, school: SCHOOL, name, subject: "math", grade: "3", teacher: teachers[0], teachers, students });

/** One batch of people of `kind`, in its own transaction as a page's would
 * be, written by the people writer with the district's options (./write.ts). */
function writeKind(kind: PersonKind, records: (ReturnType<typeof student> | ReturnType<typeof teacher>)[]): Promise<BatchCounts> {
  return db().$transaction((tx) => writePeople(tx, stagePeople(kind, records, refs, DISTRICT), districtPeople({ districtId: DISTRICT, now: new Date() }, kind)));
}
const writeStudents = (records: ReturnType<typeof student>[]) => writeKind("students", records);
const writeTeachers = (records: ReturnType<typeof teacher>[]) => writeKind("teachers", records);
function writeSections(records: ReturnType<typeof section>[], readAt = new Date()): Promise<BatchCounts> {
  return db().$transaction(async (tx) => {
    const ctx = { tx, districtId: DISTRICT, now: new Date(), readAt };
    await lockSectionIds(
      ctx,
      records.map((r) => r.id),
    );
    return upsertSections(ctx, stageSections(records, refs, DISTRICT));
  });
}
const none = { created: 0, updated: 0, restored: 0 };

describe("people", () => {
  test("a new record is created; the same record again writes nothing, not even its updatedAt; a changed one is updated", async () => {
    expect(await writeStudents([student("s1", "Ana"), student("s2", "Bo")])).toMatchObject({ ...none, created: 2 });
    const before = await db().user.findMany({ orderBy: { cleverId: "asc" } });
    expect(before.map((u) => [u.cleverId, u.firstName, u.roles, u.authorizedBy, u.districtId, u.schoolId, u.grade])).toEqual([
      ["s1", "Ana", ["student"], "district", DISTRICT, SCHOOL, "3"],
      ["s2", "Bo", ["student"], "district", DISTRICT, SCHOOL, "3"],
    ]);
    expect(await writeStudents([student("s1", "Ana"), student("s2", "Bo")])).toMatchObject(none);
    expect(await db().user.findMany({ orderBy: { cleverId: "asc" } })).toEqual(before);
    expect(await writeStudents([student("s1", "Ana"), student("s2", "Bea")])).toMatchObject({ ...none, updated: 1 });
    expect((await db().user.findUniqueOrThrow({ where: { cleverId: "s2" } })).firstName).toBe("Bea");
  });

  test("a row another writer changed since the district wrote it is written again from Clever, once", async () => {
    await writeStudents([student("s1", "Ana")]);
    await db().user.update({ where: { cleverId: "s1" }, data: { firstName: "Changed elsewhere" } });
    expect(await writeStudents([student("s1", "Ana")])).toMatchObject({ ...none, updated: 1 });
    expect((await db().user.findUniqueOrThrow({ where: { cleverId: "s1" } })).firstName).toBe("Ana");
    expect(await writeStudents([student("s1", "Ana")])).toMatchObject(none);
  });

  test("an archived row is restored, a row without the kind's role is given it, each though its record did not change", async () => {
    await writeStudents([student("s1", "Ana"), student("s2", "Bo")]);
    await db().$executeRaw`UPDATE "User" SET "archivedAt" = now(), roles = '{}' WHERE "cleverId" = 's1'`;
    await db().$executeRaw`UPDATE "User" SET roles = '{teacher}' WHERE "cleverId" = 's2'`;
    expect(await writeStudents([student("s1", "Ana"), student("s2", "Bo")])).toMatchObject({ created: 0, updated: 1, restored: 1 });
    const rows = await db().user.findMany({ orderBy: { cleverId: "asc" } });
    expect(rows.map((u) => [u.archivedAt, u.roles])).toEqual([
      [null, ["student"]],
      [null, ["teacher", "student"]],
    ]);
  });

  test("a row of another district is neither written nor moved, and is counted; a Library teacher the district now shares becomes its", async () => {
    await db().user.create({ data: { cleverId: "s1", role: "student", roles: ["student"], authorizedBy: "district", districtId: OTHER, firstName: "Theirs" } });
    await db().user.create({ data: { cleverId: "t1", role: "teacher", roles: ["teacher"], authorizedBy: "teacher", firstName: "Library" } });
    expect(await writeStudents([student("s1", "Ours")])).toMatchObject({ ...none, foreign: 1 });
    expect(await db().user.findUniqueOrThrow({ where: { cleverId: "s1" } })).toMatchObject({ districtId: OTHER, firstName: "Theirs" });
    expect(await writeTeachers([teacher("t1", "Tess")])).toMatchObject({ ...none, updated: 1, foreign: 0 });
    expect(await db().user.findUniqueOrThrow({ where: { cleverId: "t1" } })).toMatchObject({ districtId: DISTRICT, authorizedBy: "district", firstName: "Tess" });
  });

  test("legacy IDs: a v3 record finds the row made under the v2 ID it names, which moves to the v3 ID; a v2 record finds a row by its legacy ID", async () => {
    await writeTeachers([teacher("v2teacher", "Tess")]);
    const row = await db().user.findUniqueOrThrow({ where: { cleverId: "v2teacher" } });
    expect(await writeTeachers([teacher("v3teacher", "Tess", { legacy_id: "v2teacher" })])).toMatchObject({ ...none, updated: 1 });
    expect(await db().user.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ cleverId: "v3teacher", cleverLegacyIds: ["v2teacher"] });
    // Back on v2.1: the record names the v2 ID, which the row keeps as a legacy ID.
    expect(await writeTeachers([teacher("v2teacher", "Tess")])).toMatchObject(none);
    expect(await db().user.count()).toBe(1);
  });

  test("a person deleted on request is not created again, under their ID or the v2 ID their record names", async () => {
    await db().deletedCleverId.createMany({ data: [{ cleverId: "s1" }, { cleverId: "v2gone" }] });
    expect(await writeStudents([student("s1", "Ana"), student("s2", "Bo", { legacy_id: "v2gone" }), student("s3", "Cy")])).toMatchObject({ ...none, created: 1 });
    expect((await db().user.findMany()).map((u) => u.cleverId)).toEqual(["s3"]);
  });

  test("two records of one batch naming one row: the first the batch lists is written", async () => {
    await writeTeachers([teacher("v2teacher", "Tess")]);
    expect(await writeTeachers([teacher("v3teacher", "First", { legacy_id: "v2teacher" }), teacher("v2teacher", "Second")])).toMatchObject({ ...none, updated: 1 });
    expect(await db().user.findMany({ select: { cleverId: true, firstName: true } })).toEqual([{ cleverId: "v3teacher", firstName: "First" }]);
  });

  test("which Clever IDs no row has, by its own ID or a legacy one", async () => {
    await writeTeachers([teacher("v3teacher", "Tess", { legacy_id: "v2teacher" })]);
    expect((await unknownCleverIds(db(), ["v3teacher", "v2teacher", "nobody"])).sort()).toEqual(["nobody"]);
  });
});

describe("sections", () => {
  const links = () => db().sectionTeacher.findMany({ orderBy: { teacherId: "asc" }, include: { teacher: { select: { cleverId: true } } } });
  const enrolled = async () => (await db().enrollment.findMany({ where: { archivedAt: null }, include: { student: { select: { cleverId: true } } } })).map((e) => e.student.cleverId).sort();

  test("links and enrollments follow the section's lists: joined, left (archived), back (restored); a new class shows on its teacher's dashboard", async () => {
    await writeTeachers([teacher("t1", "Tess"), teacher("t2", "Theo")]);
    await writeStudents([student("s1", "Ana"), student("s2", "Bo"), student("s3", "Cy")]);
    expect(await writeSections([section("x1", ["t1"], ["s1", "s2"])])).toMatchObject({ created: 4, updated: 0, restored: 0, archived: 0 });
    expect(await db().sectionChoice.findMany({ select: { sectionId: true, shown: true } })).toEqual([{ sectionId: "x1", shown: true }]);
    expect(await writeSections([section("x1", ["t1"], ["s1", "s2"])])).toMatchObject({ created: 0, updated: 0, restored: 0, archived: 0 });

    // s2 leaves, s3 joins, t2 becomes the primary teacher beside t1.
    expect(await writeSections([section("x1", ["t2", "t1"], ["s1", "s3"])])).toMatchObject({ created: 2, updated: 1, restored: 0, archived: 1 });
    expect(await enrolled()).toEqual(["s1", "s3"]);
    expect((await links()).map((l) => [l.teacher.cleverId, l.isPrimary, l.archivedAt])).toEqual(
      expect.arrayContaining([
        ["t1", false, null],
        ["t2", true, null],
      ]),
    );
    expect(await writeSections([section("x1", ["t2", "t1"], ["s1", "s2", "s3"])])).toMatchObject({ created: 0, updated: 0, restored: 1, archived: 0 });
    expect(await enrolled()).toEqual(["s1", "s2", "s3"]);
  });

  test("a renamed section keeps its old name; a section of another district is left alone, with its roster; people of another district are not linked", async () => {
    await writeStudents([student("s1", "Ana")]);
    await db().user.create({ data: { cleverId: "s9", role: "student", roles: ["student"], authorizedBy: "district", districtId: OTHER } });
    await db().section.create({ data: { id: "x9", name: "Theirs", districtId: OTHER } });
    await writeSections([section("x1", [], ["s1", "s9"])]);
    expect(await writeSections([section("x1", [], ["s1", "s9"], "Math 3B"), section("x9", [], ["s1"], "Ours now?")])).toMatchObject({ updated: 1, foreign: 1 });
    expect(await db().section.findUniqueOrThrow({ where: { id: "x1" } })).toMatchObject({ name: "Math 3B", previousName: "Math 3" });
    expect(await db().section.findUniqueOrThrow({ where: { id: "x9" } })).toMatchObject({ name: "Theirs", districtId: OTHER });
    expect(await db().enrollment.count({ where: { sectionId: "x9" } })).toBe(0);
    expect(await enrolled()).toEqual(["s1"]);
  });

  test("an enrollment written after the page was read is newer than it, and left alone", async () => {
    await writeStudents([student("s1", "Ana"), student("s2", "Bo")]);
    const readAt = new Date();
    await writeSections([section("x1", [], ["s1"])], readAt);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const s2 = await db().user.findUniqueOrThrow({ where: { cleverId: "s2" } });
    await db().enrollment.create({ data: { sectionId: "x1", studentId: s2.id } });
    // The same older page again: it neither archives the newer enrollment nor counts it.
    expect(await writeSections([section("x1", [], ["s1"])], readAt)).toMatchObject({ created: 0, updated: 0, restored: 0, archived: 0 });
    expect(await enrolled()).toEqual(["s1", "s2"]);
  });
});

describe("the staging path", () => {
  // What Clever might send in a name, each kept exactly as sent (no
  // trimming, no normalization), except the control characters the schemas
  // strip (PostgreSQL refuses U+0000 in text).
  const nfc = "Jos\u00e9";
  const nfd = "Jose\u0301";
  const hostile = {
    long: "Ñ".repeat(1000) + "a".repeat(1000),
    rtl: "\u202Bمريم الحسن\u202C \u200Fנועה\u200F",
    nfc,
    nfd,
    emoji: "Zoë 👩‍👩‍👧‍👦 🇺🇸 👍🏽 𠜎",
    quoting: `O'Brien "\\" \\u0000 '); DROP TABLE "User"; -- },{"a":1}`,
  };

  test("hostile names arrive byte for byte (NUL stripped, 2,000 characters, right to left, NFC and NFD apart, emoji), and an unchanged one is not written again", async () => {
    const records = Object.values(hostile).map((value, i) => student(`h${i}`, "", { name: { first: `\u0000${value}\u0007`, last: value } }));
    expect(await writeStudents(records)).toMatchObject({ ...none, created: records.length });
    const rows = await db().$queryRaw<{ cleverId: string; firstName: string; lastName: string; name: string; hex: string }[]>`
      SELECT "cleverId", "firstName", "lastName", name, encode(convert_to("firstName", 'UTF8'), 'hex') AS hex FROM "User" ORDER BY "cleverId"`;
    Object.values(hostile).forEach((value, i) => {
      const row = rows[i];
      expect(row?.firstName).toBe(value);
      expect(row?.lastName).toBe(value);
      expect(row?.name).toBe(`${value} ${value}`);
      // The bytes PostgreSQL holds are the UTF-8 of what was sent.
      expect(row?.hex).toBe(Buffer.from(value, "utf8").toString("hex"));
    });
    expect(rows[0]?.firstName).toHaveLength(2000);
    expect(rows[2]?.firstName).not.toBe(rows[3]?.firstName);
    expect(rows[2]?.firstName.normalize("NFC")).toBe(rows[3]?.firstName.normalize("NFC"));
    expect(await writeStudents(records)).toMatchObject(none);
  });

  test("a section's hostile name arrives byte for byte and keeps its roster", async () => {
    await writeStudents([student("s1", "Ana")]);
    for (const [i, name] of Object.values(hostile).entries()) {
      expect(await writeSections([section(`x${i}`, [], ["s1"], name)])).toMatchObject({ created: 2 });
      expect((await db().section.findUniqueOrThrow({ where: { id: `x${i}` } })).name).toBe(name);
      expect(await writeSections([section(`x${i}`, [], ["s1"], name)])).toMatchObject({ created: 0, updated: 0 });
    }
  });
});
