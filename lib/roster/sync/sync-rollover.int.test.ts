// A teacher's own sync across a rollover (ROLL-02, ROLL-03, ROLL-04), where
// her district is not rostered as a whole: her classes show their term, read
// with the district-app token; after Clever's rollover (POST /sandbox/rollover:
// her sections deleted, their term made again under a new ID, this year's
// sections created) her sync shows the new classes in the new term and keeps
// last year's, with their old term, under Past classes; nothing duplicated.
// And the other answer Clever's docs leave open: the same sections kept into
// the new term.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures } from "@/sandbox/fixtures";
import { teacherSections } from "@/lib/roster/queries";
import { pastClasses } from "@/lib/roster/school-years";
import { syncUser } from "./sync";
import { logIn, syncTestbed, testDeps } from "@/tests/support/sync-testbed";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });

const district = fixtures.district.id;
const school = fixtures.schoolElementary.id;
const TEACHER = "70ee0000000000000000a001";
const TERM = "70ee0000000000000000b001";
const [MATH4, SCIENCE4, MATH5] = ["70ee0000000000000000c001", "70ee0000000000000000c002", "70ee0000000000000000c003"];
const JUNE = new Date("2026-06-01T12:00:00Z");

async function lastYear(): Promise<void> {
  await bed.clever.putV3Only("terms", TERM, { id: TERM, district, name: "2025–26 Full Year", start_date: "2025-08-20T00:00:00.000Z", end_date: "2026-06-12T00:00:00.000Z" });
  await bed.clever.putData("teachers", TEACHER, { id: TEACHER, district, school, schools: [school], name: { first: "Rhoda", last: "Rollover" } });
  for (const [id, name, students] of [
    [MATH4, "Math 4 · 2025–26", [fixtures.student.id, fixtures.studentNoGrade.id]],
    [SCIENCE4, "Science 4 · 2025–26", [fixtures.student.id]],
  ] as const) {
    await bed.clever.putData("sections", id, { id, district, school, name, subject: "math", grade: "4", teacher: TEACHER, teachers: [TEACHER], students: [...students], term_id: TERM });
  }
}

describe.each(["v2.1", "v3.1"] as const)("a teacher's sync across a rollover on %s", (apiVersion) => {
  const deps = () => testDeps(bed.sandbox, bed.counting.db, { apiVersion });

  test(`[ROLL-02] [ROLL-03] [ROLL-04] ${apiVersion}: her classes show their term; after the rollover the new ones show the new term (a new ID) and last year's keep theirs under Past classes; nothing duplicated`, async () => {
    await lastYear();
    const { user } = await logIn(bed.sandbox, deps(), TEACHER);
    expect((await syncUser(user.id, "login", deps())).status).toBe("succeeded");
    expect((await teacherSections(user.id, JUNE)).map((s) => [s.name, s.term])).toEqual([
      ["Math 4 · 2025–26", { name: "2025–26 Full Year", startDate: "2025-08-20T00:00:00.000Z", endDate: "2026-06-12T00:00:00.000Z" }],
      ["Science 4 · 2025–26", { name: "2025–26 Full Year", startDate: "2025-08-20T00:00:00.000Z", endDate: "2026-06-12T00:00:00.000Z" }],
    ]);

    const rolled = await bed.clever.rollover({
      district_id: district,
      teacher_id: TEACHER,
      new_sections: [{ id: MATH5, school, name: "Math 5 · 2026–27", subject: "math", grade: "5", teacher: TEACHER, teachers: [TEACHER], students: [fixtures.student.id] }],
    });
    const next = rolled.terms.created[0];
    expect(rolled.terms.deleted).toEqual([TERM]);
    expect((await syncUser(user.id, "button", deps())).status).toBe("succeeded");

    expect((await teacherSections(user.id, JUNE)).map((s) => [s.id, s.term?.name, s.term?.startDate])).toEqual([[MATH5, "2026–27 Full Year", "2026-08-20T00:00:00.000Z"]]);
    expect(next?.id).not.toBe(TERM);
    const past = await pastClasses(user.id, JUNE);
    expect(past.map((c) => [c.name, c.term?.name, c.studentCount])).toEqual([
      ["Math 4 · 2025–26", "2025–26 Full Year", 2],
      ["Science 4 · 2025–26", "2025–26 Full Year", 1],
    ]);
    const db = bed.counting.db;
    expect(await db.term.findMany({ where: { districtId: district }, select: { id: true, name: true }, orderBy: { name: "asc" } })).toEqual([
      { id: TERM, name: "2025–26 Full Year" },
      { id: next?.id, name: "2026–27 Full Year" },
    ]);
    expect(await db.section.count({ where: { id: { in: [MATH4, SCIENCE4, MATH5] } } })).toBe(3);

    // Again: nothing to write.
    const again = await syncUser(user.id, "button", deps());
    expect(again).toMatchObject({ status: "succeeded", counts: { created: 0, updated: 0, archived: 0, restored: 0 } });
  });

  test(`[ROLL-03] ${apiVersion}: a district that keeps its section IDs: the same classes, now in the new term; no past class`, async () => {
    await lastYear();
    const { user } = await logIn(bed.sandbox, deps(), TEACHER);
    expect((await syncUser(user.id, "login", deps())).status).toBe("succeeded");
    const rolled = await bed.clever.rollover({ district_id: district, teacher_id: TEACHER, old_sections: "keep" });
    expect((await syncUser(user.id, "button", deps())).status).toBe("succeeded");
    expect((await teacherSections(user.id, JUNE)).map((s) => [s.id, s.term?.name])).toEqual([
      [MATH4, "2026–27 Full Year"],
      [SCIENCE4, "2026–27 Full Year"],
    ]);
    expect((await bed.counting.db.section.findUniqueOrThrow({ where: { id: MATH4 } })).termId).toBe(rolled.terms.created[0]?.id);
    expect(await pastClasses(user.id, JUNE)).toEqual([]);
  });
});
