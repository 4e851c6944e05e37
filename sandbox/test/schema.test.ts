// Every Data API body the sandbox sends validates against Clever's own Swagger
// definitions (clever-api/v2.0.yml, v2.1.yml), converted to JSON Schema and
// checked with ajv. Entity definitions are "closed" here (no undeclared
// fields) so a misspelled fixture field fails too.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fixtures } from "../fixtures";
import { definitionValidator, type DefinitionValidator, loadSwagger, type SwaggerVersion } from "../swagger-schema";
import { KINDS, type Kind } from "../types";
import { api, districtToken, startSandbox, type TestSandbox, userToken } from "./helpers";

let sb: TestSandbox;
let lenient: TestSandbox;
let district: string;
beforeAll(async () => {
  // Thousands of requests on a frozen clock: lift the per-token rate limit.
  sb = await startSandbox({ rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
  lenient = await startSandbox({ strict: false, rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
  district = await districtToken(sb);
});
afterAll(async () => {
  await Promise.all([sb.close(), lenient.close()]);
});

/** Clever endpoints the sandbox does not model (no contacts, courses or terms in the fixtures). */
const UNMODELLED = /contacts|courses|\/course$|terms|\/term$/;

interface PathSpec {
  template: string;
  definition: string;
}

function swaggerPaths(version: SwaggerVersion): PathSpec[] {
  const doc = loadSwagger(version) as { paths: Record<string, { get?: { responses?: Record<string, { schema?: { $ref?: string } }> } }> };
  const out: PathSpec[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const ref = item.get?.responses?.["200"]?.schema?.$ref;
    if (!ref) continue;
    out.push({ template, definition: ref.replace("#/definitions/", "") });
  }
  return out;
}

/** One endpoint for each of these IDs, in parallel: each body valid against
 * its definition, or a valid NotFound where the local Clever does not model
 * the endpoint. Returns how many bodies were checked against `definition`. */
async function checkEndpoint(v: DefinitionValidator, version: string, template: string, ids: string[], definition: string, unmodelled: RegExp): Promise<number> {
  const results = await Promise.all(
    ids.map(async (id) => {
      const path = `/${version}${template.replace("{id}", id)}`;
      return { path, r: await api(sb, district, path) };
    }),
  );
  let checked = 0;
  for (const { path, r } of results) {
    if (unmodelled.test(template)) {
      expect(r.status, path).toBe(404);
      expectValid(v, "NotFound", r.body, path);
      continue;
    }
    expect(r.status, `${path}: ${r.text.slice(0, 200)}`).toBe(200);
    expectValid(v, definition, r.body, path);
    checked += 1;
  }
  return checked;
}

function expectValid(v: DefinitionValidator, definition: string, body: unknown, where: string): void {
  const problem = v.check(definition, body);
  expect(problem, `${where}: ${problem}`).toBeNull();
}

for (const version of ["v2.0", "v2.1"] as const) {
  describe(`[SYNC-03] ${version} bodies validate against ${version}.yml`, () => {
    const v = definitionValidator(version, { closed: true });
    const paths = swaggerPaths(version);

    test("the swagger file is what we expect (sanity)", () => {
      expect(paths.length).toBeGreaterThan(40);
      expect(v.definitions).toContain("SectionsResponse");
    });

    test("every endpoint × every district object, with a district-app token", async () => {
      let checked = 0;
      for (const { template, definition } of paths) {
        const kind = template.split("/")[1] as Kind;
        if (!KINDS.includes(kind)) {
          expect(UNMODELLED.test(template), template).toBe(true);
          continue;
        }
        const ids = template.includes("{id}")
          ? sb.store.list(kind).filter((o) => (kind === "districts" ? true : o.district === fixtures.district.id)).map((o) => o.id)
          : [""];
        // One endpoint at a time, its objects in parallel.
        checked += await checkEndpoint(v, version, template, ids, definition, UNMODELLED);
      }
      expect(checked).toBeGreaterThan(1000);
    });

    test("list endpoints with limit=1 pages validate too", async () => {
      for (const kind of KINDS) {
        const r = await api(sb, district, `/${version}/${kind}?limit=1`);
        expect(r.status).toBe(200);
        const def = `${{ districts: "District", schools: "School", teachers: "Teacher", students: "Student", sections: "Section", district_admins: "DistrictAdmin", school_admins: "SchoolAdmin" }[kind]}sResponse`;
        expectValid(v, def, r.body, kind);
      }
    });

    test("Library tokens (strict): every endpoint they may read validates", async () => {
      const f = fixtures;
      const teacher = await userToken(sb, f.libraryTeacher.id);
      const student = await userToken(sb, f.libraryStudent.id);
      const cases: [string, string, string][] = [
        [teacher, `/teachers/${f.libraryTeacher.id}`, "TeacherResponse"],
        [teacher, `/teachers/${f.libraryTeacher.id}/sections`, "SectionsResponse"],
        [student, `/students/${f.libraryStudent.id}`, "StudentResponse"],
      ];
      for (const section of [f.librarySection1, f.librarySection2, f.librarySection3]) {
        cases.push([teacher, `/sections/${section.id}/students`, "StudentsResponse"]);
      }
      for (const [token, path, def] of cases) {
        const r = await api(sb, token, `/${version}${path}`);
        expect(r.status, path).toBe(200);
        expectValid(v, def, r.body, path);
      }
    });

    test("Library tokens (strict: false): every endpoint they may read validates", async () => {
      const f = fixtures;
      const sb = lenient;
      const teacher = await userToken(sb, f.libraryTeacher.id);
      const student = await userToken(sb, f.libraryStudent.id);
      const cases: [string, string, string][] = [
        [teacher, `/teachers/${f.libraryTeacher.id}`, "TeacherResponse"],
        [teacher, `/teachers/${f.libraryTeacher.id}/sections`, "SectionsResponse"],
        [teacher, `/teachers/${f.libraryTeacher.id}/students`, "StudentsResponse"],
        [teacher, `/teachers/${f.libraryTeacher.id}/schools`, "SchoolsResponse"],
        [teacher, `/teachers/${f.libraryTeacher2.id}`, "TeacherResponse"],
        [student, `/students/${f.libraryStudent.id}`, "StudentResponse"],
        [student, `/students/${f.libraryStudent.id}/sections`, "SectionsResponse"],
        [student, `/students/${f.libraryStudent.id}/teachers`, "TeachersResponse"],
      ];
      for (const section of [f.librarySection1, f.librarySection2, f.librarySection3]) {
        cases.push([teacher, `/sections/${section.id}`, "SectionResponse"]);
        cases.push([teacher, `/sections/${section.id}/students`, "StudentsResponse"]);
        cases.push([teacher, `/sections/${section.id}/teachers`, "TeachersResponse"]);
      }
      for (const [token, path, def] of cases) {
        const r = await api(sb, token, `/${version}${path}`);
        expect(r.status, path).toBe(200);
        expectValid(v, def, r.body, path);
      }
    });

    test("error bodies fit BadRequest / NotFound", async () => {
      const nf = await api(sb, district, `/${version}/sections/ffffffffffffffffffffffff`);
      expect(nf.status).toBe(404);
      expectValid(v, "NotFound", nf.body, "404");
      const bad = await api(sb, district, `/${version}/sections?limit=0`);
      expect(bad.status).toBe(400);
      expectValid(v, "BadRequest", bad.body, "400");
    });
  });
}

test("[IL-06][SYNC-01] /me bodies (not in the swagger files) have Clever's documented shape", async () => {
  const shapes: [string, string | undefined, string][] = [
    [fixtures.teacher.id, fixtures.district.id, "district"],
    [fixtures.libraryTeacher.id, undefined, "teacher"],
    [fixtures.libraryStudent.id, undefined, "teacher"],
  ];
  for (const [id, districtId, authorizedBy] of shapes) {
    const token = await userToken(sb, id);
    for (const version of ["v2.0", "v2.1"]) {
      const r = await api(sb, token, `/${version}/me`);
      const body = r.body as { type: string; data: Record<string, string>; links: { rel: string; uri: string }[] };
      const expected: Record<string, string> = { id, type: body.type };
      if (districtId) expected.district = districtId;
      if (version === "v2.1") expected.authorized_by = authorizedBy;
      expect(body.data).toEqual(expected);
      expect(body.links).toContainEqual({ rel: "self", uri: "/me" });
    }
  }
});

/** The keys of a JSON value, recursively (arrays by their first item): two
 * answers with the same shape differ only in their values. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (typeof value !== "object" || value === null) return typeof value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]));
}

const recorded = (file: string): unknown => JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../shared/clever-recorded", file), "utf8"));

test("[clever-today] /me answers have the shapes recorded from the real Clever", async () => {
  // v2.1: a district student (v2.1-me-1).
  const student = await userToken(sb, fixtures.student.id);
  expect(shapeOf((await api(sb, student, "/v2.1/me")).body)).toEqual(shapeOf(recorded("v2.1-me-1.json")));
  // v3: an SSO login (v3.0-me-2), and Clever's demo token's shape when asked for (v3.0-me-1).
  const teacher = await userToken(sb, fixtures.teacher.id);
  for (const version of ["v3.0", "v3.1"]) {
    expect(shapeOf((await api(sb, teacher, `/${version}/me`)).body)).toEqual(shapeOf(recorded("v3.0-me-2.json")));
    sb.faults.add({ path: `/${version}/me`, me: "demo", user: fixtures.teacher.id, times: 1 });
    expect(shapeOf((await api(sb, teacher, `/${version}/me`)).body)).toEqual(shapeOf(recorded("v3.0-me-1.json")));
  }
});

// ---------------------------------------------------------------- v3.0/v3.1

/** v3 endpoints the sandbox does not model (contacts, resources; terms/courses beyond list and single). */
const V3_UNMODELLED = /contacts|resources|\/courses\/\{id\}\/|\/terms\/\{id\}\/|\/schools\/\{id\}\/(terms|courses)|\/sections\/\{id\}\/(course|term)$/;

/** The IDs to try for a v3 path's first {id}: every district record of that kind. */
function v3Ids(kind: string): string[] {
  const store = sb.store;
  switch (kind) {
    case "users":
      return [...store.v3Users().entries()].filter(([, roles]) => roles.some((r) => r.object.district === fixtures.district.id)).map(([id]) => id);
    case "districts":
      return store.list("districts").map((o) => o.id);
    case "schools":
    case "sections":
      return store.list(kind).filter((o) => o.district === fixtures.district.id).map((o) => o.id);
    case "terms":
    case "courses":
      return [...store.v3Only[kind].keys()];
    default:
      return [];
  }
}

for (const version of ["v3.0", "v3.1"] as const) {
  describe(`${version} bodies validate against ${version}.yml`, () => {
    const v = definitionValidator(version, { closed: true });
    const paths = swaggerPaths(version);

    test("the swagger file is what we expect (sanity)", () => {
      expect(paths.length).toBeGreaterThan(40);
      expect(v.definitions).toContain("UsersResponse");
    });

    test("every endpoint × every district object, with a district-app token", async () => {
      let checked = 0;
      for (const { template, definition } of paths) {
        const kind = template.split("/")[1] ?? "";
        const ids = template.includes("{id}") ? v3Ids(kind) : [""];
        if (ids.length === 0) {
          expect(V3_UNMODELLED.test(template), template).toBe(true);
          continue;
        }
        checked += await checkEndpoint(v, version, template, ids, definition, V3_UNMODELLED);
      }
      expect(checked).toBeGreaterThan(1000);
    });

    test("role queries and limit=1 pages validate too", async () => {
      for (const path of ["users?role=student", "users?role=teacher", "users?role=staff", "users?role=district_admin", "users?role=contact", "users?limit=1", "sections?limit=1", "schools?limit=1", "districts?limit=1", "terms?limit=1", "courses?limit=1"]) {
        const r = await api(sb, district, `/${version}/${path}`);
        expect(r.status, path).toBe(200);
        const kind = path.split("?")[0] ?? "";
        const def = `${kind.charAt(0).toUpperCase()}${kind.slice(1)}Response`;
        expectValid(v, def, r.body, path);
      }
      for (const role of ["student", "teacher"]) {
        const r = await api(sb, district, `/${version}/sections/${fixtures.sectionCoTaught.id}/users?role=${role}`);
        expectValid(v, "UsersResponse", r.body, role);
      }
    });

    test("user tokens: every endpoint they may read validates (strict and lenient)", async () => {
      const f = fixtures;
      for (const box of [sb, lenient]) {
        const lib = await userToken(box, f.libraryTeacher.id);
        const libV3 = f.libraryTeacher.v3Id ?? "";
        const sso = await userToken(box, f.multiRoleTeacher.id);
        const cases: [string, string, string][] = [
          [lib, `/users/${libV3}`, "UserResponse"],
          [lib, `/users/${libV3}/sections`, "SectionsResponse"],
          [sso, `/users/${f.multiRoleTeacher.v3Id ?? ""}`, "UserResponse"],
          [sso, `/districts/${f.district.id}`, "DistrictResponse"],
        ];
        for (const section of [f.librarySection1, f.librarySection2, f.librarySection3]) {
          cases.push([lib, `/sections/${section.id}/users?role=student`, "UsersResponse"]);
        }
        for (const [token, path, def] of cases) {
          const r = await api(box, token, `/${version}${path}`);
          expect(r.status, path).toBe(200);
          expectValid(v, def, r.body, path);
        }
      }
    });

    test("error bodies fit BadRequest / NotFound", async () => {
      const nf = await api(sb, district, `/${version}/users/ffffffffffffffffffffffff`);
      expect(nf.status).toBe(404);
      expectValid(v, "NotFound", nf.body, "404");
      const bad = await api(sb, district, `/${version}/users?role=principal`);
      expect(bad.status).toBe(400);
      expectValid(v, "BadRequest", bad.body, "400");
    });
  });
}

test("[clever-today] v3 envelopes and link rels have the shapes recorded from the real Clever", async () => {
  const district = await districtToken(sb);
  const rels = (body: unknown) => ((body as { links?: { rel: string }[] }).links ?? []).map((link) => link.rel).sort();
  const get = async (path: string) => (await api(sb, district, path)).body;
  const section = await get(`/v3.0/sections/${fixtures.sectionBig.id}`);
  const school = await get(`/v3.0/schools/${fixtures.schoolElementary.id}`);
  const districtBody = await get(`/v3.0/districts/${fixtures.district.id}`);
  const list = await get("/v3.0/users?limit=2");
  const sectionUsers = await get(`/v3.0/sections/${fixtures.sectionBig.id}/users`);
  // Related-record links: every rel Clever was recorded sending that the sandbox models.
  expect(rels(section)).toEqual(expect.arrayContaining(["self", "district", "school", "users"]));
  expect(rels(school)).toEqual(expect.arrayContaining(["self", "district", "sections", "users"]));
  expect(rels(districtBody)).toEqual(rels(recorded("v3.0-districts-1.json")));
  for (const [mine, file] of [[list, "v3.0-users-list-1.json"], [sectionUsers, "v3.0-sections-users-1.json"]] as const) {
    const shape = shapeOf(mine) as { data: unknown[] };
    const theirs = shapeOf(recorded(file)) as { data: unknown[] };
    expect(Object.keys(shape).sort()).toEqual(Object.keys(theirs).sort());
    expect(Object.keys(shape.data[0] ?? {}).sort()).toEqual(Object.keys(theirs.data[0] ?? {}).sort());
  }
  expect(rels(list)).toEqual(rels(recorded("v3.0-users-list-1.json")));
});
