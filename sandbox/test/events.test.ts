// Clever's Events API in the local Clever (events.ts, events-api.ts): changes
// made through the control API are events in each version's shape, validated
// against Clever's events definitions (v2.1-events.yml, v3.0-events.yml,
// v3.1-events.yml; entity definitions closed); paging, limits, the 30-day
// window and the gone cursor, token types, districts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { ControlClient } from "../control-client";
import { fixtures } from "../fixtures";
import { definitionValidator, type DefinitionValidator } from "../swagger-schema";
import { api, districtToken, expectHtml404, expectJson404, links, startSandbox, type TestSandbox, userToken, withSandbox } from "./helpers";

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
const NEW_STUDENT = "0123456789abcdef01234567";

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
const DAY = 24 * 60 * 60_000;

const validators: Record<string, DefinitionValidator> = {
  "v2.1": definitionValidator("v2.1-events", { closed: true }),
  "v3.0": definitionValidator("v3.0-events", { closed: true }),
  "v3.1": definitionValidator("v3.1-events", { closed: true }),
};

interface Event {
  id: string;
  created: string;
  type: string;
  /** `previous_attributes` inside `data`, as Clever's recorded events have it. */
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
}

/** An event as the definitions place `previous_attributes` (beside `data`),
 * for checking everything else against them: the recordings, which win, put
 * it inside `data`. */
function asDefined(event: Event): Record<string, unknown> {
  const { previous_attributes: previous, ...data } = event.data;
  return previous === undefined ? { ...event, data } : { ...event, data, previous_attributes: previous };
}

/** Every event of a feed page, each validated against the definition its `type` names. */
async function events(version: string, query = "", as = token): Promise<{ events: Event[]; body: unknown }> {
  const r = await api(sb, as, `/${version}/events${query}`);
  expect(r.status, r.text.slice(0, 300)).toBe(200);
  const v = validators[version] as DefinitionValidator;
  expect(v.check("EventsResponse", r.body)).toBeNull();
  const items = (r.body as { data: { data: Event; uri: string }[] }).data;
  for (const item of items) {
    expect(item.uri).toBe(`/${version}/events/${item.data.id}`);
    expect(v.check(item.data.type, asDefined(item.data)), item.data.type).toBeNull();
  }
  return { events: items.map((i) => i.data), body: r.body };
}

const newStudent = {
  district: f.district.id,
  school: f.schoolElementary.id,
  schools: [f.schoolElementary.id],
  name: { first: "Zoë", last: "Nuñez" },
  grade: "3",
};

