import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "./passwords";

describe("password hashing", () => {
  it("hashes with Argon2id, salted", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct horse battery");
  });

  it("verifies the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("Ñandú é 🌞 secret");
    expect(await verifyPassword(stored, "Ñandú é 🌞 secret")).toBe(true);
    expect(await verifyPassword(stored, "Ñandú é 🌞 secreT")).toBe(false);
  });

  it("returns false for a malformed hash instead of throwing", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
    expect(await verifyAgainstNothing("anything")).toBe(false);
  });
});
