import { describe, expect, test } from "vitest";
import { ALL, NO_VALUE, filterClasses } from "./filters";

// A Library teacher's classes: one without a grade, one without a subject.
const sections = [
  { name: "Algebra", subject: "math", grade: "9" },
  { name: "Reading Club", subject: "english/language arts", grade: null },
  { name: "Study Hall", subject: "", grade: "10" },
];
const names = (listed: { name: string }[]) => listed.map((s) => s.name);
const none = { subject: undefined, grade: undefined };

describe("class chooser filters", () => {
  test("[LIB-R07] [bug] absent parameters are no filter: every class shows, also those without a grade or subject", () => {
    const result = filterClasses(sections, none);
    expect(result.subject.chosen).toBe(ALL);
    expect(result.grade.chosen).toBe(ALL);
    expect(names(result.listed)).toEqual(["Algebra", "Reading Club", "Study Hall"]);
  });

  test("[LIB-R07] empty or unknown parameters are no filter either", () => {
    for (const requested of [{ subject: "", grade: "" }, { subject: "astrology", grade: "Grade 9" }, { subject: "all", grade: "all" }]) {
      expect(names(filterClasses(sections, requested).listed)).toHaveLength(3);
    }
  });

  test("[LIB-R07] the explicit no-grade and no-subject choices list exactly those classes", () => {
    expect(names(filterClasses(sections, { ...none, grade: NO_VALUE }).listed)).toEqual(["Reading Club"]);
    expect(names(filterClasses(sections, { ...none, subject: NO_VALUE }).listed)).toEqual(["Study Hall"]);
    // Only offered when some class has no grade: otherwise it is unknown, so no filter.
    expect(filterClasses([sections[0]!], { ...none, grade: NO_VALUE }).grade.chosen).toBe(ALL);
  });

  test("[LIB-R07] a value and both filters together", () => {
    expect(names(filterClasses(sections, { ...none, grade: "9" }).listed)).toEqual(["Algebra"]);
    expect(names(filterClasses(sections, { subject: "math", grade: "10" }).listed)).toEqual([]);
    expect(names(filterClasses(sections, { subject: "math", grade: "9" }).listed)).toEqual(["Algebra"]);
  });

  test("[LIB-R07] options: what the classes have, friendly labels, subjects by label and grades in Clever's order", () => {
    const result = filterClasses(sections, none);
    expect(result.subject.options).toEqual([
      { value: "english/language arts", label: "English & language arts" },
      { value: "math", label: "Math" },
      { value: NO_VALUE, label: "No subject" },
    ]);
    expect(result.grade.options).toEqual([
      { value: "9", label: "Grade 9" },
      { value: "10", label: "Grade 10" },
      { value: NO_VALUE, label: "No grade" },
    ]);
  });
});
