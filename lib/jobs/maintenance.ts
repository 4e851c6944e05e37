// Housekeeping: nothing is kept past its lifetime. Expired sessions, Clever
// tokens past their 24 hours, finished rate-limit windows, claims of used
// login codes and the data of districts disconnected past their retention
// period are deleted;
// syncs that died without finishing are recorded as abandoned.
import "server-only";
import { purgeUsedCodes } from "@/lib/login";
import { db, env, purgeRateLimits } from "@/lib/platform";
import { endAbandonedRuns, purgeDisconnectedDistricts } from "@/lib/roster";
import { purgeExpiredTokens } from "@/lib/people";

export interface PurgeResult {
  sessions: number;
  cleverTokens: number;
  rateLimits: number;
  abandonedSyncs: number;
  loginCodes: number;
  districts: number;
}

export async function purgeExpired(now = new Date()): Promise<PurgeResult> {
  const [sessions, cleverTokens, rateLimits, abandonedSyncs, loginCodes, districts] = await Promise.all([
    db.session.deleteMany({ where: { expires: { lt: now } } }).then((r) => r.count),
    purgeExpiredTokens(db, now),
    purgeRateLimits(now),
    endAbandonedRuns(db, now),
    purgeUsedCodes(now),
    purgeDisconnectedDistricts(db, now, env().DISTRICT_RETENTION_DAYS).then((purged) => purged.length),
  ]);
  return { sessions, cleverTokens, rateLimits, abandonedSyncs, loginCodes, districts };
}
