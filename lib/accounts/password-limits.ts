// How often a network may try passwords. Limited per network address
// (spraying many emails) and per email *from that address* (guessing one
// password); never per email alone, which would let anyone lock a chosen
// person out from elsewhere. The address is counted first, so a flood of
// random emails from one place stops there and adds no row per email.
import "server-only";
import { consumeRateLimit, rateLimits } from "@/lib/rate-limit";
import { normalizeEmail } from "./password-accounts";

/** Counts one attempt (sign-in, sign-up, linking) and says if it may go on. */
export async function passwordAttemptAllowed(address: string, email?: string, now = new Date()): Promise<boolean> {
  if (!(await consumeRateLimit(rateLimits.passwordAddress, address, now)).allowed) return false;
  if (email === undefined) return true;
  return (await consumeRateLimit(rateLimits.passwordSignIn, `${normalizeEmail(email)}|${address}`, now)).allowed;
}
