// "This browser signed in to this account before": a cookie holding an HMAC,
// under AUTH_SECRET, of the account's email and its current password hash,
// set at each password sign-in. It lets the owner past the per-account wait
// an attacker can run up from many addresses (password-limits.ts), as OWASP's
// device cookies do; a new password makes every earlier cookie worthless. It
// proves only a past sign-in here, never who is asking: the password is
// still checked.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { env, servedOverHttps } from "@/lib/platform";
import { findPasswordAccount, normalizeEmail } from "./password-accounts";

const YEAR_SECONDS = 365 * 86_400;

/** On https, `__Host-` and Secure, as the session cookie (one rule: lib/platform/https.ts). */
function secure(): boolean {
  return servedOverHttps(env());
}

function cookieName(): string {
  return secure() ? "__Host-known-device" : "known-device";
}

function tokenFor(email: string, passwordHash: string): Buffer {
  return createHmac("sha256", env().AUTH_SECRET).update(`known-device\0${normalizeEmail(email)}\0${passwordHash}`).digest();
}

export async function isKnownDevice(email: string): Promise<boolean> {
  const value = (await cookies()).get(cookieName())?.value;
  if (!value) return false;
  const account = await findPasswordAccount(email);
  if (!account?.passwordHash) return false;
  const presented = Buffer.from(value, "base64url");
  const expected = tokenFor(email, account.passwordHash);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** After the right password: this browser is the account's (one account per
 * browser: the latest to sign in). */
export async function rememberDevice(email: string, passwordHash: string): Promise<void> {
  (await cookies()).set(cookieName(), tokenFor(email, passwordHash).toString("base64url"), { httpOnly: true, sameSite: "lax", secure: secure(), path: "/", maxAge: YEAR_SECONDS });
}
