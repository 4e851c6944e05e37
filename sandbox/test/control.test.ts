// Control API: data upserts, faults, latency, clock, stats, reset, modes.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures } from "../fixtures";
import { api, Browser, districtToken, listIds, startSandbox, type TestSandbox, userToken } from "./helpers";

let sb: TestSandbox;
let token: string;
beforeAll(async () => {
  sb = await startSandbox();
  token = await districtToken(sb);
});
afterAll(async () => {
  await sb.close();
});
beforeEach(async () => {
  await control("POST", "/sandbox/reset");
  await control("POST", "/sandbox/stats/reset");
});

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const f = fixtures;
const NEW_STUDENT = "0123456789abcdef01234567";

describe("data upserts", () => {
  test("[LIG-04] a new student added to a section shows up in the section's students", async () => {
    const put = await control("PUT", `/sandbox/data/students/${NEW_STUDENT}`, {
      district: f.district.id,
      school: f.schoolElementary.id,
      schools: [f.schoolElementary.id],
      name: { first: "Zara", last: "Newcomer" },
      grade: "3",
    });
    expect(put.status).toBe(201);
    const section = ((await api(sb, token, `/v2.0/sections/${f.sectionHomeroom.id}`)).body as { data: Record<string, unknown> }).data;
    const students = [...(section.students as string[]), NEW_STUDENT];
    const upd = await control("PUT", `/sandbox/data/sections/${f.sectionHomeroom.id}`, { ...section, students, name: "Homeroom 3 (renamed)" });
    expect(upd.status).toBe(200);
    const list = await api(sb, token, `/v2.0/sections/${f.sectionHomeroom.id}/students`);
    expect(listIds(list.body)).toContain(NEW_STUDENT);
    const renamed = (await api(sb, token, `/v2.0/sections/${f.sectionHomeroom.id}`)).body as { data: { name: string } };
    expect(renamed.data.name).toBe("Homeroom 3 (renamed)");
    // The student's own sections follow from the section.
    expect(listIds((await api(sb, token, `/v2.0/students/${NEW_STUDENT}/sections`)).body)).toEqual([f.sectionHomeroom.id]);
  });

  test("the {data: ...} envelope is accepted; invalid Clever shapes are refused with the reason", async () => {
    const ok = await control("PUT", `/sandbox/data/teachers/${NEW_STUDENT}`, { data: { name: { first: "Lib", last: "Teacher" } } });
    expect(ok.status).toBe(201);
    const badGrade = await control("PUT", `/sandbox/data/students/${NEW_STUDENT}`, { name: { first: "A" }, grade: "13" });
    expect(badGrade.status).toBe(400);
    expect(JSON.stringify(badGrade.body)).toContain("grade");
    const badSubject = await control("PUT", `/sandbox/data/sections/${NEW_STUDENT}`, { name: "X", subject: "Math" });
    expect(badSubject.status).toBe(400);
    const idMismatch = await control("PUT", `/sandbox/data/students/${NEW_STUDENT}`, { id: "other" });
    expect(idMismatch.status).toBe(400);
    const unknownDistrict = await control("PUT", `/sandbox/data/students/${NEW_STUDENT}`, { district: "ffffffffffffffffffffffff" });
    expect(unknownDistrict.status).toBe(400);
    expect((await control("PUT", `/sandbox/data/widgets/${NEW_STUDENT}`, {})).status).toBe(404);
  });

  test("delete removes the record and its enrollments", async () => {
    expect((await control("DELETE", `/sandbox/data/students/${f.student.id}`)).status).toBe(200);
    expect((await api(sb, token, `/v2.0/students/${f.student.id}`)).status).toBe(404);
    expect(listIds((await api(sb, token, `/v2.0/sections/${f.sectionHomeroom.id}/students`)).body)).not.toContain(f.student.id);
    expect((await control("DELETE", `/sandbox/data/students/${f.student.id}`)).status).toBe(404);
    // Deleting the primary teacher promotes a co-teacher.
    await control("DELETE", `/sandbox/data/teachers/${f.coTeacherA.id}`);
    const sec = (await api(sb, token, `/v2.0/sections/${f.sectionCoTaught.id}`)).body as { data: { teacher: string; teachers: string[] } };
    expect(sec.data.teachers).not.toContain(f.coTeacherA.id);
    expect(sec.data.teacher).toBe(sec.data.teachers[0]);
  });

  test("reset restores the seed (and keeps district tokens and apps)", async () => {
    await control("DELETE", `/sandbox/data/sections/${f.sectionBig.id}`);
    expect((await api(sb, token, `/v2.0/sections/${f.sectionBig.id}`)).status).toBe(404);
    await control("POST", "/sandbox/reset");
    expect((await api(sb, token, `/v2.0/sections/${f.sectionBig.id}`)).status).toBe(200);
  });

  test("GET /sandbox/users lists every user with its case tags", async () => {
    const users = (await control("GET", "/sandbox/users")).body as {
      id: string;
      type: string;
      name: string;
      email: string | null;
      district: string | null;
      authorized_by: string;
      tags: string[];
    }[];
    const byId = new Map(users.map((u) => [u.id, u]));
    expect(byId.get(f.teacherZeroSections.id)).toMatchObject({ type: "teacher", name: "Nora Quinn", district: f.district.id, authorized_by: "district" });
    expect(byId.get(f.teacherZeroSections.id)?.tags).toContain("zero-sections");
    expect(byId.get(f.libraryStudent.id)).toMatchObject({ type: "student", district: null, authorized_by: "teacher" });
    expect(byId.get(f.teacherNoEmail.id)?.email).toBeNull();
    expect(byId.get(f.districtAdmin.id)?.type).toBe("district_admin");
    for (const h of Object.values(fixtures)) {
      if (["teacher", "student", "school_admin", "district_admin"].includes(h.type)) {
        expect(byId.get(h.id)?.name, h.key).toBe(h.name);
      }
    }
  });
});

