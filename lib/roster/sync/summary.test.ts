import { describe, expect, test } from "vitest";
import { cleanEmail, gradeOf, personName } from "@/lib/people/fields";
import { emptyCounts, summarize } from "./summary";

describe("sync summary line", () => {
  test("says what changed, in the order a teacher cares about, with plurals", () => {
    const counts = { ...emptyCounts(), classesAdded: 2, studentsAdded: 5, classesArchived: 1 };
    expect(summarize(counts, "teacher")).toBe("2 new classes, 5 students added, 1 class archived");
    expect(summarize({ ...emptyCounts(), classesAdded: 1, teachersAdded: 2 }, "student")).toBe("1 new class, 2 teachers added");
    expect(summarize({ ...emptyCounts(), teachersRemoved: 1, classesRestored: 3 }, "teacher")).toBe("1 co-teacher removed, 3 classes restored");
  });

  test("says so when nothing changed", () => {
    expect(summarize(emptyCounts(), "teacher")).toBe("Everything was already up to date");
  });
});

describe("Clever fields to columns", () => {
  test("names are kept exactly as sent (NFD stays NFD), empty parts become null", () => {
    const nfd = "Rene\u0301e";
    expect(personName({ first: nfd, middle: "", last: "Dubois" })).toEqual({ name: `${nfd} Dubois`, firstName: nfd, middleName: null, lastName: "Dubois" });
    expect(personName(undefined)).toEqual({ name: null, firstName: null, middleName: null, lastName: null });
    expect(personName({ first: " Ana ", last: null }).firstName).toBe(" Ana ");
  });

  test("Clever's empty grade and missing email are null", () => {
    expect(gradeOf("")).toBeNull();
    expect(gradeOf("Kindergarten")).toBe("Kindergarten");
    expect(cleanEmail(undefined)).toBeNull();
  });
});
