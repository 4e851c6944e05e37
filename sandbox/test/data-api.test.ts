// Data API: access rules per token kind, paging, fixture contents.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bigSectionStudents, fixtures, twelveSections } from "../fixtures";
import { api, districtToken, expectHtml404, expectJson404, links, listIds, startSandbox, type TestSandbox, userToken } from "./helpers";

let sb: TestSandbox;
let district: string;
beforeAll(async () => {
  sb = await startSandbox();
  district = await districtToken(sb);
});
afterAll(async () => {
  await sb.close();
});

const f = fixtures;
const bigIds = bigSectionStudents.map((s) => s.id).sort();

describe("[SYNC-03] paging sectionBig with a district-app token", () => {
  test("default limit 100: two pages, all 125 IDs exactly once, next/prev links", async () => {
    const first = await api(sb, district, `/v2.0/sections/${f.sectionBig.id}/students`);
    expect(first.status).toBe(200);
    const firstIds = listIds(first.body);
    expect(firstIds).toHaveLength(100);
    const l1 = links(first.body);
    expect(l1.self).toBe(`/v2.0/sections/${f.sectionBig.id}/students`);
    expect(l1.prev).toBeUndefined();
    // No limit was sent, so the links add none (as recorded: only a sent limit is kept).
    expect(l1.next).toBe(`/v2.0/sections/${f.sectionBig.id}/students?starting_after=${firstIds[99]}`);

    const second = await api(sb, district, l1.next ?? "");
    const secondIds = listIds(second.body);
    expect(secondIds).toHaveLength(25);
    const l2 = links(second.body);
    expect(l2.next).toBeUndefined();
    expect(l2.prev).toBe(`/v2.0/sections/${f.sectionBig.id}/students?ending_before=${secondIds[0]}`);

    expect([...firstIds, ...secondIds]).toEqual(bigIds);
    // prev from page 2 returns page 1.
    expect(listIds((await api(sb, district, l2.prev ?? "")).body)).toEqual(firstIds);
  });

  test("limit=10: thirteen pages forward, then all the way back with prev", async () => {
    const seen: string[] = [];
    let next: string | undefined = `/v2.0/sections/${f.sectionBig.id}/students?limit=10`;
    let pages = 0;
    let lastPage = "";
    while (next) {
      const page = await api(sb, district, next);
      expect(page.status).toBe(200);
      const ids = listIds(page.body);
      expect(ids.length).toBeLessThanOrEqual(10);
      seen.push(...ids);
      lastPage = next;
      next = links(page.body).next;
      pages += 1;
    }
    expect(pages).toBe(13);
    expect(seen).toEqual(bigIds);
    expect(new Set(seen).size).toBe(125);

    const back: string[] = [];
    let prev: string | undefined = lastPage;
    while (prev) {
      const page = await api(sb, district, prev);
      back.unshift(...listIds(page.body));
      prev = links(page.body).prev;
    }
    expect(back).toEqual(bigIds);
  });

  test("limit bounds: 10000 accepted, 0 and non-numbers refused (400); both cursors refused", async () => {
    expect(listIds((await api(sb, district, `/v2.0/sections/${f.sectionBig.id}/students?limit=10000`)).body)).toHaveLength(125);
    for (const q of ["limit=0", "limit=ten", `starting_after=${bigIds[0]}&ending_before=${bigIds[5]}`]) {
      const r = await api(sb, district, `/v2.0/sections/${f.sectionBig.id}/students?${q}`);
      expect(r.status).toBe(400);
      expect(r.body).toHaveProperty("error");
    }
  });

  test("list endpoints page the whole district", async () => {
    const all: string[] = [];
    let next: string | undefined = "/v2.1/students?limit=50";
    while (next) {
      const page = await api(sb, district, next);
      all.push(...listIds(page.body));
      next = links(page.body).next;
    }
    const districtStudents = sb.store.list("students").filter((s) => s.district === f.district.id);
    expect(all).toEqual(districtStudents.map((s) => s.id));
    // Library students are not in the district.
    expect(all).not.toContain(f.libraryStudent.id);
  });
});