describe("events for changes made through the control API", () => {
  test("a created student: students.created on v2.1, users.created on v3.0 and v3.1, each in its version's shape", async () => {
    await clever.putData("students", NEW_STUDENT, newStudent);
    const v2 = (await events("v2.1")).events;
    expect(v2.map((e) => e.type)).toEqual(["students.created"]);
    expect(v2[0]?.data.object).toEqual({ id: NEW_STUDENT, ...newStudent });
    expect(v2[0]?.data.previous_attributes).toBeUndefined();
    for (const version of ["v3.0", "v3.1"]) {
      const v3 = (await events(version)).events;
      expect(v3.map((e) => e.type)).toEqual(["users.created"]);
      const user = (await api(sb, token, `/${version}/users/${NEW_STUDENT}`)).body as { data: unknown };
      // The event's object is what the version's /users/{id} serves.
      expect(v3[0]?.data.object).toEqual(user.data);
    }
    expect(Date.parse(v2[0]?.created ?? "")).toBe(sb.clock.now);
  });

  test("as recorded: previous_attributes sits inside data, and a nested change gives only the part that changed", async () => {
    await clever.putData("students", NEW_STUDENT, newStudent);
    await clever.putData("students", NEW_STUDENT, { ...newStudent, name: { first: "Zoé", last: "Nuñez" } });
    const [, updated] = (await events("v2.1")).events;
    expect(updated?.data.previous_attributes).toEqual({ name: { first: "Zoë" } });
    const recorded = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../shared/clever-recorded/v3.0-events-users.updated-1.json"), "utf8")) as { data: { data: object } };
    const [, v3Updated] = (await events("v3.1")).events;
    expect(Object.keys(v3Updated?.data ?? {}).sort()).toEqual(Object.keys(recorded.data.data).sort());
  });

  test("an updated student: previous_attributes holds each changed field's prior value, the object the new state", async () => {
    await clever.putData("students", NEW_STUDENT, newStudent);
    await clever.putData("students", NEW_STUDENT, { ...newStudent, grade: "4", email: "zoe@example.org" });
    const v2 = (await events("v2.1")).events;
    expect(v2.map((e) => e.type)).toEqual(["students.created", "students.updated"]);
    expect(v2[1]?.data.previous_attributes).toEqual({ grade: "3", email: null });
    expect(v2[1]?.data.object).toMatchObject({ grade: "4", email: "zoe@example.org" });
    const v3 = (await events("v3.1")).events;
    expect(v3.map((e) => e.type)).toEqual(["users.created", "users.updated"]);
    expect(v3[1]?.data.previous_attributes?.email).toBeNull();
    expect((v3[1]?.data.previous_attributes?.roles as { student: { grade: string } }).student.grade).toBe("3");
    // The created event keeps the state it was recorded with.
    expect(v2[0]?.data.object.grade).toBe("3");
    // IDs ascend.
    expect([...v2.map((e) => e.id)].sort()).toEqual(v2.map((e) => e.id));
  });

  test("a PUT that changes nothing (fields reordered) records no event", async () => {
    const teacher = (await clever.getData("teachers", f.teacher.id)).data;
    const reordered = Object.fromEntries(Object.entries(teacher).reverse());
    await clever.putData("teachers", f.teacher.id, reordered);
    expect((await events("v2.1")).events).toEqual([]);
    expect((await events("v3.1")).events).toEqual([]);
  });

  test("a deleted student: students.deleted with its last state, and sections.updated for the sections that held it", async () => {
    await clever.deleteData("students", f.studentMultiTeacher.id);
    const v2 = (await events("v2.1")).events;
    expect(v2[0]?.type).toBe("students.deleted");
    expect(v2[0]?.data.object.id).toBe(f.studentMultiTeacher.id);
    const sections = v2.filter((e) => e.type === "sections.updated");
    expect(sections.map((e) => e.data.object.id).sort()).toEqual(
      [f.sectionHomeroom.id, f.twelveSection02.id, f.sectionCoTaught.id].sort(),
    );
    for (const e of sections) {
      expect(e.data.previous_attributes?.students).toContain(f.studentMultiTeacher.id);
      expect(e.data.object.students).not.toContain(f.studentMultiTeacher.id);
    }
    const v3 = (await events("v3.0")).events;
    expect(v3.map((e) => e.type).sort()).toEqual(["sections.updated", "sections.updated", "sections.updated", "users.deleted"]);
  });

  test("sections, schools and teachers: their own record types; v2.1 admins are districtadmins/schooladmins", async () => {
    const section = (await clever.getData("sections", f.sectionUtf8.id)).data;
    await clever.putData("sections", f.sectionUtf8.id, { ...section, name: "Español 2" });
    const school = (await clever.getData("schools", f.schoolHigh.id)).data;
    await clever.putData("schools", f.schoolHigh.id, { ...school, phone: "555-0100" });
    await clever.deleteData("district_admins", f.districtAdmin.id);
    const v2 = (await events("v2.1")).events;
    expect(v2.map((e) => e.type)).toEqual(["sections.updated", "schools.updated", "districtadmins.deleted"]);
    expect(v2[0]?.data.previous_attributes).toEqual({ name: section.name });
    const v3 = (await events("v3.1")).events;
    expect(v3.map((e) => e.type)).toEqual(["sections.updated", "schools.updated", "users.deleted"]);
    // v3 sections name their teachers by v3 ID.
    expect(v3[0]?.data.object.teacher).toBe(sb.store.v3IdOf(String(section.teacher), "teacher"));
    expect(v3[0]?.data.object.teacher).not.toBe(section.teacher);
  });

  test("a v3 user with two roles is one users.created on v3 and one event per role record on v2.1", async () => {
    const v3Id = "aaaaaaaaaaaaaaaaaaaaaaaa";
    await clever.putUser(v3Id, {
      district: f.district.id,
      name: { first: "Yael", last: "כהן" },
      email: "yael@example.org",
      roles: { teacher: { school: f.schoolHigh.id, schools: [f.schoolHigh.id] }, staff: { schools: [f.schoolHigh.id] } },
    });
    expect((await events("v3.1")).events.map((e) => e.type)).toEqual(["users.created"]);
    expect((await events("v2.1")).events.map((e) => e.type).sort()).toEqual(["schooladmins.created", "teachers.created"]);
    await clever.deleteUser(v3Id);
    expect((await events("v3.1")).events.map((e) => e.type)).toEqual(["users.created", "users.deleted"]);
  });

  test("sharing changes: a district user unshared to the Library is deleted from the district's feed, shared back is created", async () => {
    await clever.setSharing({ user: f.teacherUtf8.id, shared_by: "teacher" });
    await clever.setSharing({ user: f.teacherUtf8.id, shared_by: "district" });
    expect((await events("v2.1")).events.map((e) => e.type)).toEqual(["teachers.deleted", "teachers.created"]);
    // Library records belong to no district: no events.
    const lib = (await clever.getData("teachers", f.libraryTeacher.id)).data;
    await clever.putData("teachers", f.libraryTeacher.id, { ...lib, email: "rosa@new.example" });
    expect((await events("v2.1")).events).toHaveLength(2);
  });

  test("terms and courses (v3 only): terms.updated, courses.created/deleted on v3, nothing on v2.1", async () => {
    const term = (await control("GET", `/sandbox/data/terms/${f.termFullYear.id}`)).body as { data: Record<string, unknown> };
    expect((await control("PUT", `/sandbox/data/terms/${f.termFullYear.id}`, { ...term.data, name: "2024–25 School Year" })).status).toBe(200);
    const course = "cccccccccccccccccccccccc";
    // The client's typed calls reach the same endpoints.
    expect((await clever.putV3Only("courses", course, { district: f.district.id, name: "Álgebra I", number: "MATH-9" })).data.name).toBe("Álgebra I");
    expect((await clever.getV3Only("courses", course)).data.number).toBe("MATH-9");
    await clever.deleteV3Only("courses", course);
    expect((await control("PUT", `/sandbox/data/courses/${course}`, { district: f.district.id, name: 7 })).status).toBe(400);
    const v3 = (await events("v3.0")).events;
    expect(v3.map((e) => e.type)).toEqual(["terms.updated", "courses.created", "courses.deleted"]);
    expect(v3[0]?.data.previous_attributes).toEqual({ name: term.data.name });
    expect((await events("v2.1")).events).toEqual([]);
  });

  test("the school and record_type filters", async () => {
    await clever.putData("students", NEW_STUDENT, newStudent);
    const school = (await clever.getData("schools", f.schoolHigh.id)).data;
    await clever.putData("schools", f.schoolHigh.id, { ...school, phone: "555-0100" });
    expect((await events("v2.1", "?record_type=schools")).events.map((e) => e.type)).toEqual(["schools.updated"]);
    expect((await events("v3.1", "?record_type=users&record_type=schools")).events).toHaveLength(2);
    expect((await events("v2.1", `?school=${f.schoolElementary.id}`)).events.map((e) => e.type)).toEqual(["students.created"]);
    const bad = await api(sb, token, "/v2.1/events?record_type=users");
    expect(bad.status).toBe(400);
    expect(validators["v2.1"]?.check("BadRequest", bad.body)).toBeNull();
    expect((await api(sb, token, "/v3.1/events?record_type=students")).status).toBe(400);
  });

  test("GET /events/{id}: one event; unknown or other version's shape → JSON 404", async () => {
    await clever.putData("students", NEW_STUDENT, newStudent);
    const [e] = (await events("v3.1")).events;
    const one = await api(sb, token, `/v3.1/events/${e?.id ?? ""}`);
    expect(one.status).toBe(200);
    expect(validators["v3.1"]?.check("EventResponse", one.body)).toBeNull();
    expect((one.body as { data: Event }).data).toEqual(e);
    const missing = await api(sb, token, "/v3.1/events/ffffffffffffffffffffffff");
    expectJson404(missing, "unknown event");
    expect(validators["v3.1"]?.check("NotFound", missing.body)).toBeNull();
    expectHtml404(await api(sb, token, `/v3.1/events/${e?.id ?? ""}/more`), "no such endpoint");
  });

  test("reset clears the events", async () => {
    await clever.putData("students", NEW_STUDENT, newStudent);
    await clever.reset();
    expect((await events("v2.1")).events).toEqual([]);
  });
});

