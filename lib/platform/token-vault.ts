// AES-256-GCM for Clever tokens at rest. The first key of
// TOKEN_ENCRYPTION_KEYS encrypts; every key decrypts (rotation: prepend a new
// key, old rows stay readable until they expire). The key id is stored beside
// the ciphertext; the ciphertext is base64(iv ‖ tag ‖ encrypted). An optional
// context (e.g. "user:<id>") is bound as additional authenticated data, so a
// row copied onto another owner does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/platform/env";

export interface VaultKey {
  id: string;
  key: Buffer;
}

export interface Sealed {
  ciphertext: string;
  keyId: string;
}

export class TokenVaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TokenVaultError";
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createTokenVault(keys: readonly VaultKey[]) {
  const primary = keys[0];
  if (!primary) throw new TokenVaultError("no encryption key configured");
  for (const { id, key } of keys) {
    if (key.length !== 32) throw new TokenVaultError(`key ${id} is not 32 bytes`);
  }
  const byId = new Map(keys.map((k) => [k.id, k.key]));

  return {
    encrypt(plaintext: string, context = ""): Sealed {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", primary.key, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const encrypted = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return { ciphertext: Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString("base64"), keyId: primary.id };
    },

    /** Throws TokenVaultError on an unknown key, tampering or a wrong context. */
    decrypt(sealed: Sealed, context = ""): string {
      const key = byId.get(sealed.keyId);
      if (!key) throw new TokenVaultError(`unknown key id ${sealed.keyId}`);
      const raw = Buffer.from(sealed.ciphertext, "base64");
      if (raw.length < IV_BYTES + TAG_BYTES) throw new TokenVaultError("ciphertext too short");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
      } catch {
        throw new TokenVaultError("ciphertext failed authentication");
      }
    },
  };
}

export type TokenVault = ReturnType<typeof createTokenVault>;

/** The vault over env().TOKEN_ENCRYPTION_KEYS. */
export function tokenVault(): TokenVault {
  return createTokenVault(env().TOKEN_ENCRYPTION_KEYS);
}
