// Housekeeping: nothing is kept past its lifetime. Expired sessions, Clever
// tokens past their 24 hours, and finished rate-limit windows are deleted.
import "server-only";
import { db } from "@/lib/db";
import { purgeRateLimits } from "@/lib/rate-limit";
import { purgeExpiredTokens } from "@/lib/people/tokens";

export interface PurgeResult {
  sessions: number;
  cleverTokens: number;
  rateLimits: number;
}

export async function purgeExpired(now = new Date()): Promise<PurgeResult> {
  const [sessions, cleverTokens, rateLimits] = await Promise.all([
    db.session.deleteMany({ where: { expires: { lt: now } } }).then((r) => r.count),
    purgeExpiredTokens(db, now),
    purgeRateLimits(now),
  ]);
  return { sessions, cleverTokens, rateLimits };
}
