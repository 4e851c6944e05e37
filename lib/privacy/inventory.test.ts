import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { cleverSchoolSchema, cleverSectionSchema, cleverStudentSchema, cleverTeacherSchema } from "@/lib/clever/schemas";
import { personName } from "@/lib/people/fields";
import { personFields, schoolFields, sectionFields } from "@/lib/roster/sync/record-fields";
import { inventoryProblems, schemaColumns } from "./drift";
import { inventoryMarkdown, storedCleverFields, type StoredCleverField } from "./inventory";

const schema = readFileSync(path.join(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
const columns = schemaColumns(schema);

/** Every column the Clever field mappings write, read off what they return. */
function mappedColumns(): string[] {
  const ids = new Set(["d1", "s1"]);
  const school = cleverSchoolSchema.parse({ id: "s1", name: "A", district: "d1", location: { city: "C", state: "S" }, low_grade: "1", high_grade: "5" });
  const section = cleverSectionSchema.parse({ id: "x1", name: "A", school: "s1", district: "d1", subject: "math", grade: "3", section_number: "1", period: "2" });
  const teacher = cleverTeacherSchema.parse({ id: "t1", name: { first: "A", middle: "B", last: "C" }, email: "a@b.c", district: "d1", school: "s1" });
  const student = cleverStudentSchema.parse({ id: "u1", name: { first: "A", last: "C" }, grade: "3", district: "d1", school: "s1" });
  const keys = (model: string, row: object) => Object.keys(row).map((key) => `${model}.${key}`);
  return [
    ...keys("School", schoolFields(school, ids)),
    ...keys("Section", sectionFields(section, ids, ids)),
    ...keys("User", personFields(teacher, "teacher", ids, ids)),
    ...keys("User", personFields(student, "student", ids, ids)),
    ...keys("User", personName({ first: "A", middle: "B", last: "C" })),
  ];
}

describe("the Clever data inventory", () => {
  test("[LIG-M7] lists every stored Clever field and nothing else (schema and field mappings)", () => {
    expect(inventoryProblems({ inventory: storedCleverFields(), columns, mapped: mappedColumns() })).toEqual([]);
  });

  test("[LIG-M7] a changed mapping or a new column makes the check fail", () => {
    const inventory = storedCleverFields();
    // A mapping that starts writing a column the inventory does not list.
    expect(inventoryProblems({ inventory, columns, mapped: [...mappedColumns(), "User.image"] })).toEqual([expect.stringContaining("User.image is written from Clever")]);
    // A new column on a model holding Clever data.
    const grown = new Map(columns);
    grown.set("User", [...(columns.get("User") ?? []), "User.nickname"]);
    expect(inventoryProblems({ inventory, columns: grown, mapped: mappedColumns() })).toEqual([expect.stringContaining("User.nickname is neither")]);
    // A field dropped from the inventory.
    const without = inventory.filter((field) => field.column !== "Section.subject");
    expect(inventoryProblems({ inventory: without, columns, mapped: mappedColumns() })).toEqual(
      expect.arrayContaining([expect.stringContaining("Section.subject is neither"), expect.stringContaining("Section.subject is written from Clever")]),
    );
    // Something listed that is not stored at all.
    const extra: StoredCleverField = { clever: "student.dob", column: "User.dob", purpose: "x", retention: "account" };
    expect(inventoryProblems({ inventory: [...inventory, extra], columns, mapped: mappedColumns() })).toEqual([expect.stringContaining("User.dob is in the inventory but not in the schema")]);
  });

  test("schemaColumns reads scalar columns and leaves relations out", () => {
    const user = columns.get("User") ?? [];
    expect(user).toContain("User.cleverId");
    expect(user).toContain("User.role");
    expect(user).not.toContain("User.district");
    expect(user).not.toContain("User.accounts");
  });

  test("[LIG-M7] the Markdown names every field with where, why, how long and how deleted", () => {
    const markdown = inventoryMarkdown({ sessionIdleMinutes: 120, sessionMaxHours: 12, districtRetentionDays: 30 }, { name: "Acme", email: "p@acme.test" });
    for (const field of storedCleverFields()) expect(markdown).toContain(`\`${field.column}\``);
    expect(markdown).toContain("never sold or used for advertising");
    expect(markdown).toContain("24 hours");
  });
});
