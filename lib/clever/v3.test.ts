// v3.1 bodies shaped like Clever's real ones, mapped into the app's records:
// roles, legacy IDs, link types beyond next/prev/self, a student's dob, and
// the v3 paths the client reads.
import { describe, expect, test } from "vitest";
import { fakeFetch } from "@/tests/support/fake-fetch";
import { createCleverClient } from "./client";
import { cleverMeSchema, cleverSectionSchema, listEnvelope } from "./schemas";
import { asDistrictAdmin, asSchoolAdmin, asStudent, asTeacher, cleverV3UserSchema, legacyIdsOf, rolesOf } from "./v3";

const V3 = "64f0e2926b100a053fc08e14";
const V2 = "64f0e2876b100a053fbf9c6e";
const DISTRICT = "64ef5e6c8d6b17762d094e48";
const SCHOOL = "64ef5e6c8d6b17762d094e49";

const teacherAndStaff = {
  id: V3,
  district: DISTRICT,
  email: "jp@example.com",
  name: { first: "John-Paul", middle: "", last: "Johnson" },
  roles: {
    teacher: { legacy_id: V2, school: SCHOOL, schools: [SCHOOL], sis_id: "T1", teacher_number: "T1", title: null, credentials: { district_username: "jpj" } },
    staff: { legacy_id: "64f0e2876b100a053fbf9c6f", schools: [SCHOOL], title: "Coach", staff_id: "S9", department: null },
  },
  created: "2023-08-31T19:05:54.112Z",
  last_modified: "2023-08-31T19:05:54.112Z",
};

describe("v3 users", () => {
  test("[clever-today] a multi-role user: each role's view, and every legacy (v2) ID", () => {
    const user = cleverV3UserSchema.parse(teacherAndStaff);
    expect(rolesOf(user)).toEqual(["teacher", "staff"]);
    expect(legacyIdsOf(user)).toEqual([V2, "64f0e2876b100a053fbf9c6f"]);
    expect(asTeacher(user)).toMatchObject({ id: V3, district: DISTRICT, school: SCHOOL, schools: [SCHOOL], name: { first: "John-Paul", last: "Johnson" }, email: "jp@example.com" });
    expect(asSchoolAdmin(user)).toMatchObject({ id: V3, schools: [SCHOOL], title: "Coach", staff_id: "S9" });
    expect(asStudent(user)).toBeNull();
    expect(asDistrictAdmin(user)).toBeNull();
  });

  test("[clever-today] a student keeps one ID across versions; dob as Clever sends it; ext, location and credentials pass", () => {
    const student = cleverV3UserSchema.parse({
      id: V2,
      district: DISTRICT,
      name: { first: "Kai", last: "N" },
      roles: { student: { legacy_id: V2, school: SCHOOL, grade: "4", dob: "1/16/1998", credentials: { district_username: "kai" }, location: { zip: "00000" }, ext: { x: 1 } } },
    });
    expect(legacyIdsOf(student)).toEqual([]);
    expect(asStudent(student)).toMatchObject({ id: V2, grade: "4", school: SCHOOL });
  });

  test("[clever-today] v3 /me (no top-level type, no links) and records with link types beyond next/prev/self", () => {
    expect(cleverMeSchema.parse({ data: { id: V3, district: DISTRICT, type: "teacher" } }).type).toBe("teacher");
    const page = listEnvelope(cleverSectionSchema).parse({
      data: [{ data: { id: "64f0e2926b100a053fc08e15", name: "Math", teachers: [V3], students: [V2] }, uri: "/v3.1/sections/x" }],
      links: [
        { rel: "self", uri: "/v3.1/users/x/sections" },
        { rel: "district", uri: "/v3.1/districts/y" },
      ],
    });
    expect(page.records).toHaveLength(1);
  });
});

describe("the client on v3.1", () => {
  test("[clever-today] reads /v3.1/users and /v3.1/sections/{id}/users?role=student, mapped to the app's records", async () => {
    const fake = fakeFetch((url) => {
      if (url.pathname === `/v3.1/users/${V3}`) return { body: { data: teacherAndStaff, links: [{ rel: "self", uri: `/v3.1/users/${V3}` }, { rel: "schools", uri: "/x" }] } };
      if (url.pathname === "/v3.1/sections/64f0e2926b100a053fc08e15/users") {
        return { body: { data: [{ data: { id: V2, name: { first: "Kai", last: "N" }, roles: { student: { grade: "4" } } } }], links: [] } };
      }
      return { status: 404, body: "<html>Not Found</html>" };
    });
    const client = createCleverClient({ token: "t", tokenKind: "user", baseUrl: "https://api.clever.test", apiVersion: "v3.1", fetch: fake.fn });
    expect(await client.teacher(V3)).toMatchObject({ id: V3, school: SCHOOL });
    expect(await client.schoolAdmin(V3)).toMatchObject({ id: V3, title: "Coach" });
    await expect(client.student(V3)).rejects.toMatchObject({ code: "not_found" });
    expect(await client.sectionStudents("64f0e2926b100a053fc08e15")).toEqual([expect.objectContaining({ id: V2, grade: "4" })]);
    expect(fake.urls.map((u) => `${u.pathname}${u.search}`)).toContain("/v3.1/sections/64f0e2926b100a053fc08e15/users?role=student");
    expect(client.apiVersion).toBe("v3.1");
  });
});
