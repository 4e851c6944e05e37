// A rollover in the local Clever (rollover.ts): POST /sandbox/rollover and
// POST /sandbox/sections/remove. What the Data API serves afterwards, the
// events Clever would send (validated against the events definitions), the
// scope that keeps parallel suites apart, both answers to what Clever's docs
// leave open (sections deleted, or kept into the new terms), and the 400s.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { ControlClient } from "../control-client";
import { fixtures } from "../fixtures";
import { nextYearName } from "../rollover";
import { definitionValidator, type DefinitionValidator } from "../swagger-schema";
import { api, districtToken, listIds, type TestSandbox, withSandbox } from "./helpers";

let sb: TestSandbox;
let clever: ControlClient;
let token: string;
withSandbox({ beforeAll, afterAll }, (started, control) => {
  sb = started;
  clever = control;
});
beforeAll(async () => {
  token = await districtToken(sb);
});
beforeEach(async () => {
  await clever.reset();
});

const f = fixtures;
const district = f.district.id;
const school = f.schoolElementary.id;
const TERM = "aaaaaaaaaaaaaaaaaaaaaa01";
const TEACHER = "bbbbbbbbbbbbbbbbbbbbbb01";
const OTHER_TEACHER = "bbbbbbbbbbbbbbbbbbbbbb02";
const [MATH, SCIENCE, ART, MATH5] = ["cccccccccccccccccccccc01", "cccccccccccccccccccccc02", "cccccccccccccccccccccc03", "cccccccccccccccccccccc04"];

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sb.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const validators: Record<string, DefinitionValidator> = {
  "v2.1": definitionValidator("v2.1-events", { closed: true }),
  "v3.1": definitionValidator("v3.1-events", { closed: true }),
};

interface Event {
  type: string;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
}

/** The feed of one version, each event checked against its definition. */
async function events(version: "v2.1" | "v3.1"): Promise<Event[]> {
  const r = await api(sb, token, `/${version}/events?limit=10000`);
  expect(r.status).toBe(200);
  const items = (r.body as { data: { data: Event }[] }).data.map((i) => i.data);
  for (const e of items) {
    const { previous_attributes: previous, ...data } = e.data;
    expect(validators[version]?.check(e.type, previous === undefined ? { ...e, data } : { ...e, data, previous_attributes: previous }), e.type).toBeNull();
  }
  return items;
}
const summary = (list: Event[]) => list.map((e) => `${e.type} ${String(e.data.object.id)}`);

function section(id: string, name: string, teacher: string, extra: Record<string, unknown> = {}): { id: string } & Record<string, unknown> {
  return { id, district, school, name, subject: "math", grade: "4", teacher, teachers: [teacher], students: [f.student.id], term_id: TERM, ...extra };
}

/** A teacher with Math and Science in this year's term, and another teacher's Art in the same term. */
async function lastYear(): Promise<void> {
  await clever.putV3Only("terms", TERM, { id: TERM, district, name: "2025–26 Full Year", start_date: "2025-08-20T00:00:00.000Z", end_date: "2026-06-12T00:00:00.000Z" });
  for (const [id, first] of [[TEACHER, "Rhoda"], [OTHER_TEACHER, "Otto"]] as const) {
    await clever.putData("teachers", id, { id, district, school, schools: [school], name: { first, last: "Rollover" } });
  }
  await clever.putData("sections", MATH, section(MATH, "Math 4 · 2025–26", TEACHER));
  await clever.putData("sections", SCIENCE, section(SCIENCE, "Science 4 · 2025–26", TEACHER, { subject: "science" }));
  await clever.putData("sections", ART, section(ART, "Art 4 · 2025–26", OTHER_TEACHER, { subject: "arts and music" }));
  await clever.expireEvents();
}

async function v3Section(id: string): Promise<{ status: number; term?: unknown }> {
  const r = await api(sb, token, `/v3.1/sections/${id}`);
  return { status: r.status, term: (r.body as { data?: { term_id?: unknown } }).data?.term_id };
}
async function v3Term(id: string): Promise<{ status: number; data?: Record<string, unknown> }> {
  const r = await api(sb, token, `/v3.1/terms/${id}`);
  return { status: r.status, data: (r.body as { data?: Record<string, unknown> }).data };
}