describe("app registrations", () => {
  test("[IL-07] PUT /sandbox/apps/{client_id} registers an app at runtime (kept across reset); DELETE removes it", async () => {
    const app = {
      client_id: "runtime-students",
      client_secret: "s3cret",
      name: "Runtime Students",
      redirect_uris: ["http://localhost:3200/cb"],
      user_types: ["student"],
    };
    expect((await control("PUT", "/sandbox/apps/runtime-students", app)).status).toBe(201);
    await control("POST", "/sandbox/reset");
    const browser = new Browser(sb.url);
    const teacher = await browser.get(`/instant-login?client_id=runtime-students&user_id=${f.teacher.id}`);
    expect(teacher.status).toBe(403);
    const student = await browser.get(`/instant-login?client_id=runtime-students&user_id=${f.student.id}`);
    expect(student.location?.startsWith("http://localhost:3200/cb?code=")).toBe(true);
    expect((await control("PUT", "/sandbox/apps/other", app)).status).toBe(400);
    expect((await control("PUT", "/sandbox/apps/runtime-students", { ...app, user_types: ["janitor"] })).status).toBe(400);
    expect((await control("DELETE", "/sandbox/apps/runtime-students")).status).toBe(200);
    expect((await browser.get(`/instant-login?client_id=runtime-students&user_id=${f.student.id}`)).status).toBe(400);
  });
});

