// A school year's rollover reaching a district-rostered app (ROLL-02,
// ROLL-03, ROLL-04): a full sync, then Clever's rollover in the local Clever
// (POST /sandbox/rollover: last year's sections deleted in bulk, the terms
// deleted and made again under new IDs, the new sections created), then its
// events. Both of Clever's possible answers (sections deleted, or kept into the
// new terms), on both API versions (v2.1 has no term events: a section naming
// a term the app does not have reads it). Nothing duplicated; last year's
// classes under Past classes with their term; the next full sync agrees.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { generatedDistrictId } from "@/sandbox/generated-district";
import type { SyncDeps } from "@/lib/clever/deps";
import { districtTestbed, dumpRoster, testDeps } from "@/tests/support/sync-testbed";
import { teacherSections } from "@/lib/roster/queries";
import { pastClasses } from "@/lib/roster/school-years";
import { pollEvents } from "./events";
import { runFullSync } from "./full-sync";
import { rowsWritten } from "./write";

const SIZE = { students: 60, teachers: 6, sections: 14, schools: 2, seed: 31 };
const DISTRICT = generatedDistrictId(SIZE.seed);
const forever = () => ({ until: Date.now() + 120_000 });
// Early June, before last year's terms end (June 12): what is past is past
// because Clever took it away, not because its term ran out.
const JUNE = new Date("2026-06-01T12:00:00Z");
const [MATH5, SCIENCE5] = ["ffffffffffffffffffff0001", "ffffffffffffffffffff0002"];

const bed = districtTestbed({ beforeAll, afterAll, beforeEach }, SIZE);

const db = () => bed.counting.db;

interface Upstream {
  id: string;
  teacher?: string;
  students?: string[];
  term_id?: string | null;
  school?: string;
}

/** A teacher of the generated district with at least two sections, her sections and her row. */
async function aTeacher() {
  const sections = bed.sandbox.store.listInDistrict("sections", DISTRICT) as unknown as Upstream[];
  const byTeacher = new Map<string, Upstream[]>();
  for (const s of sections) if (s.teacher) byTeacher.set(s.teacher, [...(byTeacher.get(s.teacher) ?? []), s]);
  const [v2Id, mine] = [...byTeacher].find(([, list]) => list.length >= 2) ?? [];
  if (!v2Id || !mine) throw new Error("the generated district has no teacher with two sections");
  const link = await db().sectionTeacher.findFirstOrThrow({ where: { sectionId: mine[0]?.id } });
  return { v2Id, sections: mine, userId: link.teacherId, school: String(mine[0]?.school) };
}

async function terms() {
  return db().term.findMany({ where: { districtId: DISTRICT }, select: { id: true, name: true, startDate: true, endDate: true, archivedAt: true }, orderBy: { name: "asc" } });
}