describe("POST /sandbox/rollover: old sections deleted (the default)", () => {
  test("[ROLL-02] [ROLL-03] the whole scope rolls over: sections deleted in bulk, the term deleted and made again under a new ID a year on, the new sections in it; events in Clever's order", async () => {
    await lastYear();
    const result = await clever.rollover({
      district_id: district,
      section_ids: [MATH, SCIENCE, ART],
      new_sections: [section(MATH5, "Math 5 · 2026–27", TEACHER, { grade: "5", term_id: undefined })],
    });
    const next = result.terms.created[0];
    expect(result.terms.created).toHaveLength(1);
    expect(next?.id).toMatch(/^[0-9a-f]{24}$/);
    expect(next?.id).not.toBe(TERM);
    expect(next).toEqual({ id: next?.id, district, name: "2026–27 Full Year", start_date: "2026-08-20T00:00:00.000Z", end_date: "2027-06-12T00:00:00.000Z" });
    expect(result).toEqual({ sections: { removed: [MATH, SCIENCE, ART], kept: [], created: [MATH5], updated: [] }, terms: { deleted: [TERM], created: [next] } });

    // What the Data API serves now.
    for (const id of [MATH, SCIENCE, ART]) expect((await v3Section(id)).status).toBe(404);
    expect((await api(sb, token, `/v2.1/sections/${MATH}`)).status).toBe(404);
    expect((await v3Term(TERM)).status).toBe(404);
    expect((await v3Term(String(next?.id))).data).toEqual(next);
    expect(await v3Section(MATH5)).toEqual({ status: 200, term: next?.id });
    expect(listIds((await api(sb, token, `/v2.1/teachers/${TEACHER}/sections`)).body)).toEqual([MATH5]);

    // The events, in the order an app can follow: old sections, old term, new term, new sections.
    expect(summary(await events("v3.1"))).toEqual([
      `sections.deleted ${MATH}`,
      `sections.deleted ${SCIENCE}`,
      `sections.deleted ${ART}`,
      `terms.deleted ${TERM}`,
      `terms.created ${String(next?.id)}`,
      `sections.created ${MATH5}`,
    ]);
    // v2.1 has no term events.
    expect(summary(await events("v2.1"))).toEqual([`sections.deleted ${MATH}`, `sections.deleted ${SCIENCE}`, `sections.deleted ${ART}`, `sections.created ${MATH5}`]);
  });

  test("[ROLL-02] a teacher's scope leaves everyone else's sections and a term still in use alone (parallel suites share the district)", async () => {
    await lastYear();
    const sectionsBefore = (await clever.getData("sections", f.sectionHomeroom.id)).data;
    const result = await clever.rollover({ district_id: district, school_id: school, teacher_id: TEACHER });
    expect(result.sections.removed).toEqual([MATH, SCIENCE]);
    // Art still names the term: Clever deletes a term only once no section does.
    expect(result.terms.deleted).toEqual([]);
    expect((await v3Term(TERM)).status).toBe(200);
    expect(await v3Section(ART)).toEqual({ status: 200, term: TERM });
    expect((await clever.getData("sections", f.sectionHomeroom.id)).data).toEqual(sectionsBefore);
    // The teacher's next year's term exists all the same, under a new ID.
    expect(result.terms.created.map((t) => t.name)).toEqual(["2026–27 Full Year"]);
    expect(summary(await events("v3.1"))).toEqual([`sections.deleted ${MATH}`, `sections.deleted ${SCIENCE}`, `terms.created ${String(result.terms.created[0]?.id)}`]);
    // A later rollover of the rest takes the old term away.
    const rest = await clever.rollover({ district_id: district, teacher_id: OTHER_TEACHER });
    expect(rest.terms.deleted).toEqual([TERM]);
  });

  test("[ROLL-03] the new term's ID, name and dates come from the body when given; a new section may name the old term (its successor is meant) or the new ID", async () => {
    await lastYear();
    const NEXT = "aaaaaaaaaaaaaaaaaaaaaa02";
    const result = await clever.rollover({
      district_id: district,
      teacher_id: TEACHER,
      terms: { [TERM]: { id: NEXT, name: "School Year 2026–2027", start_date: "2026-09-01T00:00:00.000Z", end_date: "2027-06-30T00:00:00.000Z" } },
      new_sections: [section(MATH5, "Math 5", TEACHER), section("cccccccccccccccccccccc05", "Science 5", TEACHER, { term_id: NEXT })],
    });
    expect(result.terms.created).toEqual([{ id: NEXT, district, name: "School Year 2026–2027", start_date: "2026-09-01T00:00:00.000Z", end_date: "2027-06-30T00:00:00.000Z" }]);
    expect(await v3Section(MATH5)).toEqual({ status: 200, term: NEXT });
    expect(await v3Section("cccccccccccccccccccccc05")).toEqual({ status: 200, term: NEXT });
  });

  test("timestamps stay timestamps a year on; sections without a term go without making one", async () => {
    await clever.putData("teachers", TEACHER, { id: TEACHER, district, school, name: { first: "Rhoda", last: "Rollover" } });
    await clever.putData("sections", MATH, section(MATH, "Math", TEACHER, { term_id: f.termFullYear.id }));
    await clever.putData("sections", SCIENCE, section(SCIENCE, "Science", TEACHER, { term_id: null }));
    const result = await clever.rollover({ district_id: district, teacher_id: TEACHER });
    expect(result.terms.created).toEqual([
      { id: result.terms.created[0]?.id, district, name: "2025–2026 Full Year", start_date: "2025-08-15T00:00:00.000Z", end_date: "2026-06-13T00:00:00.000Z" },
    ]);
    expect(result.terms.deleted).toEqual([f.termFullYear.id]);
  });
});