describe("faults", () => {
  test("status 503 with Retry-After, for N times, then normal again", async () => {
    await control("POST", "/sandbox/faults", { path: "/v2.0/sections", status: 503, retryAfter: 2, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${sb.url}/v2.0/sections/${f.sectionBig.id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("2");
      await res.text();
    }
    expect((await api(sb, token, `/v2.0/sections/${f.sectionBig.id}`)).status).toBe(200);
  });

  test("429 by regex; other paths unaffected; DELETE /sandbox/faults clears", async () => {
    await control("POST", "/sandbox/faults", { path: "^/v2\\.0/sections/[^/]+/students", status: 429, retryAfter: 1 });
    expect((await api(sb, token, `/v2.0/sections/${f.sectionBig.id}/students`)).status).toBe(429);
    expect((await api(sb, token, `/v2.0/sections/${f.sectionBig.id}`)).status).toBe(200);
    await control("DELETE", "/sandbox/faults");
    expect((await api(sb, token, `/v2.0/sections/${f.sectionBig.id}/students`)).status).toBe(200);
  });

  test("DELETE /sandbox/faults?user= clears that user's faults and leaves the others", async () => {
    await control("POST", "/sandbox/faults", { path: "/userinfo", status: 503, user: f.teacher.id });
    await control("POST", "/sandbox/faults", { path: "/userinfo", status: 503, user: f.student.id });
    await control("DELETE", `/sandbox/faults?user=${f.teacher.id}`);
    const left = (await control("GET", "/sandbox/faults")).body as { user?: string }[];
    expect(left.map((fault) => fault.user)).toEqual([f.student.id]);
    await control("DELETE", "/sandbox/faults");
  });

  test("500 on the token endpoint", async () => {
    await control("POST", "/sandbox/faults", { path: "/oauth/tokens", method: "POST", status: 500, times: 1 });
    const res = await fetch(`${sb.url}/oauth/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(500);
  });

  test("malformed body: 200 with JSON that does not parse", async () => {
    await control("POST", "/sandbox/faults", { path: "/v2.0/me", body: "malformed", times: 1 });
    const r = await api(sb, token, "/v2.0/me");
    expect(r.status).toBe(200);
    expect(r.body).toBeUndefined();
    expect(r.text.length).toBeGreaterThan(0);
  });

  test("truncated body: the connection drops mid-body", async () => {
    await control("POST", "/sandbox/faults", { path: "/v2.0/teachers", body: "truncated", times: 1 });
    await expect(
      fetch(`${sb.url}/v2.0/teachers`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text()),
    ).rejects.toThrow();
  });

  test("latency and hang", async () => {
    await control("POST", "/sandbox/faults", { path: "/v2.0/districts", latencyMs: 150, times: 1 });
    let t0 = performance.now();
    expect((await api(sb, token, `/v2.0/districts/${f.district.id}`)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);

    await control("POST", "/sandbox/faults", { path: "/v2.0/schools", hang: true, times: 1 });
    t0 = performance.now();
    await expect(
      fetch(`${sb.url}/v2.0/schools`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
    // The fault was used up: next request answers.
    expect((await api(sb, token, "/v2.0/schools")).status).toBe(200);
  });

  test("a fault scoped to a user hits only that user's token and code exchange", async () => {
    const target = await userToken(sb, f.student.id);
    const other = await userToken(sb, f.teacher.id);
    await control("POST", "/sandbox/faults", { path: "/v2.1/me", status: 401, user: f.student.id });
    expect((await api(sb, other, "/v2.1/me")).status).toBe(200);
    expect((await api(sb, token, "/v2.1/me")).status).toBe(200);
    expect((await api(sb, target, "/v2.1/me")).status).toBe(401);
    await control("DELETE", "/sandbox/faults");

    // The token exchange: matched by the user the code was issued to.
    await control("POST", "/sandbox/faults", { path: "/oauth/tokens", method: "POST", status: 500, user: f.student.id });
    expect(await userToken(sb, f.teacher.id)).toMatch(/^\w+$/);
    await expect(userToken(sb, f.student.id)).rejects.toThrow(/token exchange failed/);
    await control("DELETE", "/sandbox/faults");
  });

  test("invalid fault specs are refused", async () => {
    expect((await control("POST", "/sandbox/faults", { path: "/x", status: 200 })).status).toBe(400);
    expect((await control("POST", "/sandbox/faults", { status: 500 })).status).toBe(400);
    expect((await control("POST", "/sandbox/faults", { path: "/x", body: "weird" })).status).toBe(400);
  });

  test("global latency applies to Clever endpoints, not to /sandbox", async () => {
    await control("POST", "/sandbox/latency", { ms: 50 });
    const t0 = performance.now();
    await api(sb, token, "/v2.0/me");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
    // With Clever's endpoints half a minute slow, a control call still answers at once.
    await control("POST", "/sandbox/latency", { ms: 30_000 });
    const first = await Promise.race([
      control("GET", "/sandbox/stats").then(() => "control answered"),
      new Promise((resolve) => setTimeout(resolve, 10_000, "control delayed")),
    ]);
    expect(first).toBe("control answered");
    await control("POST", "/sandbox/latency", { ms: 0 });
  });
});

describe("stats and clock", () => {
  test("request counts per endpoint, with IDs folded; control calls not counted", async () => {
    await api(sb, token, `/v2.0/sections/${f.sectionBig.id}/students`);
    await api(sb, token, `/v2.0/sections/${f.sectionCoTaught.id}/students`);
    await api(sb, token, "/v2.1/me");
    const stats = (await control("GET", "/sandbox/stats")).body as { total: number; endpoints: Record<string, number> };
    expect(stats.total).toBe(3);
    expect(stats.endpoints).toEqual({ "GET /v2.0/sections/{id}/students": 2, "GET /v2.1/me": 1 });
    await control("POST", "/sandbox/stats/reset");
    expect(((await control("GET", "/sandbox/stats")).body as { total: number }).total).toBe(0);
  });

  test("POST /sandbox/clock advances the clock; reset rewinds it", async () => {
    const before = ((await control("GET", "/sandbox/clock")).body as { now: number }).now;
    const after = ((await control("POST", "/sandbox/clock", { advanceMs: 5000 })).body as { now: number }).now;
    expect(after - before).toBe(5000);
    expect((await control("POST", "/sandbox/clock", { advanceMs: -1 })).status).toBe(400);
    await control("POST", "/sandbox/reset");
    expect(((await control("GET", "/sandbox/clock")).body as { now: number }).now).toBe(before);
  });
});

describe("modes", () => {
  test("production mode: /sandbox/* is 404 and the user_id shortcut is off", async () => {
    const prod = await startSandbox({ mode: "production" });
    try {
      expect((await fetch(`${prod.url}/sandbox/users`)).status).toBe(404);
      expect((await fetch(`${prod.url}/sandbox/reset`, { method: "POST" })).status).toBe(404);
      const browser = new Browser(prod.url);
      const page = await browser.get(`/instant-login?client_id=demo-client-id&user_id=${f.teacher.id}`);
      expect(page.status).toBe(200);
      expect(page.html).toContain("Find your school");
    } finally {
      await prod.close();
    }
  });

  test("DELETE /sandbox/faults works with no body and no Content-Type", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${sb.url}/sandbox/faults`, { method: "DELETE" }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(200);
  });
});
