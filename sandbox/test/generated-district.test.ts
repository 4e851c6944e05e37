// The generated district (generated-district.ts): deterministic from its
// seed, a real district's proportions, the name mixture an importer must
// survive, valid Clever records, real paging through 50,000 students at
// limit 10000 on v2.1 and v3.1, and its control API and CLI options.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseCliArgs } from "../config";
import type { ControlClient } from "../control-client";
import { fixtures } from "../fixtures";
import { generateDistrict, generatedDistrictId, generatedId, resolveSize } from "../generated-district";
import { definitionValidator } from "../swagger-schema";
import { api, DEMO_BASIC, districtToken, links, type TestSandbox, withSandbox } from "./helpers";

function digest(value: unknown): string {
  return createHash("sha1").update(JSON.stringify(value)).digest("hex");
}

/** The district-app token of one district (`&district=` narrows GET /oauth/tokens). */
async function tokenOf(sb: TestSandbox, districtId: string): Promise<string> {
  const res = await fetch(`${sb.url}/oauth/tokens?owner_type=district&district=${districtId}`, { headers: { authorization: DEMO_BASIC } });
  const body = (await res.json()) as { data: { access_token: string }[] };
  expect(body.data).toHaveLength(1);
  return body.data[0]?.access_token ?? "";
}

describe("generation", () => {
  test("deterministic from the seed: the same seed gives the same district, another seed another", () => {
    const a = generateDistrict({ students: 2000, seed: 7 });
    const b = generateDistrict({ students: 2000, seed: 7 });
    const c = generateDistrict({ students: 2000, seed: 8 });
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).not.toBe(digest(c));
    expect(a.data.students[0]?.id).toBe(generatedId(7, "student", 0));
    expect(a.data.districts[0]?.id).toBe(generatedDistrictId(7));
  });

  test("proportions: 50,000 students → 3,000 teachers, 15,000 sections, 60 schools, 3 terms; given counts are kept", () => {
    expect(resolveSize({ students: 50_000 })).toEqual({ students: 50_000, teachers: 3000, sections: 15_000, schools: 60, seed: 1 });
    const small = generateDistrict({ students: 500, teachers: 40, sections: 90, schools: 3, seed: 2 });
    expect(Object.fromEntries(Object.entries(small.data).map(([k, v]) => [k, v.length]))).toEqual({
      districts: 1,
      schools: 3,
      teachers: 40,
      students: 500,
      sections: 90,
      district_admins: 1,
      school_admins: 3,
    });
    expect(small.terms).toHaveLength(3);
    // Every enrolment and teacher is a record of the same school.
    const schoolOf = new Map([...small.data.students, ...small.data.teachers].map((o) => [o.id, o.school]));
    for (const s of small.data.sections) {
      for (const id of [...(s.students ?? []), ...(s.teachers ?? [])]) expect(schoolOf.get(id)).toBe(s.school);
      expect(small.terms.map((t) => t.id)).toContain(s.term_id);
    }
  });

  test("50,000 students; names mix accents, Arabic, Hebrew, emoji, NFD; a third have no email; every record valid v2.0", () => {
    const g = generateDistrict({ students: 50_000 });
    const names = g.data.students.map((s) => s.name as { first: string; last: string });
    const share = (p: (n: { first: string; last: string }) => boolean) => names.filter(p).length / names.length;
    const full = (n: { first: string; last: string }) => `${n.first} ${n.last}`;
    expect(share((n) => /[\u0600-\u06ff]/.test(full(n)))).toBeGreaterThan(0.05);
    expect(share((n) => /[\u0590-\u05ff]/.test(full(n)))).toBeGreaterThan(0.04);
    expect(share((n) => /\p{Extended_Pictographic}/u.test(full(n)))).toBeGreaterThan(0.05);
    expect(share((n) => full(n) !== full(n).normalize("NFC"))).toBeGreaterThan(0.05);
    expect(share((n) => /[ñéøüçł]/i.test(full(n).normalize("NFC")))).toBeGreaterThan(0.2);
    const noEmail = g.data.students.filter((s) => s.email === undefined).length / g.data.students.length;
    expect(noEmail).toBeGreaterThan(0.3);
    expect(noEmail).toBeLessThan(0.4);
    expect(new Set(g.data.students.map((s) => s.id)).size).toBe(50_000);
    const v = definitionValidator("v2.0", { closed: true });
    const defs = { districts: "District", schools: "School", teachers: "Teacher", students: "Student", sections: "Section", district_admins: "DistrictAdmin", school_admins: "SchoolAdmin" } as const;
    for (const [kind, list] of Object.entries(g.data) as [keyof typeof defs, { id: string }[]][]) {
      // Every record of the small kinds, every 25th student and section.
      const sample = list.length > 5000 ? list.filter((_, i) => i % 25 === 0) : list;
      for (const o of sample) expect(v.check(defs[kind], o), `${kind} ${o.id}`).toBeNull();
    }
  });

  test("CLI options: any of --students/--teachers/--sections/--schools/--seed adds a generated district; others are refused", () => {
    expect(parseCliArgs([])).toEqual({});
    expect(parseCliArgs(["--students", "1200", "--seed", "4"])).toEqual({ generatedDistrict: { students: 1200, seed: 4 } });
    expect(parseCliArgs(["--teachers", "10"])).toEqual({ generatedDistrict: { students: 50_000, teachers: 10 } });
    expect(() => parseCliArgs(["--students", "many"])).toThrow(/whole number/);
    expect(() => parseCliArgs(["--pupils", "5"])).toThrow();
  });
});

