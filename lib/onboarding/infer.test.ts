import { describe, expect, it } from "vitest";
import { inferGrades, inferSubjects, prefill } from "./infer";

describe("onboarding pre-fills subjects and grades from the teacher's sections", () => {
  const sections = [
    { subject: "science", grade: "5" },
    { subject: "math", grade: "Kindergarten" },
    { subject: "math", grade: "10" },
    { subject: null, grade: null },
    { subject: "astronomy", grade: "PreKindergarten" },
  ];

  it("[SYNC-04] [LIB-R05] lists each subject once, in Clever's order, unknown ones last", () => {
    expect(inferSubjects(sections)).toEqual(["math", "science", "astronomy"]);
  });

  it("[SYNC-04] [LIB-R05] lists grades youngest first", () => {
    expect(inferGrades(sections)).toEqual(["PreKindergarten", "Kindergarten", "5", "10"]);
  });

  it("[SYNC-04] [LIB-R05] prefers what the teacher already saved", () => {
    expect(prefill(["math"], ["science"])).toEqual(["math"]);
    expect(prefill([], ["science"])).toEqual(["science"]);
  });

  it("[SYNC-04] [LIB-R05] gives nothing for a teacher with zero sections", () => {
    expect(inferSubjects([])).toEqual([]);
    expect(inferGrades([])).toEqual([]);
  });
});
