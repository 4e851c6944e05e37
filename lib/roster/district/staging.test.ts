import { describe, expect, test } from "vitest";
import { cleverSchoolAdminSchema, cleverSectionSchema, cleverStudentSchema, cleverTeacherSchema } from "@/lib/clever/schemas";
import { stagePeople, stageSections } from "./staging";

const DISTRICT = "d15tr1c7000000000000000a";
const SCHOOL = "5c4001000000000000000001";
const refs = { schoolIds: new Set([SCHOOL]), termIds: new Set<string>() };

const student = (fields: Record<string, unknown> = {}) =>
  cleverStudentSchema.parse({ id: "s1", district: DISTRICT, school: SCHOOL, name: { first: "Zoë", middle: "Q", last: "Núñez" }, email: "z@example.org", grade: "3", ...fields });
const staged = ({ json }: { json: string }) => JSON.parse(json) as unknown[][];
const digestOf = (batch: { json: string }) => staged(batch)[0]?.[3];
/** The people writer's staged record (lib/people/write-people.ts): [cleverId, otherIds, role, digest, row, given, ...fields]. */
const FIELDS = ["name", "firstName", "middleName", "lastName", "email", "grade", "districtId", "schoolId", "administeredSchoolIds", "trialEndsAt"];
const fieldsOf = (batch: { json: string }) => {
  const row = staged(batch)[0] ?? [];
  return Object.fromEntries(FIELDS.flatMap((field, i) => ((Number(row[5]) & (1 << i)) !== 0 ? [[field, row[6 + i]]] : [])));
};

describe("staging a batch", () => {
  test("the JSON is ASCII, and reads back as exactly the strings sent (NFC and NFD apart, emoji, right to left)", () => {
    const names = ["Jos\u00e9", "Jose\u0301", "👩‍👩‍👧‍👦 𠜎 🇺🇸", "\u202Bمريم\u202C", `"\\u0000"`];
    const batch = stagePeople("students", names.map((first, i) => student({ id: `s${i}`, name: { first, last: "x" } })), refs, DISTRICT);
    expect(/^[\x20-\x7e]*$/.test(batch.json)).toBe(true);
    expect(staged(batch).map((row) => row[7])).toEqual(names);
  });

  test("each kind stages the columns it sets: a student its grade and school, a teacher no grade, a school admin no middle name and only known schools", () => {
    expect(fieldsOf(stagePeople("students", [student()], refs, DISTRICT))).toEqual({
      name: "Zoë Núñez",
      firstName: "Zoë",
      middleName: "Q",
      lastName: "Núñez",
      email: "z@example.org",
      districtId: DISTRICT,
      schoolId: SCHOOL,
      grade: "3",
    });
    const teacher = cleverTeacherSchema.parse({ id: "t1", district: DISTRICT, school: "5c4001000000000000000009", name: { first: "T", last: "L" } });
    expect(fieldsOf(stagePeople("teachers", [teacher], refs, DISTRICT))).toEqual({ name: "T L", firstName: "T", middleName: null, lastName: "L", email: null, districtId: DISTRICT, schoolId: null });
    const admin = cleverSchoolAdminSchema.parse({ id: "a1", district: DISTRICT, schools: [SCHOOL, "5c4001000000000000000009", SCHOOL], name: { first: "A", last: "D" } });
    expect(fieldsOf(stagePeople("school_admins", [admin], refs, DISTRICT))).toEqual({ name: "A D", firstName: "A", lastName: "D", email: null, districtId: DISTRICT, administeredSchoolIds: [SCHOOL] });
  });

  test("the digest follows what the row is built from: any mapped field, a school becoming known, the kind; not the fields the mapping leaves out", () => {
    const base = digestOf(stagePeople("students", [student()], refs, DISTRICT));
    expect(digestOf(stagePeople("students", [student({ sis_id: "123", last_modified: "2026-01-01" })], refs, DISTRICT))).toBe(base);
    expect(digestOf(stagePeople("students", [student({ name: { first: "Zoe\u0308", middle: "Q", last: "Núñez" } })], refs, DISTRICT))).not.toBe(base);
    expect(digestOf(stagePeople("students", [student({ grade: "4" })], refs, DISTRICT))).not.toBe(base);
    expect(digestOf(stagePeople("students", [student()], { ...refs, schoolIds: new Set() }, DISTRICT))).not.toBe(base);
    expect(digestOf(stagePeople("teachers", [student()], refs, DISTRICT))).not.toBe(base);
  });

  test("a section's digest leaves its roster out (links and enrollments are compared row by row); its lists are staged beside it", () => {
    const section = (students: string[]) => cleverSectionSchema.parse({ id: "x1", district: DISTRICT, school: SCHOOL, name: "Math", teacher: "t1", teachers: ["t1", "t2"], students });
    const [a] = staged({ json: stageSections([section(["s1"])], refs, DISTRICT) });
    const [b] = staged({ json: stageSections([section(["s1", "s2"])], refs, DISTRICT) });
    expect(a?.[1]).toBe(b?.[1]);
    expect(b?.slice(10)).toEqual([["t1", "t2"], "t1", ["s1", "s2"]]);
  });
});
