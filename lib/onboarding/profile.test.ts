import { describe, expect, it } from "vitest";
import { picksSchool, profileFromForm, profileSchema } from "./profile";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("the onboarding profile", () => {
  it("[SYNC-04] [DSSO-R2] accepts Clever's values with no email (email is asked for, not required)", () => {
    const parsed = profileSchema.safeParse(
      profileFromForm(form([["firstName", "Ana"], ["lastName", "Núñez"], ["email", ""], ["subjects", "math"], ["subjects", "arts and music"], ["grades", "Kindergarten"], ["school", "directory:dir_1"]])),
    );
    expect(parsed.success).toBe(true);
    expect(parsed.data?.subjects).toEqual(["math", "arts and music"]);
  });

  it("[SYNC-04] [DSSO-R2] rejects an empty first name, a malformed email and values outside Clever's vocabulary", () => {
    const parsed = profileSchema.safeParse(profileFromForm(form([["firstName", " "], ["email", "not-an-email"], ["subjects", "astrology"], ["grades", "K"]])));
    expect(parsed.success).toBe(false);
    const fields = parsed.error?.issues.map((issue) => issue.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["firstName", "email", "subjects", "grades"]));
  });

  it("[SYNC-04] [DSSO-R2] [LIG-10] asks Library and password teachers for a school, not district-shared ones", () => {
    expect(picksSchool({ authorizedBy: "teacher" })).toBe(true);
    expect(picksSchool({ authorizedBy: null })).toBe(true);
    expect(picksSchool({ authorizedBy: "district" })).toBe(false);
  });
});
