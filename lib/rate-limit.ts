// Fixed-window rate limits kept in Postgres, so they hold across serverless
// instances (an in-memory counter would reset with every cold start).
import "server-only";
import { db } from "@/lib/db";

export interface RateLimitRule {
  /** What is limited, e.g. "sync" or "password-sign-in". */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

export const rateLimits = {
  /** Per network address: a school behind one NAT logs in hundreds at once. */
  authCallback: { name: "auth-callback", limit: 1200, windowSeconds: 60 },
  passwordSignIn: { name: "password-sign-in", limit: 10, windowSeconds: 300 },
  sync: { name: "sync", limit: 1, windowSeconds: 5 },
} satisfies Record<string, RateLimitRule>;

/** Counts one attempt for `subject` (a user ID, an IP, an email) and says
 * whether it is within the rule. One atomic statement: concurrent attempts
 * cannot both slip under the limit. */
export async function consumeRateLimit(rule: RateLimitRule, subject: string, now = new Date()): Promise<RateLimitResult> {
  const key = `${rule.name}:${subject}`;
  const windowStart = new Date(Math.floor(now.getTime() / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES (${key}, 1, ${windowStart})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" = EXCLUDED."windowStart" THEN "RateLimit"."count" + 1 ELSE 1 END,
      "windowStart" = EXCLUDED."windowStart"
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 1);
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000));
  return { allowed: count <= rule.limit, remaining: Math.max(0, rule.limit - count), retryAfterSeconds };
}

/** Drops windows that ended long ago (called by the maintenance purge). */
export async function purgeRateLimits(olderThan: Date): Promise<number> {
  const { count } = await db.rateLimit.deleteMany({ where: { windowStart: { lt: olderThan } } });
  return count;
}