describe("50,000 students through the Data API", () => {
  let sb: TestSandbox;
  withSandbox(
    { beforeAll, afterAll },
    (started) => {
      sb = started;
    },
    { generatedDistrict: { students: 50_000 } },
  );

  for (const [version, path] of [["v2.1", "/v2.1/students"], ["v3.1", "/v3.1/users?role=student"]] as const) {
    test(`${version}: five pages of 10000, ascending, each student once, every one of the district's`, async () => {
      const token = await tokenOf(sb, generatedDistrictId(1));
      const ids: string[] = [];
      let next: string | undefined = `${path}${path.includes("?") ? "&" : "?"}limit=10000`;
      let pages = 0;
      while (next) {
        const r = await api(sb, token, next);
        expect(r.status).toBe(200);
        const page = (r.body as { data: { data: { id: string; district: string } }[] }).data;
        expect(page.length).toBeLessThanOrEqual(10_000);
        for (const item of page) expect(item.data.district).toBe(generatedDistrictId(1));
        ids.push(...page.map((d) => d.data.id));
        pages += 1;
        const uri = links(r.body).next;
        next = uri;
      }
      expect(pages).toBe(5);
      expect(ids).toHaveLength(50_000);
      expect(new Set(ids).size).toBe(50_000);
      expect([...ids].sort()).toEqual(ids);
    });
  }

  test("the sandbox district's token sees none of it", async () => {
    const r = await api(sb, await tokenOf(sb, fixtures.district.id), "/v2.1/students?limit=10000");
    const ids = (r.body as { data: { data: { district: string } }[] }).data.map((d) => d.data.district);
    expect(new Set(ids)).toEqual(new Set([fixtures.district.id]));
  });
});

describe("the control API", () => {
  let sb: TestSandbox;
  let clever: ControlClient;
  withSandbox({ beforeAll, afterAll }, (started, control) => {
    sb = started;
    clever = control;
  });

  test("POST /sandbox/generated-district loads one (kept across reset), GET describes it, DELETE removes it", async () => {
    await expect(clever.generatedDistrict()).rejects.toThrow(/answered 404/);
    const loaded = await clever.generateDistrict({ students: 300, seed: 3 });
    expect(loaded.district.id).toBe(generatedDistrictId(3));
    expect(loaded.counts).toMatchObject({ students: 300, teachers: 18, sections: 90, schools: 1, terms: 3 });
    await clever.reset();
    const { ms: _ms, ...described } = loaded;
    expect(await clever.generatedDistrict()).toEqual(described);
    const token = await tokenOf(sb, loaded.district.id);
    const terms = await api(sb, token, "/v3.1/terms");
    expect((terms.body as { data: unknown[] }).data).toHaveLength(3);
    const v31 = definitionValidator("v3.1", { closed: true });
    for (const path of ["/v3.1/users?limit=500", "/v3.1/sections?limit=100", "/v3.1/schools", "/v3.1/terms"]) {
      const r = await api(sb, token, path);
      const def = `${(path.split("/")[2] ?? "").split("?")[0]?.replace(/^./, (c) => c.toUpperCase()) ?? ""}Response`;
      expect(v31.check(def, r.body), path).toBeNull();
    }
    await expect(clever.generateDistrict({ students: 0 })).rejects.toThrow(/answered 400/);
    await clever.removeGeneratedDistrict();
    await expect(clever.generatedDistrict()).rejects.toThrow(/answered 404/);
    expect((await fetch(`${sb.url}/oauth/tokens?owner_type=district&district=${loaded.district.id}`, { headers: { authorization: DEMO_BASIC } }).then((r) => r.json()) as { data: unknown[] }).data).toEqual([]);
  });

  test("events are per district: a change in the generated district is in its feed only", async () => {
    const loaded = await clever.generateDistrict({ students: 200, seed: 5 });
    const own = await tokenOf(sb, loaded.district.id);
    const other = await districtToken(sb);
    const student = (await clever.getData("students", generatedId(5, "student", 0))).data;
    await clever.putData("students", student.id, { ...student, grade: student.grade === "1" ? "2" : "1" });
    const feed = (r: { body: unknown }) => (r.body as { data: { data: { type: string } }[] }).data.map((d) => d.data.type);
    expect(feed(await api(sb, own, "/v2.1/events"))).toEqual(["students.updated"]);
    expect(feed(await api(sb, own, "/v3.1/events"))).toEqual(["users.updated"]);
    expect(feed(await api(sb, other, "/v2.1/events"))).toEqual([]);
    await clever.removeGeneratedDistrict();
  });
});
