// Fixed-window rate limits kept in Postgres, so they hold across serverless
// instances (an in-memory counter would reset with every cold start).
import "server-only";
import { db } from "@/lib/platform/db";
import type { BackoffRule, RateLimitRule } from "./rate-limit-rules";

export { passwordAccountBackoff, rateLimits, type BackoffRule, type RateLimitRule } from "./rate-limit-rules";

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/** Rows past their window deleted per write: enough to outpace any flood of
 * new keys (each write adds at most one), small enough to stay cheap. */
const EXPIRED_PER_WRITE = 20;

/** Counts one attempt for `subject` (a user ID, an IP, an email) and says
 * whether it is within the rule. One atomic statement: concurrent attempts
 * cannot both slip under the limit. */
export async function consumeRateLimit(rule: RateLimitRule, subject: string, now = new Date()): Promise<RateLimitResult> {
  const key = `${rule.name}:${subject}`;
  const windowStart = new Date(Math.floor(now.getTime() / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);
  const windowEnd = new Date(windowStart.getTime() + rule.windowSeconds * 1000);
  // Expired rows go as new ones come (the cron is optional), so random keys
  // cannot grow the table without bound. SKIP LOCKED: never wait on a row
  // another request is counting.
  const rows = await db.$queryRaw<{ count: number }[]>`
    WITH expired AS (
      DELETE FROM "RateLimit" WHERE "key" IN (
        SELECT "key" FROM "RateLimit" WHERE "expiresAt" < ${now} AND "key" <> ${key}
        LIMIT ${EXPIRED_PER_WRITE} FOR UPDATE SKIP LOCKED
      )
    )
    INSERT INTO "RateLimit" ("key", "count", "windowStart", "expiresAt") VALUES (${key}, 1, ${windowStart}, ${windowEnd})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" = EXCLUDED."windowStart" THEN "RateLimit"."count" + 1 ELSE 1 END,
      "windowStart" = EXCLUDED."windowStart",
      "expiresAt" = EXCLUDED."expiresAt"
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 1);
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000));
  return { allowed: count <= rule.limit, remaining: Math.max(0, rule.limit - count), retryAfterSeconds };
}

/** Claims one attempt at `subject` under a backoff rule: allowed while the
 * attempts since the last success are fewer than `freeAttempts`, or once the
 * wait after the latest attempt has passed. One atomic statement, so
 * concurrent guesses cannot share a slot. The row reuses the rate-limit
 * table: `count` is the attempts since the last success, `windowStart` the
 * latest one. */
export async function claimBackoffAttempt(rule: BackoffRule, subject: string, now = new Date()): Promise<boolean> {
  const key = `${rule.name}:${subject}`;
  const forgetAt = new Date(now.getTime() + rule.forgetAfterSeconds * 1000);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimit" ("key", "count", "windowStart", "expiresAt") VALUES (${key}, 1, ${now}, ${forgetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."expiresAt" < ${now} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = EXCLUDED."windowStart",
      "expiresAt" = EXCLUDED."expiresAt"
    WHERE "RateLimit"."expiresAt" < ${now}
      OR "RateLimit"."count" < ${rule.freeAttempts}
      OR "RateLimit"."windowStart" + make_interval(secs => LEAST(${rule.maxWaitSeconds}::float8, power(2, LEAST("RateLimit"."count" - ${rule.freeAttempts}, 30)))) <= ${now}
    RETURNING "count"`;
  return rows.length > 0;
}

/** A success: the subject's attempts start again from none. */
export async function clearBackoff(rule: BackoffRule, subject: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key: `${rule.name}:${subject}` } });
}

/** Drops every window that has ended (called by the maintenance purge). */
export async function purgeRateLimits(now: Date): Promise<number> {
  const { count } = await db.rateLimit.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
