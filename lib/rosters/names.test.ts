import { describe, expect, it } from "vitest";
import { compareNames, displayName, sortName } from "./names";

describe("names", () => {
  it("prefers Clever's name parts and keeps UTF-8 as is", () => {
    expect(displayName({ firstName: "Ana", lastName: "Núñez", name: "x" })).toBe("Ana Núñez");
    expect(displayName({ firstName: "ليلى", lastName: "حداد" })).toBe("ليلى حداد");
    expect(displayName({ name: "Ben Ortiz" })).toBe("Ben Ortiz");
    expect(displayName({})).toBe("Unnamed");
  });

  it("sorts by last name, accent-insensitively", () => {
    const people = [{ firstName: "Zoe", lastName: "Ávila" }, { firstName: "Al", lastName: "Bell" }, { firstName: "Ann", lastName: "Adams" }];
    expect(people.sort((a, b) => compareNames(a, b, "last")).map((p) => p.lastName)).toEqual(["Adams", "Ávila", "Bell"]);
    expect(sortName({ firstName: "Ana", lastName: "Núñez" })).toBe("Núñez, Ana");
  });
});