describe('POST /sandbox/rollover: old sections kept (old_sections: "keep")', () => {
  test("[ROLL-03] the same sections move into the new term (sections.updated); the old term, left empty, is deleted after", async () => {
    await lastYear();
    const result = await clever.rollover({
      district_id: district,
      teacher_id: TEACHER,
      old_sections: "keep",
      new_sections: [section(MATH, "Math 5 · 2026–27", TEACHER, { grade: "5", students: [] })],
    });
    const next = String(result.terms.created[0]?.id);
    expect(result.sections).toEqual({ removed: [], kept: [MATH, SCIENCE], created: [], updated: [MATH] });
    expect(result.terms.deleted).toEqual([]);
    expect(await v3Section(MATH)).toEqual({ status: 200, term: next });
    expect(await v3Section(SCIENCE)).toEqual({ status: 200, term: next });
    const math = (await clever.getData("sections", MATH)).data;
    expect(math).toMatchObject({ name: "Math 5 · 2026–27", grade: "5", students: [] });
    const v3 = await events("v3.1");
    expect(summary(v3)).toEqual([`terms.created ${next}`, `sections.updated ${MATH}`, `sections.updated ${SCIENCE}`]);
    expect(v3[2]?.data.previous_attributes).toEqual({ term_id: TERM });

    // Once Art moves on too, nothing names the old term: deleted after the sections moved.
    const rest = await clever.rollover({ district_id: district, teacher_id: OTHER_TEACHER, old_sections: "keep" });
    expect(rest.terms.deleted).toEqual([TERM]);
    expect(summary(await events("v3.1")).slice(3)).toEqual([`terms.created ${String(rest.terms.created[0]?.id)}`, `sections.updated ${ART}`, `terms.deleted ${TERM}`]);
  });
});

describe("POST /sandbox/sections/remove", () => {
  test("[ROLL-02] given sections go in bulk, in one call; a term they leave empty goes with them, a term nobody named stays", async () => {
    await lastYear();
    const removed = await clever.removeSections({ district_id: district, section_ids: [MATH, SCIENCE] });
    expect(removed).toEqual({ sections: { removed: [MATH, SCIENCE] }, terms: { deleted: [] } });
    const again = await clever.removeSections({ district_id: district, section_ids: [ART] });
    expect(again).toEqual({ sections: { removed: [ART] }, terms: { deleted: [TERM] } });
    // The fixture term names no section: untouched by a removal that never used it.
    expect((await v3Term(f.termFullYear.id)).status).toBe(200);
    expect(summary(await events("v3.1"))).toEqual([`sections.deleted ${MATH}`, `sections.deleted ${SCIENCE}`, `sections.deleted ${ART}`, `terms.deleted ${TERM}`]);
  });
});

