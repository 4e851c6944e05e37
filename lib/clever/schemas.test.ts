import { describe, expect, test } from "vitest";
import { cleverDistrictSchema, cleverMeSchema, cleverSectionSchema, cleverStudentSchema, cleverTeacherSchema, listEnvelope } from "./schemas";

describe("Clever schemas", () => {
  test("accept bodies with optional fields missing (Library records carry only a few)", () => {
    expect(cleverTeacherSchema.parse({ id: "t1" })).toEqual({ id: "t1" });
    expect(cleverStudentSchema.parse({ id: "s1", name: { first: "Kai", middle: "", last: "N" } }).name?.first).toBe("Kai");
    expect(cleverSectionSchema.parse({ id: "x", name: "Art", teachers: ["t1"], students: [] }).teachers).toEqual(["t1"]);
  });

  test("accept null where Clever marks a field x-nullable", () => {
    const student = cleverStudentSchema.parse({ id: "s1", grade: null, email: null, name: { first: "A", middle: null, last: "B" } });
    expect(student.grade).toBeNull();
    expect(cleverSectionSchema.parse({ id: "x", teacher: null, period: null, subject: null }).teacher).toBeNull();
  });

  test("keep unknown extra fields (Clever adds fields without notice)", () => {
    const parsed = cleverTeacherSchema.parse({ id: "t1", shiny_new_field: { a: 1 } });
    expect(parsed).toMatchObject({ shiny_new_field: { a: 1 } });
  });

  test("teachers and students share one base: plain IDs, control characters stripped, extra fields kept", () => {
    for (const schema of [cleverTeacherSchema, cleverStudentSchema]) {
      const parsed = schema.parse({ id: "p1", school: "../x", schools: ["s1", "a/b"], email: "a\u0000@b.org", name: { first: "Kai\u0007", middle: null, last: "N" }, shiny: 1 });
      expect(parsed).toMatchObject({ id: "p1", schools: ["s1"], email: "a@b.org", name: { first: "Kai" }, shiny: 1 });
      expect(parsed.school).toBeUndefined();
      expect(schema.safeParse({ id: "p/1" }).success).toBe(false);
    }
    // Each keeps its own fields, as Clever's definitions have them.
    expect(cleverTeacherSchema.parse({ id: "t", title: "Ms", credentials: null }).credentials).toBeNull();
    expect(cleverStudentSchema.safeParse({ id: "s", credentials: null }).success).toBe(false);
    expect(cleverStudentSchema.parse({ id: "s", grade: "4", graduation_year: "2034" }).grade).toBe("4");
  });

  test("reject invalid bodies", () => {
    expect(cleverTeacherSchema.safeParse({}).success).toBe(false);
    expect(cleverTeacherSchema.safeParse({ id: 42 }).success).toBe(false);
    expect(cleverSectionSchema.safeParse({ id: "x", students: "s1,s2" }).success).toBe(false);
    expect(cleverStudentSchema.safeParse({ id: "s", name: "Kai" }).success).toBe(false);
    expect(cleverStudentSchema.safeParse({ id: "s", grade: 3 }).success).toBe(false);
  });

  test("a display-only value outside Clever's lists keeps the record, with a neutral value", () => {
    expect(cleverStudentSchema.parse({ id: "s", grade: "Grade Three" }).grade).toBe("Other");
    expect(cleverSectionSchema.parse({ id: "x", subject: "astrology", grade: "4" })).toMatchObject({ subject: "other", grade: "4" });
    expect(cleverDistrictSchema.parse({ id: "d", state: "syncing" }).state).toBe("");
    const page = listEnvelope(cleverSectionSchema).parse({ data: [{ data: { id: "a", grade: "Year 7" } }, { data: { id: "b", grade: "5" } }] });
    expect(page.records.map((section) => section.grade)).toEqual(["Other", "5"]);
  });

  test("list envelopes with links, /me with and without authorized_by", () => {
    const page = listEnvelope(cleverSectionSchema).parse({
      data: [{ data: { id: "a" }, uri: "/v2.0/sections/a" }],
      links: [{ rel: "self", uri: "/x" }, { rel: "next", uri: "/x?starting_after=a" }],
    });
    expect(page.links?.map((l) => l.rel)).toEqual(["self", "next"]);
    expect(listEnvelope(cleverSectionSchema).safeParse({ data: [{ id: "a" }] }).success).toBe(false);
    const me = cleverMeSchema.parse({ type: "teacher", data: { id: "t", type: "teacher", authorized_by: "teacher" }, links: [{ rel: "canonical", uri: "/v2.1/teachers/t" }] });
    expect(me.data.authorized_by).toBe("teacher");
    expect(cleverMeSchema.parse({ type: "student", data: { id: "s", district: "d" } }).data.authorized_by).toBeUndefined();
    // A type the app does not know is read, not refused: the user's record then tells the role.
    expect(cleverMeSchema.parse({ type: "user", data: { id: "p", type: "user" } }).type).toBe("user");
    expect(cleverMeSchema.safeParse({ data: { id: "p" } }).success).toBe(false);
  });
});