describe("[SYNC-03] user tokens get whole results and cannot page", () => {
  test("a Library teacher reads its sections and their students in one response each", async () => {
    const token = await userToken(sb, f.libraryTeacher.id);
    const sections = await api(sb, token, `/v2.0/teachers/${f.libraryTeacher.id}/sections`);
    expect(sections.status).toBe(200);
    expect(listIds(sections.body).sort()).toEqual([f.librarySection1.id, f.librarySection2.id, f.librarySection3.id].sort());
    expect(links(sections.body).next).toBeUndefined();
    const students = await api(sb, token, `/v2.0/sections/${f.librarySection1.id}/students`);
    expect(listIds(students.body)).toContain(f.libraryStudent.id);
  });

  test("a 125-student section arrives whole for a user token allowed to read it", async () => {
    // Share sectionBig's teacher as a Library teacher: drop the district from a copy of the section.
    const teacherId = "aaaaaaaaaaaaaaaaaaaaaaaa";
    sb.store.upsert("teachers", { id: teacherId, name: { first: "Big", middle: "", last: "Library" }, email: "big@library.example" });
    sb.store.upsert("sections", {
      id: "bbbbbbbbbbbbbbbbbbbbbbbb",
      name: "Library Big Section",
      subject: "science",
      teacher: teacherId,
      teachers: [teacherId],
      students: bigIds,
    });
    const token = await userToken(sb, teacherId);
    const r = await api(sb, token, "/v2.0/sections/bbbbbbbbbbbbbbbbbbbbbbbb/students");
    expect(r.status).toBe(200);
    expect(listIds(r.body)).toEqual(bigIds);
    expect(Object.keys(links(r.body))).toEqual(["self"]);
    sb.store.delete("sections", "bbbbbbbbbbbbbbbbbbbbbbbb");
    sb.store.delete("teachers", teacherId);
  });

  test("limit, starting_after or ending_before on a user token → 400 with a Clever error body", async () => {
    const token = await userToken(sb, f.libraryTeacher.id);
    for (const q of ["limit=100", "starting_after=000000000000000000000000", "ending_before=ffffffffffffffffffffffff"]) {
      const r = await api(sb, token, `/v2.0/teachers/${f.libraryTeacher.id}/sections?${q}`);
      expect(r.status).toBe(400);
      expect(typeof (r.body as { error: unknown }).error).toBe("string");
    }
    const districtUser = await userToken(sb, f.teacher.id);
    expect((await api(sb, districtUser, `/v2.0/teachers/${f.teacher.id}?limit=1`)).status).toBe(400);
  });
});