describe("paging", () => {
  async function fiveEvents(): Promise<string[]> {
    const section = (await clever.getData("sections", f.sectionUtf8.id)).data;
    for (let i = 1; i <= 5; i++) await clever.putData("sections", f.sectionUtf8.id, { ...section, period: String(i) });
    const all = (await events("v2.1")).events.map((e) => e.id);
    expect(all).toHaveLength(5);
    return all;
  }

  test("forward with next links, backward with prev links, ascending by ID", async () => {
    const all = await fiveEvents();
    const seen: string[] = [];
    let next: string | undefined = "/v2.1/events?limit=2";
    while (next) {
      const page = await events("v2.1", next.replace("/v2.1/events", ""));
      seen.push(...page.events.map((e) => e.id));
      next = links(page.body).next;
    }
    expect(seen).toEqual(all);
    const back: string[] = [];
    let prev: string | undefined = `/v2.1/events?limit=2&ending_before=${all[4] ?? ""}`;
    while (prev) {
      const page = await events("v2.1", prev.replace("/v2.1/events", ""));
      back.unshift(...page.events.map((e) => e.id));
      prev = links(page.body).prev;
    }
    expect(back).toEqual(all.slice(0, 4));
    const after = await events("v2.1", `?starting_after=${all[1] ?? ""}`);
    expect(after.events.map((e) => e.id)).toEqual(all.slice(2));
  });

  test("next links keep the record_type filter", async () => {
    await fiveEvents();
    await clever.putData("students", NEW_STUDENT, newStudent);
    const first = await events("v2.1", "?limit=2&record_type=sections");
    const next = links(first.body).next ?? "";
    expect(next).toContain("record_type=sections");
    const rest = await events("v2.1", next.replace("/v2.1/events", "") + "&limit=10");
    expect(rest.events.every((e) => e.type === "sections.updated")).toBe(true);
  });

  test("limit bounds: 1..10000; over 10000 is 413 (strict), 0 or words 400", async () => {
    await fiveEvents();
    expect((await events("v3.1", "?limit=1")).events).toHaveLength(1);
    expect((await events("v3.1", "?limit=10000")).events).toHaveLength(5);
    expect((await api(sb, token, "/v3.1/events?limit=10001")).status).toBe(413);
    expect((await api(sb, token, "/v2.1/events?limit=0")).status).toBe(400);
    expect((await api(sb, token, "/v2.1/events?limit=ten")).status).toBe(400);
  });
});