describe("refused (400 with the reason; nothing changes)", () => {
  test.each([
    ["no district", { teacher_id: TEACHER }, /district_id/],
    ["a district that is no Clever ID", { district_id: "nope" }, /Clever ID/],
    ["an unknown key", { district_id: district, teacher: TEACHER }, /teacher/],
    ["an unknown mode", { district_id: district, teacher_id: TEACHER, old_sections: "archive" }, /old_sections/],
    ["a term date that is no date", { district_id: district, teacher_id: TEACHER, terms: { [TERM]: { end_date: "June" } } }, /ISO 8601 timestamp/],
    ["a new section without an ID", { district_id: district, teacher_id: TEACHER, new_sections: [{ name: "Math 5" }] }, /id/],
  ])("invalid body: %s", async (_what, body, reason) => {
    await lastYear();
    const r = await post("/sandbox/rollover", body);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid body");
    expect(JSON.stringify(r.body.details)).toMatch(reason);
  });

  test.each([
    ["an unknown district", { district_id: "dddddddddddddddddddddd01" }, "unknown district dddddddddddddddddddddd01"],
    ["a school of no such district", { district_id: district, school_id: "dddddddddddddddddddddd01" }, `unknown school dddddddddddddddddddddd01 in district ${district}`],
    ["an unknown teacher", { district_id: district, teacher_id: "dddddddddddddddddddddd01" }, `unknown teacher dddddddddddddddddddddd01 in district ${district}`],
    ["an unknown section", { district_id: district, section_ids: ["dddddddddddddddddddddd01"] }, `unknown section dddddddddddddddddddddd01 in district ${district}`],
    ["a scope with no section", { district_id: district, teacher_id: f.teacherZeroSections.id }, "no section of the district is in scope"],
    ["a term the scope does not use", { district_id: district, teacher_id: TEACHER, terms: { [f.termFullYear.id]: { name: "x" } } }, `term ${f.termFullYear.id} is not the term of a section in scope`],
    ["a new term ID that exists", { district_id: district, teacher_id: TEACHER, terms: { [TERM]: { id: f.termFullYear.id } } }, `term ${f.termFullYear.id} already exists`],
    ["a new section with the ID of one it deletes", { district_id: district, teacher_id: TEACHER, new_sections: [section(MATH, "Math 5", TEACHER)] }, /is a section the rollover deletes/],
    ["a new section with the ID of one outside the scope", { district_id: district, teacher_id: TEACHER, new_sections: [section(ART, "Art 5", TEACHER)] }, `new section ${ART} already exists outside the scope`],
    ["a new section in another district", { district_id: district, teacher_id: TEACHER, new_sections: [section(MATH5, "Math 5", TEACHER, { district: f.library.id })] }, /is not in district/],
    ["a new section naming an unknown term", { district_id: district, teacher_id: TEACHER, new_sections: [section(MATH5, "Math 5", TEACHER, { term_id: "dddddddddddddddddddddd01" })] }, /names term dddddddddddddddddddddd01/],
    ["a new section that is no Clever Section", { district_id: district, teacher_id: TEACHER, new_sections: [section(MATH5, "Math 5", TEACHER, { grade: "13" })] }, /not a valid Clever v2.0 Section/],
  ])("refused: %s", async (_what, body, reason) => {
    await lastYear();
    const before = await clever.getData("sections", MATH);
    const r = await post("/sandbox/rollover", body);
    expect(r.status).toBe(400);
    if (typeof reason === "string") expect(r.body.error).toBe(reason);
    else expect(String(r.body.error)).toMatch(reason);
    expect(await clever.getData("sections", MATH)).toEqual(before);
    expect((await v3Term(TERM)).status).toBe(200);
    expect(await events("v3.1")).toEqual([]);
  });

  test("the bulk removal checks its scope the same way", async () => {
    const r = await post("/sandbox/sections/remove", { district_id: district, section_ids: [] });
    expect(r.status).toBe(400);
    const unknown = await post("/sandbox/sections/remove", { district_id: district, section_ids: ["dddddddddddddddddddddd01"] });
    expect(unknown).toEqual({ status: 400, body: { error: `unknown section dddddddddddddddddddddd01 in district ${district}` } });
  });
});

test("next year's name: every year one on", () => {
  expect(nextYearName("2024–2025 Full Year")).toBe("2025–2026 Full Year");
  expect(nextYearName("2025–26 Full Year")).toBe("2026–27 Full Year");
  expect(nextYearName("Fall 2026")).toBe("Fall 2027");
  expect(nextYearName("1999-00")).toBe("2000-01");
  expect(nextYearName("Semester 1")).toBe("Semester 1");
});