describe("access rules", () => {
  test("no token, a malformed header or an unknown token → 401", async () => {
    expect((await api(sb, undefined, "/v2.0/me")).status).toBe(401);
    expect((await api(sb, "nope", "/v2.0/me")).status).toBe(401);
    const res = await fetch(`${sb.url}/v2.0/me`, { headers: { authorization: `Basic ${district}` } });
    expect(res.status).toBe(401);
  });

  test("[IL-06] a district-shared user's token: /me, its own record, its district; nothing else (404s, HTML for other endpoints)", async () => {
    const token = await userToken(sb, f.teacher.id);
    expect((await api(sb, token, `/v2.0/teachers/${f.teacher.id}`)).status).toBe(200);
    expect((await api(sb, token, `/v2.0/districts/${f.district.id}`)).status).toBe(200);
    for (const path of [
      `/v2.0/teachers/${f.teacher.id}/sections`,
      `/v2.0/teachers/${f.teacher.id}/students`,
      `/v2.0/sections/${f.sectionHomeroom.id}`,
      `/v2.0/students/${f.student.id}`,
      `/v2.0/schools/${f.schoolElementary.id}`,
      "/v2.0/teachers",
      "/v2.0/widgets",
    ]) {
      expectHtml404(await api(sb, token, path), path);
    }
    // Usable endpoints, records out of scope or missing: JSON 404.
    for (const path of [`/v2.0/teachers/${f.coTeacherA.id}`, "/v2.0/teachers/ffffffffffffffffffffffff", "/v2.0/districts/ffffffffffffffffffffffff"]) {
      expectJson404(await api(sb, token, path), path);
    }
  });

  test("[IL-06] admins read their own record at /{type}s/{id}", async () => {
    const da = await userToken(sb, f.districtAdmin.id);
    expect((await api(sb, da, `/v2.0/district_admins/${f.districtAdmin.id}`)).status).toBe(200);
    const sa = await userToken(sb, f.schoolAdmin.id);
    expect((await api(sb, sa, `/v2.0/school_admins/${f.schoolAdmin.id}`)).status).toBe(200);
    expectHtml404(await api(sb, sa, `/v2.0/school_admins/${f.schoolAdmin.id}/schools`), "school_admins/schools");
  });

  test("a Library teacher: itself, its sections, its sections' students; nothing else", async () => {
    const token = await userToken(sb, f.libraryTeacher.id);
    const ok = [
      `/v2.0/teachers/${f.libraryTeacher.id}`,
      `/v2.0/teachers/${f.libraryTeacher.id}/sections`,
      `/v2.0/sections/${f.librarySection2.id}/students`,
    ];
    for (const path of ok) expect((await api(sb, token, path)).status, path).toBe(200);
    const teacher = (await api(sb, token, `/v2.0/teachers/${f.libraryTeacher.id}`)).body as { data: Record<string, unknown> };
    expect(teacher.data).not.toHaveProperty("district");
    expect(teacher.data).not.toHaveProperty("school");
    for (const path of [
      `/v2.0/teachers/${f.libraryTeacher.id}/students`,
      `/v2.0/teachers/${f.libraryTeacher.id}/schools`,
      `/v2.0/sections/${f.librarySection2.id}`,
      `/v2.0/sections/${f.librarySection2.id}/teachers`,
      `/v2.0/students/${f.libraryStudent.id}`,
      `/v2.0/students/${f.libraryStudent.id}/sections`,
      "/v2.0/sections",
    ]) {
      expectHtml404(await api(sb, token, path), path);
    }
    for (const path of [
      `/v2.0/teachers/${f.libraryTeacher2.id}`,
      `/v2.0/teachers/${f.libraryTeacher2.id}/sections`,
      `/v2.0/sections/${f.librarySectionT2.id}/students`,
      `/v2.0/sections/${f.sectionBig.id}/students`,
      `/v2.0/districts/${f.district.id}`,
    ]) {
      expectJson404(await api(sb, token, path), path);
    }
  });

  test("[LIB-08] a Library student: /me and its own record only", async () => {
    const token = await userToken(sb, f.libraryStudent.id);
    expect((await api(sb, token, `/v2.0/students/${f.libraryStudent.id}`)).status).toBe(200);
    expect((await api(sb, token, "/v2.1/me")).status).toBe(200);
    for (const path of [
      `/v2.0/students/${f.libraryStudent.id}/sections`,
      `/v2.0/students/${f.libraryStudent.id}/teachers`,
      `/v2.0/sections/${f.librarySection1.id}`,
      `/v2.0/sections/${f.librarySection1.id}/students`,
      `/v2.0/teachers/${f.libraryTeacher.id}`,
    ]) {
      expectHtml404(await api(sb, token, path), path);
    }
    expectJson404(await api(sb, token, `/v2.0/students/${f.student.id}`), "another student");
  });

  test("limit over 10000 is 413 (Clever's documented answer)", async () => {
    const r = await api(sb, district, `/v2.0/sections/${f.sectionBig.id}/students?limit=10001`);
    expect(r.status).toBe(413);
    expect(r.body).toHaveProperty("error");
  });

  test("a district-app token reads its whole district and nothing else", async () => {
    expect((await api(sb, district, `/v2.0/districts/${f.district.id}`)).status).toBe(200);
    expect(listIds((await api(sb, district, "/v2.0/districts")).body)).toEqual([f.district.id]);
    expect((await api(sb, district, `/v2.0/teachers/${f.teacher.id}/sections`)).status).toBe(200);
    expect((await api(sb, district, `/v2.0/schools/${f.schoolHigh.id}/sections`)).status).toBe(200);
    // Library records are not the district's: not found.
    expect((await api(sb, district, `/v2.0/teachers/${f.libraryTeacher.id}`)).status).toBe(404);
    expect((await api(sb, district, `/v2.0/sections/${f.librarySection1.id}/students`)).status).toBe(404);
    expect((await api(sb, district, "/v2.0/contacts")).status).toBe(404);
  });
});