describe("the 30-day window and the gone cursor", () => {
  afterAll(async () => {
    await clever.reset();
  });

  test("events older than 30 days leave the feed; with goneCursor \"not_found\" a cursor among them is a JSON 404 (the definitions' NotFound)", async () => {
    await clever.setEventSettings({ goneCursor: "not_found" });
    await clever.putData("students", NEW_STUDENT, newStudent);
    const [old] = (await events("v2.1")).events;
    await clever.advanceClock(29 * DAY);
    expect((await events("v2.1")).events).toHaveLength(1);
    await clever.advanceClock(DAY);
    expect((await events("v2.1")).events).toEqual([]);
    const gone = await api(sb, token, `/v2.1/events?starting_after=${old?.id ?? ""}`);
    expectJson404(gone, "expired cursor");
    expect(validators["v2.1"]?.check("NotFound", gone.body)).toBeNull();
    expectJson404(await api(sb, token, `/v2.1/events/${old?.id ?? ""}`), "expired event");
    expectJson404(await api(sb, token, "/v3.1/events?ending_before=000000000000000000000000"), "unknown cursor");
  });

  test("POST /sandbox/events/expire empties the window at once; by default (as recorded) a gone cursor resumes 200 from the oldest event kept, its own event 404", async () => {
    await clever.putData("students", NEW_STUDENT, newStudent);
    const [old] = (await events("v3.1")).events;
    // One change, two events: students.created (v2.1) and users.created (v3).
    expect(await clever.expireEvents()).toEqual({ expired: 2 });
    expect(await clever.eventSettings()).toEqual({ goneCursor: "resume" });
    await clever.putData("students", NEW_STUDENT, { ...newStudent, grade: "5" });
    const resumed = await events("v3.1", `?starting_after=${old?.id ?? ""}`);
    expect(resumed.events.map((e) => e.type)).toEqual(["users.updated"]);
    expectJson404(await api(sb, token, `/v3.1/events/${old?.id ?? ""}`), "gone event");
    await clever.setEventSettings({ goneCursor: "not_found" });
    expectJson404(await api(sb, token, `/v3.1/events?starting_after=${old?.id ?? ""}`), "expired cursor");
    await expect(clever.setEventSettings({ goneCursor: "maybe" as "resume" })).rejects.toThrow(/answered 400/);
    await clever.reset();
    expect(await clever.eventSettings()).toEqual({ goneCursor: "resume" });
  });
});

describe("token types", () => {
  test("a user token gets the wrong-token answer: HTML 404 (strict); with paging parameters 400 like the Data API", async () => {
    const user = await userToken(sb, f.teacher.id);
    for (const version of ["v2.1", "v3.0", "v3.1"]) {
      expectHtml404(await api(sb, user, `/${version}/events`), `${version} user token`);
      expectHtml404(await api(sb, user, `/${version}/events/ffffffffffffffffffffffff`), `${version} user token, one event`);
    }
    expect((await api(sb, user, "/v3.1/events?limit=1")).status).toBe(400);
    expect((await api(sb, undefined, "/v3.1/events")).status).toBe(401);
  });

  test("v2.0 has no Events API: an unknown endpoint (HTML 404)", async () => {
    expectHtml404(await api(sb, token, "/v2.0/events"), "v2.0");
  });

  test("lenient mode: a user token gets a 403 JSON, limit over 10000 a 400", async () => {
    const lenient = await startSandbox({ strict: false });
    try {
      const user = await userToken(lenient, f.teacher.id);
      const r = await api(lenient, user, "/v2.1/events");
      expect(r.status).toBe(403);
      expect(r.headers.get("content-type")).toMatch(/^application\/json/);
      expect((await api(lenient, await districtToken(lenient), "/v2.1/events?limit=10001")).status).toBe(400);
    } finally {
      await lenient.close();
    }
  });
});
