import { describe, expect, it } from "vitest";
import { displayName, initialsOf, roleLabel } from "./display";

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