describe("strict: false (the lenient sandbox): 403s and wide Library reads", () => {
  let lenient: TestSandbox;
  beforeAll(async () => {
    lenient = await startSandbox({ strict: false });
  });
  afterAll(async () => {
    await lenient.close();
  });

  test("limit over 10000 is 400", async () => {
    const token = await districtToken(lenient);
    expect((await api(lenient, token, `/v2.0/sections/${f.sectionBig.id}/students?limit=10001`)).status).toBe(400);
  });

  test("a district-app token on /userinfo is 403 JSON; unknown endpoints JSON 404", async () => {
    const token = await districtToken(lenient);
    const r = await api(lenient, token, "/userinfo");
    expect(r.status).toBe(403);
    expect(r.body).toHaveProperty("error");
    expect((await api(lenient, token, "/v2.0/widgets")).body).toHaveProperty("error");
  });

  test("[IL-06] a district-shared user's token: /me, its own record, its district; nothing else", async () => {
    const token = await userToken(lenient, f.teacher.id);
    expect((await api(lenient, token, `/v2.0/teachers/${f.teacher.id}`)).status).toBe(200);
    expect((await api(lenient, token, `/v2.0/districts/${f.district.id}`)).status).toBe(200);
    for (const path of [
      `/v2.0/teachers/${f.teacher.id}/sections`,
      `/v2.0/teachers/${f.teacher.id}/students`,
      `/v2.0/sections/${f.sectionHomeroom.id}`,
      `/v2.0/students/${f.student.id}`,
      `/v2.0/teachers/${f.coTeacherA.id}`,
      `/v2.0/schools/${f.schoolElementary.id}`,
      "/v2.0/teachers",
    ]) {
      const r = await api(lenient, token, path);
      expect(r.status, path).toBe(403);
      expect(r.body).toHaveProperty("error");
    }
    expect((await api(lenient, token, "/v2.0/teachers/ffffffffffffffffffffffff")).status).toBe(404);
  });

  test("[IL-06] admins read their own record at /{type}s/{id}", async () => {
    const da = await userToken(lenient, f.districtAdmin.id);
    expect((await api(lenient, da, `/v2.0/district_admins/${f.districtAdmin.id}`)).status).toBe(200);
    const sa = await userToken(lenient, f.schoolAdmin.id);
    expect((await api(lenient, sa, `/v2.0/school_admins/${f.schoolAdmin.id}`)).status).toBe(200);
    expect((await api(lenient, sa, `/v2.0/school_admins/${f.schoolAdmin.id}/schools`)).status).toBe(403);
  });

  test("a Library teacher: itself, its sections, their students and co-teachers; no district data", async () => {
    const token = await userToken(lenient, f.libraryTeacher.id);
    const ok = [
      `/v2.0/teachers/${f.libraryTeacher.id}`,
      `/v2.0/teachers/${f.libraryTeacher.id}/sections`,
      `/v2.0/teachers/${f.libraryTeacher.id}/students`,
      `/v2.0/teachers/${f.libraryTeacher.id}/schools`,
      `/v2.0/sections/${f.librarySection2.id}`,
      `/v2.0/sections/${f.librarySection2.id}/students`,
      `/v2.0/sections/${f.librarySection2.id}/teachers`,
      `/v2.0/students/${f.libraryStudent.id}`,
      `/v2.0/teachers/${f.libraryTeacher2.id}`,
    ];
    for (const path of ok) expect((await api(lenient, token, path)).status, path).toBe(200);
    const teachers = await api(lenient, token, `/v2.0/sections/${f.librarySection2.id}/teachers`);
    expect(listIds(teachers.body).sort()).toEqual([f.libraryTeacher.id, f.libraryTeacher2.id].sort());
    expect(listIds((await api(lenient, token, `/v2.0/teachers/${f.libraryTeacher.id}/schools`)).body)).toEqual([]);
    const teacher = (await api(lenient, token, `/v2.0/teachers/${f.libraryTeacher.id}`)).body as { data: Record<string, unknown> };
    expect(teacher.data).not.toHaveProperty("district");
    expect(teacher.data).not.toHaveProperty("school");
    const denied = [
      `/v2.0/sections/${f.librarySectionT2.id}`,
      `/v2.0/teachers/${f.libraryTeacher2.id}/sections`,
      `/v2.0/students/${f.libraryStudent.id}/sections`,
      `/v2.0/sections/${f.sectionBig.id}`,
      `/v2.0/districts/${f.district.id}`,
      "/v2.0/sections",
    ];
    for (const path of denied) expect((await api(lenient, token, path)).status, path).toBe(403);
  });

  test("[LIB-08] a Library student: itself, its sections and its teachers", async () => {
    const token = await userToken(lenient, f.libraryStudent.id);
    const sections = await api(lenient, token, `/v2.0/students/${f.libraryStudent.id}/sections`);
    expect(listIds(sections.body).sort()).toEqual([f.librarySection1.id, f.librarySectionT2.id].sort());
    const teachers = await api(lenient, token, `/v2.0/students/${f.libraryStudent.id}/teachers`);
    expect(listIds(teachers.body).sort()).toEqual([f.libraryTeacher.id, f.libraryTeacher2.id].sort());
    expect((await api(lenient, token, `/v2.0/sections/${f.librarySection1.id}`)).status).toBe(200);
    expect((await api(lenient, token, `/v2.0/teachers/${f.libraryTeacher2.id}`)).status).toBe(200);
    expect((await api(lenient, token, `/v2.0/sections/${f.librarySection1.id}/students`)).status).toBe(403);
    expect((await api(lenient, token, `/v2.0/sections/${f.librarySection2.id}`)).status).toBe(403);
  });

});

