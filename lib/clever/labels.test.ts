import { describe, expect, it } from "vitest";
import { GRADES, SUBJECTS, gradeLabel, gradeRank, isKnownGrade, isKnownSubject, subjectLabel } from "./labels";

describe("friendly labels for Clever's normalized values", () => {
  it("[LIG-11] labels every Clever subject", () => {
    expect(subjectLabel("arts and music")).toBe("Arts & music");
    expect(subjectLabel("english/language arts")).toBe("English & language arts");
    expect(subjectLabel("PE and health")).toBe("PE & health");
    for (const subject of SUBJECTS) expect(subjectLabel(subject)).not.toBe(subject);
    expect(SUBJECTS).toHaveLength(11);
  });

  it("[LIG-11] labels grades as people say them", () => {
    expect(gradeLabel("Kindergarten")).toBe("Kindergarten");
    expect(gradeLabel("3")).toBe("Grade 3");
    expect(gradeLabel("12")).toBe("Grade 12");
    expect(gradeLabel("PreKindergarten")).toBe("Pre-K");
    expect(gradeLabel("Other")).toBe("Other");
  });

  it("[LIG-11] shows unknown or missing values plainly", () => {
    expect(subjectLabel("astronomy")).toBe("astronomy");
    expect(subjectLabel(null)).toBe("No subject");
    expect(gradeLabel("")).toBe("No grade");
    expect(gradeLabel(undefined)).toBe("No grade");
    expect(gradeLabel("Year 3")).toBe("Year 3");
  });

  it("[LIG-11] orders grades youngest first with unknown values last", () => {
    const sorted = ["10", "Kindergarten", "3", "weird", "PreKindergarten"].sort((a, b) => gradeRank(a) - gradeRank(b));
    expect(sorted).toEqual(["PreKindergarten", "Kindergarten", "3", "10", "weird"]);
    expect(GRADES).toContain("13");
  });

  it("[LIG-11] recognises Clever's vocabulary", () => {
    expect(isKnownSubject("math")).toBe(true);
    expect(isKnownSubject("Math")).toBe(false);
    expect(isKnownGrade("Kindergarten")).toBe(true);
    expect(isKnownGrade("K")).toBe(false);
  });
});
