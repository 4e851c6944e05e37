import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { consumeRateLimit, purgeRateLimits } from "@/lib/platform/rate-limit";

const rule = { name: "test-rule", limit: 3, windowSeconds: 60 };
const now = new Date("2026-11-23T10:00:10Z");

describe("rate limits in Postgres", () => {
  afterAll(() => db.$disconnect());

  it("allows up to the limit in a window, then refuses with a retry time", async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(rule, "user-a", now));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]?.retryAfterSeconds).toBe(50);
  });

  it("keeps subjects apart and starts over in the next window", async () => {
    expect((await consumeRateLimit(rule, "user-b", now)).allowed).toBe(true);
    const nextWindow = new Date(now.getTime() + 60_000);
    expect(await consumeRateLimit(rule, "user-a", nextWindow)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("counts concurrent attempts exactly", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => consumeRateLimit(rule, "user-c", now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
  });

  it("purges old windows", async () => {
    expect(await purgeRateLimits(new Date(now.getTime() + 3_600_000))).toBeGreaterThan(0);
    expect(await db.rateLimit.count({ where: { key: { startsWith: "test-rule:" } } })).toBe(0);
  });

  it("[security] windows that have ended are deleted as new attempts are written, without the cron", async () => {
    const flood = { name: "test-flood", limit: 5, windowSeconds: 60 };
    for (let i = 0; i < 30; i++) await consumeRateLimit(flood, `random-${i}@example.com`, now);
    expect(await db.rateLimit.count({ where: { key: { startsWith: "test-flood:" } } })).toBe(30);
    // Two minutes on, every one of those windows has ended: two writes clear them.
    const later = new Date(now.getTime() + 120_000);
    await consumeRateLimit(flood, "someone-else", later);
    await consumeRateLimit(flood, "someone-else", later);
    expect(await db.rateLimit.count({ where: { key: { startsWith: "test-flood:random-" } } })).toBe(0);
    expect(await db.rateLimit.count({ where: { key: "test-flood:someone-else" } })).toBe(1);
  });
});
