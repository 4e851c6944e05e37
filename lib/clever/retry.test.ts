import { describe, expect, test } from "vitest";
import { backoffDelay, parseRetryAfter, type RetryPolicy, withRetry } from "./retry";

function policy(overrides: Partial<RetryPolicy> = {}) {
  const clock = { now: 0 };
  const waits: number[] = [];
  const p: RetryPolicy = {
    retries: 3,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    deadline: 60_000,
    now: () => clock.now,
    sleep: async (ms) => {
      waits.push(ms);
      clock.now += ms;
    },
    random: () => 0.5,
    ...overrides,
  };
  return { p, waits };
}

const transient = (retryAfterMs?: number) => Object.assign(new Error("503"), { retryable: true, retryAfterMs });

describe("retry with backoff", () => {
  test("retries transient failures with growing, capped delays, then succeeds", async () => {
    const { p, waits } = policy({ retries: 5 });
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls < 6) throw transient();
      return "ok";
    }, p);
    expect(result).toBe("ok");
    expect(waits).toEqual([75, 150, 300, 600, 750]);
  });

  test("honours Retry-After over its own backoff", async () => {
    const { p, waits } = policy();
    let calls = 0;
    await withRetry(async () => {
      if (++calls === 1) throw transient(2_000);
      return calls;
    }, p);
    expect(waits).toEqual([2_000]);
  });

  test("does not retry permanent failures", async () => {
    const { p, waits } = policy();
    await expect(withRetry(async () => Promise.reject(Object.assign(new Error("403"), { retryable: false })), p)).rejects.toThrow("403");
    expect(waits).toEqual([]);
  });

  test("gives up after the last retry with the last error", async () => {
    const { p, waits } = policy({ retries: 2 });
    await expect(withRetry(async () => Promise.reject(transient()), p)).rejects.toThrow("503");
    expect(waits).toHaveLength(2);
  });

  test("never waits past the deadline", async () => {
    const { p, waits } = policy({ deadline: 1_000 });
    await expect(withRetry(async () => Promise.reject(transient(5_000)), p)).rejects.toThrow("503");
    expect(waits).toEqual([]);
  });

  test("jitter stays within half and all of the exponential ceiling", () => {
    const base = { baseDelayMs: 100, maxDelayMs: 10_000 };
    expect(backoffDelay(3, { ...base, random: () => 0 })).toBe(200);
    expect(backoffDelay(3, { ...base, random: () => 0.999999 })).toBe(400);
  });

  test("parses Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
