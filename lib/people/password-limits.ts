// How often passwords may be tried. Per network address (spraying many
// emails), per email *from that address* (guessing one password), and per
// account from anywhere as a growing wait, never a lockout (guessing one
// password from many addresses). A browser the owner signed in from before
// skips that wait (known-device.ts), so an attacker slows only strangers and
// nobody elsewhere can keep the owner out. The address is counted first, so a
// flood of random emails from one place stops there and adds no row per email.
import "server-only";
import { claimBackoffAttempt, clearBackoff, consumeRateLimit, passwordAccountBackoff, rateLimits } from "@/lib/platform";
import { normalizeEmail } from "./password-accounts";

export interface PasswordAttempt {
  /** The client's network (lib/platform/client-address.ts, requestNetwork). */
  address: string;
  /** The account tried; none for a sign-up. */
  email?: string;
  /** This browser signed in to that account before. */
  knownDevice?: boolean;
}

/** Counts one attempt (sign-in, sign-up, linking) and says if it may go on. */
export async function passwordAttemptAllowed({ address, email, knownDevice = false }: PasswordAttempt, now = new Date()): Promise<boolean> {
  if (!(await consumeRateLimit(rateLimits.passwordAddress, address, now)).allowed) return false;
  if (email === undefined) return true;
  const account = normalizeEmail(email);
  if (!(await consumeRateLimit(rateLimits.passwordSignIn, `${account}|${address}`, now)).allowed) return false;
  return knownDevice || claimBackoffAttempt(passwordAccountBackoff, account, now);
}

/** The right password: the account's wait starts again from none. */
export async function passwordSucceeded(email: string): Promise<void> {
  await clearBackoff(passwordAccountBackoff, normalizeEmail(email));
}
