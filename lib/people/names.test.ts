import { describe, expect, it } from "vitest";
import { compareNames, displayName, initialsOf, roleLabel, sortName } from "./names";

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

describe("banner naming", () => {
  it("uses Clever's first and last name, UTF-8 intact", () => {
    expect(displayName({ firstName: "José", lastName: "Ñúñez", name: "x", email: null })).toBe("José Ñúñez");
    expect(displayName({ firstName: null, lastName: null, name: "Ana", email: null })).toBe("Ana");
  });

  it("takes whole graphemes for initials", () => {
    expect(initialsOf("José Ñúñez")).toBe("JÑ");
    expect(initialsOf("Rene\u0301e Dubois")).toBe("RD");
    expect(initialsOf("🌞 Rivera")).toBe("🌞R");
    expect(initialsOf("ليلى حداد")).toBe("لح");
    expect(initialsOf("Cher")).toBe("C");
  });

  it("labels roles", () => {
    expect(roleLabel("teacher")).toBe("Teacher");
    expect(roleLabel("student")).toBe("Student");
  });
});
