import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { createTokenVault, TokenVaultError } from "./token-vault";

const oldKey = { id: "k2025", key: randomBytes(32) };
const newKey = { id: "k2026", key: randomBytes(32) };

describe("token vault", () => {
  test("round trip, with a fresh IV every time and the key id beside the ciphertext", () => {
    const vault = createTokenVault([oldKey]);
    const a = vault.encrypt("il-token-ñ-🔑", "user:1");
    const b = vault.encrypt("il-token-ñ-🔑", "user:1");
    expect(a.keyId).toBe("k2025");
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain("il-token");
    expect(vault.decrypt(a, "user:1")).toBe("il-token-ñ-🔑");
  });

  test("rotation: the first key encrypts, every key decrypts", () => {
    const sealedBefore = createTokenVault([oldKey]).encrypt("t1");
    const rotated = createTokenVault([newKey, oldKey]);
    expect(rotated.decrypt(sealedBefore)).toBe("t1");
    expect(rotated.encrypt("t2").keyId).toBe("k2026");
    expect(() => createTokenVault([newKey]).decrypt(sealedBefore)).toThrow(TokenVaultError);
  });

  test("tampering, a wrong key id or another owner's context is detected", () => {
    const vault = createTokenVault([oldKey]);
    const sealed = vault.encrypt("secret-token", "user:1");
    const raw = Buffer.from(sealed.ciphertext, "base64");
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => vault.decrypt({ ...sealed, ciphertext: raw.toString("base64") }, "user:1")).toThrow(TokenVaultError);
    expect(() => vault.decrypt({ ...sealed, keyId: "nope" }, "user:1")).toThrow(/unknown key/);
    expect(() => vault.decrypt(sealed, "user:2")).toThrow(TokenVaultError);
    expect(() => vault.decrypt({ ...sealed, ciphertext: "AAAA" }, "user:1")).toThrow(TokenVaultError);
  });

  test("refuses a missing or short key", () => {
    expect(() => createTokenVault([])).toThrow(TokenVaultError);
    expect(() => createTokenVault([{ id: "short", key: Buffer.alloc(16) }])).toThrow(TokenVaultError);
  });
});