describe.each(["v2.1", "v3.1"] as const)("a rollover through events on %s", (apiVersion) => {
  const deps = (overrides: Partial<SyncDeps> = {}) => testDeps(bed.sandbox, db(), { apiVersion, districtPageLimit: 25, ...overrides });

  test(`[ROLL-02] [ROLL-03] [ROLL-04] ${apiVersion}: last year's sections deleted in bulk and their terms made again under new IDs: the old classes archived under Past classes with their old term, the new ones current in the new terms, nothing duplicated`, async () => {
    expect((await runFullSync(deps(), DISTRICT, forever())).status).toBe("done");
    const teacher = await aTeacher();
    const oldTerms = await terms();
    expect(oldTerms.map((t) => t.name)).toEqual(["2025–2026 Full Year", "Fall 2025", "Spring 2026"]);
    const before = (await pastClasses(teacher.userId, JUNE)).length;
    expect(before).toBe(0);
    const cursor = (await db().districtSync.findUniqueOrThrow({ where: { districtId: DISTRICT } })).eventCursor;
    const oldSections = await db().section.count({ where: { districtId: DISTRICT } });
    const people = await db().user.count();

    // The whole district rolls over; the teacher gets this year's Math 5 and Science 5.
    const students = teacher.sections[0]?.students ?? [];
    const fullYear = oldTerms.find((t) => t.name === "2025–2026 Full Year")?.id ?? "";
    const result = await bed.clever.rollover({
      district_id: DISTRICT,
      new_sections: [
        { id: MATH5, school: teacher.school, name: "Math 5", subject: "math", grade: "5", teacher: teacher.v2Id, teachers: [teacher.v2Id], students, term_id: fullYear },
        { id: SCIENCE5, school: teacher.school, name: "Science 5", subject: "science", grade: "5", teacher: teacher.v2Id, teachers: [teacher.v2Id], students: students.slice(0, 2), term_id: fullYear },
      ],
    });
    expect(result.terms.deleted.sort()).toEqual(oldTerms.map((t) => t.id).sort());
    const nextYear = result.terms.created.find((t) => t.name === "2026–2027 Full Year");
    expect(nextYear?.id).not.toBe(fullYear);

    const polled = await pollEvents(deps(), DISTRICT, forever());
    expect(polled.status).toBe("done");

    // Every old section archived, none deleted; the two new ones once each, in the new term.
    expect(await db().section.count({ where: { districtId: DISTRICT } })).toBe(oldSections + 2);
    expect(await db().section.count({ where: { districtId: DISTRICT, archivedAt: null } })).toBe(2);
    expect(await db().section.findMany({ where: { id: { in: [MATH5, SCIENCE5] } }, select: { id: true, termId: true, archivedAt: true }, orderBy: { id: "asc" } })).toEqual([
      { id: MATH5, termId: nextYear?.id, archivedAt: null },
      { id: SCIENCE5, termId: nextYear?.id, archivedAt: null },
    ]);
    expect(await db().user.count()).toBe(people);

    // Her dashboard: this year's classes, with the new term; Past classes: last year's, with theirs.
    const current = await teacherSections(teacher.userId, JUNE);
    expect(current.map((s) => [s.name, s.term?.name])).toEqual([
      ["Math 5", "2026–2027 Full Year"],
      ["Science 5", "2026–2027 Full Year"],
    ]);
    const past = await pastClasses(teacher.userId, JUNE);
    expect(past.map((c) => c.id).sort()).toEqual(teacher.sections.map((s) => s.id).sort());
    for (const c of past) {
      const was = teacher.sections.find((s) => s.id === c.id);
      expect(c.term?.name).toBe(oldTerms.find((t) => t.id === was?.term_id)?.name);
      expect(c.studentCount).toBe(new Set(was?.students ?? []).size);
    }

    // The same events again: the same rows.
    const after = await dumpRoster(db());
    await db().districtSync.update({ where: { districtId: DISTRICT }, data: { eventCursor: cursor } });
    expect(rowsWritten((await pollEvents(deps(), DISTRICT, forever())).counts)).toBe(0);
    expect(await dumpRoster(db())).toEqual(after);

    // The next full sync agrees: last year's terms archived (v3.1 said so in
    // its events; v2.1 has none), this year's all there, once.
    expect((await runFullSync(deps(), DISTRICT, forever())).status).toBe("done");
    const allTerms = await terms();
    expect(allTerms.filter((t) => t.archivedAt !== null).map((t) => t.id).sort()).toEqual(oldTerms.map((t) => t.id).sort());
    expect(allTerms.filter((t) => t.archivedAt === null).map((t) => [t.id, t.name])).toEqual(
      result.terms.created.map((t) => [t.id, t.name]).sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    );
    expect(await db().section.count({ where: { districtId: DISTRICT } })).toBe(oldSections + 2);
    expect((await pastClasses(teacher.userId, JUNE)).length).toBe(teacher.sections.length);
    const again = await runFullSync(deps(), DISTRICT, forever());
    expect(rowsWritten(again.counts)).toBe(0);
  });

  test(`[ROLL-03] ${apiVersion}: a district that keeps its section IDs: the same classes move into the new terms (no past class, no duplicate), the old terms archived`, async () => {
    expect((await runFullSync(deps(), DISTRICT, forever())).status).toBe("done");
    const teacher = await aTeacher();
    const oldTerms = await terms();
    const oldSections = await db().section.count({ where: { districtId: DISTRICT } });
    const [renamed] = teacher.sections;
    const record = (await bed.clever.getData("sections", renamed?.id ?? "")).data;

    const result = await bed.clever.rollover({ district_id: DISTRICT, old_sections: "keep", new_sections: [{ ...record, name: "Math 5 (2026–27)", grade: "5" }] });
    expect(result.sections.kept).toHaveLength(oldSections);
    expect((await pollEvents(deps(), DISTRICT, forever())).status).toBe("done");

    expect(await db().section.count({ where: { districtId: DISTRICT } })).toBe(oldSections);
    expect(await db().section.count({ where: { districtId: DISTRICT, archivedAt: null } })).toBe(oldSections);
    const successor = new Map(result.terms.created.map((t) => [t.name, t]));
    const current = await teacherSections(teacher.userId, JUNE);
    expect(current.map((s) => s.id).sort()).toEqual(teacher.sections.map((s) => s.id).sort());
    for (const s of current) {
      const was = oldTerms.find((t) => t.id === teacher.sections.find((u) => u.id === s.id)?.term_id);
      expect(s.term?.name).toBe(was ? successor.get(String(was.name).replace(/\d{4}/g, (y) => String(Number(y) + 1)))?.name : undefined);
    }
    expect(current.find((s) => s.id === renamed?.id)?.name).toBe("Math 5 (2026–27)");
    expect(await pastClasses(teacher.userId, JUNE)).toEqual([]);

    expect((await runFullSync(deps(), DISTRICT, forever())).status).toBe("done");
    const allTerms = await terms();
    expect(allTerms.filter((t) => t.archivedAt !== null).map((t) => t.id).sort()).toEqual(oldTerms.map((t) => t.id).sort());
    expect(allTerms.filter((t) => t.archivedAt === null)).toHaveLength(result.terms.created.length);
    expect(await db().section.count({ where: { districtId: DISTRICT } })).toBe(oldSections);
  });
});
