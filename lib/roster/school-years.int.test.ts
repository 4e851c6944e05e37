// School years against a real PostgreSQL (ROLL-02, ROLL-04): which classes are
// past, their rosters as they stood, and the rollover summary told once.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { pastClassRoster, teacherSection, teacherSections } from "./queries";
import { markPastSeen, pastClass, pastClasses, rolloverSummary } from "./school-years";

afterAll(() => db.$disconnect());

let seq = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${++seq}`;
const now = new Date("2026-08-20T12:00:00Z");
const at = (iso: string) => new Date(iso);

async function setting() {
  const district = await db.district.create({ data: { id: unique("d"), name: "Distrito Ñandú" } });
  const teacher = await db.user.create({ data: { cleverId: unique("t"), role: "teacher", roles: ["teacher"], firstName: "Tía", lastName: "Núñez", districtId: district.id } });
  const term = (name: string, startDate: string, endDate: string | null) => db.term.create({ data: { id: unique("term"), districtId: district.id, name, startDate, endDate } });
  const section = async (name: string, data: { termId?: string; archivedAt?: Date; linkArchivedAt?: Date; knownSince?: Date } = {}) => {
    const row = await db.section.create({ data: { id: unique("sec"), districtId: district.id, name, termId: data.termId, archivedAt: data.archivedAt } });
    await db.sectionTeacher.create({ data: { sectionId: row.id, teacherId: teacher.id, archivedAt: data.linkArchivedAt } });
    if (data.knownSince) await db.sectionChoice.create({ data: { teacherId: teacher.id, sectionId: row.id, seenAt: data.knownSince, createdAt: data.knownSince } });
    return row;
  };
  const student = () => db.user.create({ data: { cleverId: unique("s"), role: "student", roles: ["student"], firstName: "Ana", lastName: "Ölçer" } });
  return { teacher, term, section, student };
}

describe("school years", () => {
  it("[ROLL-04] a class whose term ended, or that Clever archived, is past with its roster as it stood; a running term's class is current", async () => {
    const { teacher, term, section, student } = await setting();
    const lastYear = await term("2025–2026 Full Year", "2025-08-15", "2026-06-12T00:00:00.000Z");
    const thisYear = await term("2026–2027 Full Year", "2026-08-14", "2027-06-11");
    const ended = await section("Álgebra 2025", { termId: lastYear.id });
    await section("Biology 2025", { archivedAt: at("2026-07-01T00:00:00Z"), linkArchivedAt: at("2026-07-01T00:00:00Z") });
    const current = await section("Álgebra 2026", { termId: thisYear.id });
    const undated = await section("Homeroom");

    const [stayed, leftAfter, leftBefore] = await Promise.all([student(), student(), student()]);
    await db.enrollment.createMany({
      data: [
        { sectionId: ended.id, studentId: stayed.id },
        // Taken out after the term ended (a rollover's bulk removal): it stood.
        { sectionId: ended.id, studentId: leftAfter.id, archivedAt: at("2026-06-20T00:00:00Z") },
        // Left mid-year: not part of the class as it stood.
        { sectionId: ended.id, studentId: leftBefore.id, archivedAt: at("2026-02-01T00:00:00Z") },
      ],
    });

    expect((await teacherSections(teacher.id, now)).map((s) => s.name).sort()).toEqual(["Homeroom", "Álgebra 2026"]);
    expect((await teacherSections(teacher.id, now)).find((s) => s.id === current.id)?.term).toEqual({ name: "2026–2027 Full Year", startDate: "2026-08-14", endDate: "2027-06-11" });
    expect(await teacherSection(teacher.id, ended.id, now)).toBeNull();
    expect(await teacherSection(teacher.id, undated.id, now)).not.toBeNull();

    const past = await pastClasses(teacher.id, now);
    expect(past.map((c) => [c.name, c.pastSince.toISOString(), c.studentCount])).toEqual([
      ["Biology 2025", "2026-07-01T00:00:00.000Z", 0],
      // The day after the term's last day.
      ["Álgebra 2025", "2026-06-13T00:00:00.000Z", 2],
    ]);
    const endedClass = await pastClass(teacher.id, ended.id, now);
    if (!endedClass) throw new Error("the ended term's class is past");
    expect((await pastClassRoster(endedClass)).students.map((s) => s.id).sort()).toEqual([stayed.id, leftAfter.id].sort());
    // On its last day a term's class is still current.
    expect((await teacherSections(teacher.id, at("2026-06-12T23:00:00Z"))).map((s) => s.id)).toContain(ended.id);
  });

  it("[ROLL-04] [security] a teacher taken off a class before it ended has no past class: access ended with Clever's", async () => {
    const { teacher, section } = await setting();
    const removed = await section("Removed mid-year", { archivedAt: at("2026-07-01T00:00:00Z"), linkArchivedAt: at("2026-03-01T00:00:00Z") });
    const stillRunning = await section("Still running", { linkArchivedAt: at("2026-03-01T00:00:00Z") });
    expect(await pastClass(teacher.id, removed.id, now)).toBeNull();
    expect(await pastClass(teacher.id, stillRunning.id, now)).toBeNull();
    expect(await pastClasses(teacher.id, now)).toEqual([]);
  });

  it("[ROLL-02] the rollover summary counts classes the teacher knew that moved to Past, once, and again if one comes back and leaves", async () => {
    const { teacher, term, section } = await setting();
    const lastYear = await term("2025–2026", "2025-08-15", "2026-06-12");
    const known = at("2026-05-01T00:00:00Z");
    const a = await section("A", { termId: lastYear.id, knownSince: known });
    const b = await section("B", { archivedAt: at("2026-07-01T00:00:00Z"), knownSince: known });
    // First seen after it had ended (a first login in August): not news.
    await section("C", { termId: lastYear.id, knownSince: at("2026-08-19T00:00:00Z") });

    const summary = await rolloverSummary(teacher.id, 4, now);
    expect([...summary.movedToPast].sort()).toEqual([a.id, b.id].sort());
    expect(summary.newClasses).toBe(4);

    await markPastSeen(teacher.id, summary.movedToPast, now);
    expect((await rolloverSummary(teacher.id, 0, now)).movedToPast).toEqual([]);

    // B comes back in the fall, then leaves again at winter break: told again.
    await db.section.update({ where: { id: b.id }, data: { archivedAt: null } });
    expect((await rolloverSummary(teacher.id, 0, now)).movedToPast).toEqual([]);
    await db.section.update({ where: { id: b.id }, data: { archivedAt: at("2026-12-20T00:00:00Z") } });
    expect((await rolloverSummary(teacher.id, 0, at("2026-12-21T00:00:00Z"))).movedToPast).toEqual([b.id]);
  });
});