describe("fixture contents as served", () => {
  test("[LIB-R10][LIG-11] teacherTwelveSections: 12 sections covering every normalized subject, K and PreK", async () => {
    const r = await api(sb, district, `/v2.0/teachers/${f.teacherTwelveSections.id}/sections`);
    const sections = (r.body as { data: { data: { subject: string; grade: string } }[] }).data.map((d) => d.data);
    expect(sections).toHaveLength(12);
    expect(new Set(sections.map((s) => s.subject))).toEqual(
      new Set([
        "english/language arts",
        "math",
        "science",
        "social studies",
        "language",
        "homeroom/advisory",
        "interventions/online learning",
        "technology and engineering",
        "PE and health",
        "arts and music",
        "other",
      ]),
    );
    const grades = sections.map((s) => s.grade);
    expect(grades).toContain("Kindergarten");
    expect(grades).toContain("PreKindergarten");
    expect(twelveSections.map((s) => s.id).sort()).toEqual(listIds(r.body));
  });

  test("[LIB-09] teacherZeroSections has no sections; [LIB-R09] sectionCoTaught has three teachers", async () => {
    expect(listIds((await api(sb, district, `/v2.0/teachers/${f.teacherZeroSections.id}/sections`)).body)).toEqual([]);
    const sec = (await api(sb, district, `/v2.0/sections/${f.sectionCoTaught.id}`)).body as {
      data: { teacher: string; teachers: string[] };
    };
    expect(sec.data.teacher).toBe(f.coTeacherA.id);
    expect(sec.data.teachers.sort()).toEqual([f.coTeacherA.id, f.coTeacherB.id, f.coTeacherC.id].sort());
  });

  test("[LIB-08] studentMultiTeacher has sections of several teachers", async () => {
    const r = await api(sb, district, `/v2.0/students/${f.studentMultiTeacher.id}/teachers`);
    expect(listIds(r.body).length).toBeGreaterThanOrEqual(3);
  });

  test("[DSSO-R4][LIB-R12] UTF-8 names are served byte for byte (NFD stays NFD)", async () => {
    const nfd = (await api(sb, district, `/v2.0/students/${f.studentNfd.id}`)).text;
    expect(nfd).toContain("Rene\u0301e");
    expect(nfd).not.toContain("Ren\u00e9e");
    const utf8 = (await api(sb, district, `/v2.0/teachers/${f.teacherUtf8.id}`)).body as { data: { name: { first: string; last: string } } };
    expect(utf8.data.name).toMatchObject({ first: "José", last: "Ñúñez" });
    const emoji = (await api(sb, district, `/v2.0/students/${f.studentEmoji.id}`)).body as { data: { name: { first: string } } };
    expect(emoji.data.name.first).toBe("Sunny 🌞");
  });

  test("edge-case fields: no email, null grade, no middle name", async () => {
    const t = (await api(sb, district, `/v2.0/teachers/${f.teacherNoEmail.id}`)).body as { data: Record<string, unknown> };
    expect(t.data).not.toHaveProperty("email");
    const s = (await api(sb, district, `/v2.0/students/${f.studentNoGrade.id}`)).body as { data: Record<string, unknown> };
    expect(s.data.grade).toBeNull();
    const m = (await api(sb, district, `/v2.0/students/${f.studentNoMiddleName.id}`)).body as { data: { name: object } };
    expect(m.data.name).not.toHaveProperty("middle");
  });

  test("fixture IDs are 24-hex and unique", () => {
    const ids = Object.values(fixtures).map((h) => h.id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
