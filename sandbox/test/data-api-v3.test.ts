// Data API v3.0/v3.1: IDs (v3 ≠ v2 for non-students, legacy_id, 404 for a v2
// ID), role queries, multi-role users, strict reads of user tokens, paging.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fixtures as f, type FixtureHandle } from "../fixtures";
import { v3UserId } from "../ids";
import { api, districtToken, expectHtml404, expectJson404, links, listIds, startSandbox, type TestSandbox, userToken } from "./helpers";

let sb: TestSandbox;
let district: string;
beforeAll(async () => {
  sb = await startSandbox({ rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
  district = await districtToken(sb);
});
afterAll(async () => {
  await sb.close();
});

interface V3User {
  id: string;
  district?: string;
  email?: string;
  name?: { first?: string; last?: string };
  roles: Record<string, Record<string, unknown> & { legacy_id: string }>;
}

function v3(h: FixtureHandle): string {
  if (h.v3Id === undefined) throw new Error(`${h.key} has no v3 ID`);
  return h.v3Id;
}

async function user(version: string, id: string, token = district): Promise<V3User> {
  const r = await api(sb, token, `/${version}/users/${id}`);
  expect(r.status, r.text).toBe(200);
  return (r.body as { data: V3User }).data;
}

for (const version of ["v3.0", "v3.1"]) {
  describe(version, () => {
    test("IDs: students keep theirs; teachers, staff and district admins get v3UserId, their role carries legacy_id", async () => {
      expect(v3(f.student)).toBe(f.student.id);
      const s = await user(version, f.student.id);
      expect(s.roles.student).not.toHaveProperty("legacy_id");
      for (const [h, role] of [
        [f.teacher, "teacher"],
        [f.schoolAdmin, "staff"],
        [f.districtAdmin, "district_admin"],
        [f.libraryTeacher, "teacher"],
      ] as const) {
        expect(v3(h)).toBe(v3UserId(h.id, h.type as "teacher"));
        expect(v3(h)).not.toBe(h.id);
        if (h.districtId === null) {
          // Library records are nobody's district's.
          expectJson404(await api(sb, district, `/${version}/users/${v3(h)}`), h.key);
          continue;
        }
        const u = await user(version, v3(h), district);
        expect(u.id).toBe(v3(h));
        expect(Object.keys(u.roles)).toEqual([role]);
        expect(u.roles[role]?.legacy_id).toBe(h.id);
      }
    });

    test("a v2 ID of a non-student is 404 on v3; v2 keeps v2 IDs", async () => {
      for (const h of [f.teacher, f.schoolAdmin, f.districtAdmin]) expectJson404(await api(sb, district, `/${version}/users/${h.id}`), h.key);
      const r = await api(sb, district, `/v2.0/teachers/${f.teacher.id}`);
      expect((r.body as { data: { id: string } }).data.id).toBe(f.teacher.id);
    });

    test("sections list users by v3 ID; /sections/{id}/users?role=", async () => {
      const r = await api(sb, district, `/${version}/sections/${f.sectionCoTaught.id}`);
      const s = (r.body as { data: { teacher: string; teachers: string[]; students: string[] } }).data;
      expect(s.teacher).toBe(v3(f.coTeacherA));
      expect(s.teachers).toEqual([f.coTeacherA, f.coTeacherB, f.coTeacherC].map(v3));
      expect(s.students).toContain(f.studentMultiTeacher.id);
      const teachers = await api(sb, district, `/${version}/sections/${f.sectionCoTaught.id}/users?role=teacher`);
      expect(listIds(teachers.body).sort()).toEqual([f.coTeacherA, f.coTeacherB, f.coTeacherC].map(v3).sort());
      const students = await api(sb, district, `/${version}/sections/${f.sectionCoTaught.id}/users?role=student`);
      expect(listIds(students.body)).toContain(f.studentMultiTeacher.id);
      expect(listIds(students.body)).not.toContain(v3(f.coTeacherA));
      const all = await api(sb, district, `/${version}/sections/${f.sectionCoTaught.id}/users`);
      expect(listIds(all.body).length).toBe(listIds(teachers.body).length + listIds(students.body).length);
      // As recorded (v3.0-sections-users-1): one list sorted by ID, not teachers first.
      expect(listIds(all.body)).toEqual([...listIds(teachers.body), ...listIds(students.body)].sort());
      expect((await api(sb, district, `/${version}/sections/${f.sectionCoTaught.id}/users?role=staff`)).status).toBe(400);
    });

    test("role queries on /users", async () => {
      const ids = async (role: string) => {
        const r = await api(sb, district, `/${version}/users?role=${role}&limit=10000`);
        expect(r.status).toBe(200);
        return listIds(r.body);
      };
      const teachers = await ids("teacher");
      expect(teachers).toContain(v3(f.teacher));
      expect(teachers).toContain(v3(f.multiRoleTeacher));
      expect(teachers).toContain(v3(f.multiRoleDistrictAdmin)); // the district admin who teaches
      expect(teachers).not.toContain(f.student.id);
      expect(await ids("staff")).toEqual(expect.arrayContaining([v3(f.schoolAdmin), v3(f.multiRoleTeacher)]));
      expect(await ids("district_admin")).toEqual(expect.arrayContaining([v3(f.districtAdmin), v3(f.multiRoleDistrictAdmin)]));
      expect(await ids("student")).toContain(f.student.id);
      expect(await ids("contact")).toEqual([]);
      expect((await api(sb, district, `/${version}/users?role=school_admin`)).status).toBe(400);
      // Library users are nobody's district's.
      expect(await ids("teacher")).not.toContain(v3(f.libraryTeacher));
    });

    test("multi-role: one v3 user, one role per v2 record, each with its legacy_id", async () => {
      expect(v3(f.multiRoleTeacher)).toBe(v3(f.multiRoleTeacherAsStaff));
      expect(f.multiRoleTeacher.id).not.toBe(f.multiRoleTeacherAsStaff.id);
      const gk = await user(version, v3(f.multiRoleTeacher));
      expect(gk.roles.teacher?.legacy_id).toBe(f.multiRoleTeacher.id);
      expect(gk.roles.staff?.legacy_id).toBe(f.multiRoleTeacherAsStaff.id);
      expect(gk.name).toMatchObject({ first: "Grace", last: "Kim" });
      expect(v3(f.multiRoleDistrictAdmin)).toBe(v3UserId(f.multiRoleDistrictAdmin.id, "district_admin"));
      const oh = await user(version, v3(f.multiRoleDistrictAdmin));
      expect(Object.keys(oh.roles).sort()).toEqual(["district_admin", "teacher"]);
      expect(oh.roles.district_admin?.legacy_id).toBe(f.multiRoleDistrictAdmin.id);
      expect(oh.roles.teacher?.legacy_id).toBe(f.multiRoleDistrictAdminAsTeacher.id);
      const sections = await api(sb, district, `/${version}/users/${v3(f.multiRoleDistrictAdmin)}/sections`);
      expect(listIds(sections.body)).toEqual([f.sectionDistrictAdminTeaches.id]);
      const students = await api(sb, district, `/${version}/users/${v3(f.multiRoleDistrictAdmin)}/mystudents`);
      expect(listIds(students.body).length).toBe(2);
      // v2: one record per role type, each its own ID.
      expect((await api(sb, district, `/v2.0/teachers/${f.multiRoleTeacher.id}`)).status).toBe(200);
      expect((await api(sb, district, `/v2.0/school_admins/${f.multiRoleTeacherAsStaff.id}`)).status).toBe(200);
      expect((await api(sb, district, `/v2.0/teachers/${f.multiRoleDistrictAdminAsTeacher.id}`)).status).toBe(200);
    });

    test("links beyond self/next/prev on single records; students carry dob, credentials, ext, location", async () => {
      const r = await api(sb, district, `/${version}/users/${f.student.id}`);
      const l = links(r.body);
      expect(l.self).toBe(`/${version}/users/${f.student.id}`);
      expect(l.district).toBe(`/${version}/users/${f.student.id}/district`);
      expect(l.sections).toBe(`/${version}/users/${f.student.id}/sections`);
      expect(l.myTeachers).toBe(`/${version}/users/${f.student.id}/myteachers`);
      const s: Record<string, unknown> = (r.body as { data: V3User }).data.roles.student ?? {};
      expect(s.dob).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
      expect(s.credentials).toEqual({ district_username: expect.any(String) as string });
      expect(s.ext).toEqual({ house: "Blue" });
      expect(s.location).toMatchObject({ city: "Springfield" });
      // v3.1-only fields only on v3.1.
      expect("gifted_status" in s).toBe(version === "v3.1");
      const school = await api(sb, district, `/${version}/schools/${f.schoolElementary.id}`);
      expect(links(school.body)).toMatchObject({ district: expect.any(String) as string, users: expect.any(String) as string });
      const t = await api(sb, district, `/${version}/users/${v3(f.teacher)}/myteachers`);
      expect(listIds(t.body)).toEqual([]);
      const mt = await api(sb, district, `/${version}/users/${f.studentMultiTeacher.id}/myteachers`);
      expect(listIds(mt.body)).toEqual(expect.arrayContaining([v3(f.teacher), v3(f.teacherTwelveSections), v3(f.coTeacherB)]));
    });

    test("/me as recorded: type \"user\" with the role inside, authorized_by and links; a fault gives the demo token's shape or type \"user\" inside", async () => {
      const token = await userToken(sb, f.teacher.id);
      const r = await api(sb, token, `/${version}/me`);
      expect(r.body).toEqual({
        type: "user",
        data: { id: v3(f.teacher), district: f.district.id, type: "teacher", authorized_by: "district" },
        links: [
          { rel: "self", uri: "/me" },
          { rel: "canonical", uri: `/${version}/users/${v3(f.teacher)}` },
          { rel: "district", uri: `/${version}/districts/${f.district.id}` },
        ],
      });
      const lib = await userToken(sb, f.libraryStudent.id);
      expect((await api(sb, lib, `/${version}/me`)).body).toMatchObject({ type: "user", data: { id: f.libraryStudent.id, type: "student", authorized_by: "teacher" } });
      const staff = await userToken(sb, f.multiRoleTeacherAsStaff.id);
      expect((await api(sb, staff, `/${version}/me`)).body).toMatchObject({ data: { id: v3(f.multiRoleTeacher), district: f.district.id, type: "staff" } });

      sb.faults.add({ path: `/${version}/me`, me: "demo", user: f.teacher.id, times: 1 });
      expect((await api(sb, token, `/${version}/me`)).body).toEqual({ data: { id: v3(f.teacher), district: f.district.id, type: "teacher" } });
      sb.faults.add({ path: `/${version}/me`, me: "user", user: f.teacher.id, times: 1 });
      expect((await api(sb, token, `/${version}/me`)).body).toMatchObject({ type: "user", data: { id: v3(f.teacher), type: "user" } });
    });

    test("strict: a Library teacher token reads itself, its sections and their students, nothing else", async () => {
      const token = await userToken(sb, f.libraryTeacher.id);
      const self = v3(f.libraryTeacher);
      const me = await user(version, self, token);
      expect(me.roles.teacher?.legacy_id).toBe(f.libraryTeacher.id);
      const sections = await api(sb, token, `/${version}/users/${self}/sections`);
      expect(listIds(sections.body).sort()).toEqual([f.librarySection1, f.librarySection2, f.librarySection3].map((s) => s.id).sort());
      const students = await api(sb, token, `/${version}/sections/${f.librarySection1.id}/users?role=student`);
      expect(students.status).toBe(200);
      expect(listIds(students.body)).toContain(f.libraryStudent.id);
      // Not hers / not documented:
      expectJson404(await api(sb, token, `/${version}/sections/${f.librarySectionT2.id}/users?role=student`), "other section");
      expectJson404(await api(sb, token, `/${version}/users/${v3(f.libraryTeacher2)}`), "other user");
      expectJson404(await api(sb, token, `/${version}/users/${f.libraryTeacher.id}`), "own v2 ID");
      expectJson404(await api(sb, token, `/${version}/users/${f.libraryStudent.id}/sections`), "a student's sections");
      for (const path of [
        `/sections/${f.librarySection1.id}`,
        `/sections/${f.librarySection1.id}/users`,
        `/sections/${f.librarySection1.id}/users?role=teacher`,
        `/users/${self}/mystudents`,
        `/users/${self}/schools`,
        `/users`,
        `/sections`,
      ]) {
        expectHtml404(await api(sb, token, `/${version}${path}`), path);
      }
      expect((await api(sb, token, `/${version}/users/${self}/sections?limit=1`)).status).toBe(400);
    });

    test("strict: an SSO token reads /me, /userinfo, its district and /users/{self} only", async () => {
      const token = await userToken(sb, f.multiRoleDistrictAdminAsTeacher.id);
      const self = v3(f.multiRoleDistrictAdmin);
      expect((await api(sb, token, `/${version}/me`)).status).toBe(200);
      const info = await api(sb, token, "/userinfo");
      expect(info.body).toMatchObject({ sub: self, multi_role_user_id: self, user_id: f.multiRoleDistrictAdminAsTeacher.id, user_type: "teacher" });
      expect((await api(sb, token, `/${version}/districts/${f.district.id}`)).status).toBe(200);
      const me = await user(version, self, token);
      expect(Object.keys(me.roles).sort()).toEqual(["district_admin", "teacher"]);
      expectJson404(await api(sb, token, `/${version}/users/${v3(f.teacher)}`), "other user");
      expectJson404(await api(sb, token, `/${version}/users/${f.multiRoleDistrictAdminAsTeacher.id}`), "v2 ID");
      for (const path of [`/users/${self}/sections`, `/sections/${f.sectionDistrictAdminTeaches.id}`, `/users`, `/schools/${f.schoolHigh.id}`]) {
        expectHtml404(await api(sb, token, `/${version}${path}`), path);
      }
    });

    test("paging with a district-app token: limit, starting_after, next/prev by v3 ID", async () => {
      const first = await api(sb, district, `/${version}/sections/${f.sectionBig.id}/users?role=student`);
      expect(listIds(first.body).length).toBe(100);
      const next = links(first.body).next;
      // No limit was sent, so the link adds none (as recorded: only a sent limit is kept).
      expect(next).toBe(`/${version}/sections/${f.sectionBig.id}/users?starting_after=${listIds(first.body)[99] ?? ""}&role=student`);
      const second = await api(sb, district, next ?? "");
      expect(listIds(second.body).length).toBe(25);
      expect(links(second.body).prev).toBeDefined();
      const users = await api(sb, district, `/${version}/users?limit=2`);
      const ids = listIds(users.body);
      expect(ids).toEqual([...ids].sort());
      expect((await api(sb, district, `/${version}/users?limit=10001`)).status).toBe(413);
    });

    test("district admin and terms/courses; unmodelled endpoints are JSON 404s", async () => {
      expect(listIds((await api(sb, district, `/${version}/terms`)).body)).toEqual([f.termFullYear.id]);
      expect((await api(sb, district, `/${version}/courses/${f.courseMath3.id}`)).status).toBe(200);
      expectJson404(await api(sb, district, `/${version}/contacts`), "contacts");
      expectJson404(await api(sb, district, `/${version}/users/${f.student.id}/mycontacts`), "mycontacts");
      expectHtml404(await api(sb, district, `/${version}/widgets`), "widgets");
    });
  });
}

test("stats and the request log name v3 endpoints", async () => {
  const token = await userToken(sb, f.teacher.id);
  await api(sb, token, `/v3.1/users/${v3(f.teacher)}`);
  expect(sb.stats.snapshot().endpoints["GET /v3.1/users/{id}"]).toBeGreaterThan(0);
  expect(sb.requests.forUser(f.teacher.id).map((r) => r.endpoint)).toContain("GET /v3.1/users/{id}");
});

describe("control API: v3-shaped users", () => {
  const put = (id: string, body: unknown) =>
    fetch(`${sb.url}/sandbox/data/users/${id}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const newV3 = "aaaaaaaaaaaaaaaaaaaaaaaa";
  const legacyTeacher = "bbbbbbbbbbbbbbbbbbbbbbbb";

  test("PUT a multi-role user: v2 gets one record per role, v3 one user; 400s with the reason", async () => {
    const r = await put(newV3, {
      district: f.district.id,
      name: { first: "Lena", last: "Ortiz" },
      email: "lena.ortiz@sandbox.example",
      roles: {
        teacher: { legacy_id: legacyTeacher, school: f.schoolHigh.id, schools: [f.schoolHigh.id], title: "Teacher" },
        staff: { schools: [f.schoolHigh.id], title: "Dean", ext: { badge: "7" } },
      },
    });
    expect(r.status, await r.clone().text()).toBe(201);
    const body = (await r.json()) as { data: V3User };
    expect(body.data.roles.teacher?.legacy_id).toBe(legacyTeacher);
    const staffLegacy = body.data.roles.staff?.legacy_id ?? "";
    expect(staffLegacy).toMatch(/^[0-9a-f]{24}$/);
    expect((await api(sb, district, `/v2.0/teachers/${legacyTeacher}`)).status).toBe(200);
    expect((await api(sb, district, `/v2.0/school_admins/${staffLegacy}`)).status).toBe(200);
    const u = await user("v3.1", newV3);
    expect(u.roles.staff).toMatchObject({ title: "Dean", ext: { badge: "7" } });
    const teachers = listIds((await api(sb, district, `/v3.0/users?role=teacher&limit=10000`)).body);
    expect(teachers).toContain(newV3);
    // A token of either role is the same v3 user.
    const token = await userToken(sb, staffLegacy);
    expect((await api(sb, token, "/userinfo")).body).toMatchObject({ sub: newV3, user_id: staffLegacy, user_type: "staff" });

    // Replacing without staff drops the staff record.
    const again = await put(newV3, { district: f.district.id, name: { first: "Lena", last: "Ortiz" }, roles: { teacher: {} } });
    expect(again.status).toBe(200);
    expect((await api(sb, district, `/v2.0/school_admins/${staffLegacy}`)).status).toBe(404);

    const bad = async (body: unknown, reason: RegExp, id = newV3) => {
      const res = await put(id, body);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(reason);
    };
    await bad({ roles: { teacher: { schools: "nope" } } }, /not a valid Clever v3.1 User/);
    await bad({ roles: {} }, /at least one/);
    await bad({ roles: { student: { legacy_id: legacyTeacher } } }, /students keep their ID/);
    await bad({ roles: { teacher: { legacy_id: newV3 } } }, /must differ/);
    await bad({ roles: { teacher: { legacy_id: f.teacher.id } } }, /another v3 user/);
    await bad({ district: "ffffffffffffffffffffffff", roles: { teacher: {} } }, /unknown district/);

    const del = await fetch(`${sb.url}/sandbox/data/users/${newV3}`, { method: "DELETE" });
    expect(del.status).toBe(200);
    expectJson404(await api(sb, district, `/v3.1/users/${newV3}`), "deleted");
    const got = await fetch(`${sb.url}/sandbox/data/users/${v3(f.multiRoleTeacher)}`);
    expect(((await got.json()) as { data: V3User }).data.roles.staff?.legacy_id).toBe(f.multiRoleTeacherAsStaff.id);
  });
});
