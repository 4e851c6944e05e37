// Housekeeping: nothing is kept past its lifetime. Expired sessions, Clever
// tokens past their 24 hours, and finished rate-limit windows are deleted;
// syncs that died without finishing are recorded as abandoned.
import "server-only";
import { db } from "@/lib/db";
import { purgeRateLimits } from "@/lib/rate-limit";
import { endAbandonedRuns } from "@/lib/sync/lease";
import { purgeExpiredTokens } from "@/lib/people/tokens";

export interface PurgeResult {
  sessions: number;
  cleverTokens: number;
  rateLimits: number;
  abandonedSyncs: number;
}

export async function purgeExpired(now = new Date()): Promise<PurgeResult> {
  const [sessions, cleverTokens, rateLimits, abandonedSyncs] = await Promise.all([
    db.session.deleteMany({ where: { expires: { lt: now } } }).then((r) => r.count),
    purgeExpiredTokens(db, now),
    purgeRateLimits(now),
    endAbandonedRuns(db, now),
  ]);
  return { sessions, cleverTokens, rateLimits, abandonedSyncs };
}
