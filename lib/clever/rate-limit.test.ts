// Clever's rate limit as the client reads it: X-RateLimit-* on every answer,
// pacing when few requests remain, waiting for X-RateLimit-Reset on a 429
// when the deadline allows (and saying when otherwise), and a reserve that
// syncs nobody waits on leave to logins.
import { describe, expect, test } from "vitest";
import { fakeFetch } from "@/tests/support/fake-fetch";
import { CleverApiError, createCleverClient } from "./client";
import { bucketOf, paceFor, readRateHeaders, recordWindow, reserveFor, spendRequest } from "./rate-limit";

const ID = "5e1ec7ab1e0000000000a001";
const teacher = { data: { id: ID, name: { first: "Ana", last: "Núñez" } } };

/** A clock the client's sleeps move, starting at a round second. */
function clock(start = 1_800_000_000_000) {
  const state = { now: start, waits: [] as number[] };
  return {
    state,
    retry: {
      now: () => state.now,
      sleep: async (ms: number) => {
        state.waits.push(ms);
        state.now += ms;
      },
      random: () => 0.5,
    },
  };
}

const headers = (limit: number, remaining: number, resetAtMs: number) => ({
  "x-ratelimit-bucket": "b",
  "x-ratelimit-limit": String(limit),
  "x-ratelimit-remaining": String(remaining),
  "x-ratelimit-reset": String(Math.ceil(resetAtMs / 1000)),
});

// The windows are the process's, kept per token: each test uses tokens of its own.

describe("reading Clever's headers", () => {
  test("[clever-today] a window from the headers; a Reset further off than Clever's one-minute window is clamped", () => {
    const now = 1_800_000_000_000;
    expect(readRateHeaders(new Headers(headers(1200, 7, now + 30_000)), now)).toEqual({ limit: 1200, remaining: 7, resetAt: now + 30_000 });
    expect(readRateHeaders(new Headers(headers(1200, 7, now + 3_600_000)), now)?.resetAt).toBe(now + 60_000);
    expect(readRateHeaders(new Headers({ "x-ratelimit-limit": "1200" }), now)).toBeUndefined();
    expect(readRateHeaders(new Headers(headers(1200, 7, now).valueOf() as Record<string, string>), now)?.resetAt).toBe(now);
  });

  test("[clever-today] pacing: free while many remain, spread over the window near the reserve, a wait for the reset at none", () => {
    const now = 1_000_000;
    const bucket = bucketOf("token");
    recordWindow(bucket, { limit: 1200, remaining: 600, resetAt: now + 30_000 });
    expect(paceFor(bucket, now, 60).waitMs).toBe(0);
    recordWindow(bucket, { limit: 1200, remaining: 120, resetAt: now + 30_000 });
    expect(paceFor(bucket, now, 60).waitMs).toBe(500);
    // A login spends what is left at once.
    expect(paceFor(bucket, now, 0).waitMs).toBe(0);
    recordWindow(bucket, { limit: 1200, remaining: 0, resetAt: now + 30_000 });
    expect(paceFor(bucket, now)).toEqual({ waitMs: 30_000, resetAt: now + 30_000 });
    // A window that has ended says nothing.
    expect(paceFor(bucket, now + 30_000).waitMs).toBe(0);
  });

  test("[clever-today] a sync nobody waits on leaves a twentieth of the window to logins", () => {
    const now = 1_000_000;
    const bucket = bucketOf("district-token");
    expect(reserveFor(1200)).toBe(60);
    recordWindow(bucket, { limit: 1200, remaining: 61, resetAt: now + 10_000 });
    expect(paceFor(bucket, now, 0).waitMs).toBe(0);
    expect(paceFor(bucket, now, 60).waitMs).toBe(10_000);
    spendRequest(bucket, now);
    expect(paceFor(bucket, now, 60)).toEqual({ waitMs: 10_000, resetAt: now + 10_000 });
    expect(paceFor(bucket, now, 0).waitMs).toBe(0);
  });
});

describe("the client at the limit", () => {
  test("[clever-today] a 429 without Retry-After waits until X-RateLimit-Reset, then succeeds", async () => {
    const { state, retry } = clock();
    const resetAt = state.now + 4_000;
    let calls = 0;
    const fake = fakeFetch(() => {
      calls += 1;
      if (calls === 1) return { status: 429, body: { error: "rate limited" }, headers: headers(1200, 0, resetAt) };
      return { body: teacher, headers: headers(1200, 1199, resetAt + 60_000) };
    });
    const client = createCleverClient({ token: "t1", tokenKind: "user", baseUrl: "https://api.clever.test", fetch: fake.fn, retry: { ...retry, deadline: state.now + 30_000 } });
    expect((await client.teacher(ID)).id).toBe(ID);
    expect(calls).toBe(2);
    expect(state.waits).toEqual([4_000]);
  });

  test("[clever-today] a 429 whose window ends after the deadline fails at once, saying when Clever has room again", async () => {
    const { state, retry } = clock();
    const resetAt = state.now + 50_000;
    const fake = fakeFetch(() => ({ status: 429, body: "<html>Too Many Requests</html>", headers: { ...headers(1200, 0, resetAt), "content-type": "text/html" } }));
    const client = createCleverClient({ token: "t2", tokenKind: "user", baseUrl: "https://api.clever.test", fetch: fake.fn, retry: { ...retry, deadline: state.now + 20_000 } });
    const error = await client.teacher(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CleverApiError);
    expect(error).toMatchObject({ code: "rate_limited", details: { retryAt: resetAt } });
    expect(fake.urls).toHaveLength(1);
    expect(state.waits).toEqual([]);
  });

  test("[clever-today] after an answer that leaves no requests, the next one waits for the reset instead of being refused", async () => {
    const { state, retry } = clock();
    const resetAt = state.now + 3_000;
    const fake = fakeFetch(() => ({ body: teacher, headers: state.now < resetAt ? headers(5, 0, resetAt) : headers(5, 4, resetAt + 60_000) }));
    const client = createCleverClient({ token: "t3", tokenKind: "user", baseUrl: "https://api.clever.test", fetch: fake.fn, retry: { ...retry, deadline: state.now + 30_000 } });
    await client.teacher(ID);
    await client.teacher(ID);
    expect(state.waits).toEqual([3_000]);
    expect(fake.urls).toHaveLength(2);
  });

  test("[clever-today] a background sync's client stops short of the login reserve; a login's does not", async () => {
    const { state, retry } = clock();
    const resetAt = state.now + 50_000;
    const fake = fakeFetch(() => ({ body: teacher, headers: headers(100, 5, resetAt) }));
    const login = createCleverClient({ token: "shared", tokenKind: "district", baseUrl: "https://api.clever.test", fetch: fake.fn, retry: { ...retry, deadline: state.now + 10_000 } });
    await login.teacher(ID);
    const background = createCleverClient({
      token: "shared",
      tokenKind: "district",
      baseUrl: "https://api.clever.test",
      fetch: fake.fn,
      keepLoginReserve: true,
      retry: { ...retry, deadline: state.now + 10_000 },
    });
    await expect(background.teacher(ID)).rejects.toMatchObject({ code: "rate_limited", details: { retryAt: resetAt } });
    // The login's client may still spend what is left.
    expect((await login.teacher(ID)).id).toBe(ID);
    expect(fake.urls).toHaveLength(2);
  });
});
