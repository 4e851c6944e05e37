// Clever's rate limits (fixed window per bearer token, X-RateLimit-* headers,
// 429 without Retry-After) and the per-user / per-district request log.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { controlClient, type ControlClient } from "../control-client";
import { fixtures } from "../fixtures";
import { api, DEMO_APP, districtToken, sleep, startSandbox, type TestSandbox, userToken, withSandbox } from "./helpers";

const f = fixtures;

describe("rate limits", () => {
  let sb: TestSandbox;
  let clever: ControlClient;
  beforeAll(async () => {
    // Real time passes on this sandbox's clock: short windows really reset.
    sb = await startSandbox({ realClock: true });
    clever = controlClient({ url: sb.url, clientId: DEMO_APP.client_id });
  });
  afterAll(async () => {
    await sb.close();
  });
  beforeEach(async () => {
    await clever.reset();
  });

  test("every Data API response carries the four headers; the default is 1200 per minute", async () => {
    const token = await districtToken(sb);
    const r = await api(sb, token, `/v2.0/districts/${f.district.id}`);
    // As recorded from Clever.
    expect(r.headers.get("x-ratelimit-bucket")).toBe("bearer");
    expect(r.headers.get("x-ratelimit-limit")).toBe("1200");
    const remaining = Number(r.headers.get("x-ratelimit-remaining"));
    expect(remaining).toBeLessThan(1200);
    const reset = Number(r.headers.get("x-ratelimit-reset"));
    const now = sb.store.now() / 1000;
    expect(reset).toBeGreaterThan(now);
    expect(reset).toBeLessThanOrEqual(Math.ceil(now) + 60);
    // Errors count and carry them too.
    const nf = await api(sb, token, "/v2.0/sections/ffffffffffffffffffffffff");
    expect(nf.status).toBe(404);
    expect(Number(nf.headers.get("x-ratelimit-remaining"))).toBe(remaining - 1);
  });

  test("as recorded, a token's window starts at its first request, not on the clock's minute", async () => {
    const token = await userToken(sb, f.student.id);
    const before = sb.store.now();
    const r = await api(sb, token, "/v2.1/me");
    const after = sb.store.now();
    const reset = Number(r.headers.get("x-ratelimit-reset"));
    expect(reset).toBeGreaterThanOrEqual(Math.ceil((before + 60_000) / 1000));
    expect(reset).toBeLessThanOrEqual(Math.ceil((after + 60_000) / 1000));
  });

  test("a user-scoped short window: 5 requests, then 429 (JSON, no Retry-After) until X-RateLimit-Reset, then 5 again", async () => {
    const token = await userToken(sb, f.teacher.id);
    const other = await userToken(sb, f.student.id);
    await clever.setRateLimit({ limit: 5, windowMs: 2000, user: f.teacher.id });
    // The new rule counts afresh: the window starts at the first request below.
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await api(sb, token, "/v2.1/me");
      expect(r.status).toBe(200);
      expect(r.headers.get("x-ratelimit-limit")).toBe("5");
      seen.push(Number(r.headers.get("x-ratelimit-remaining")));
    }
    expect(seen).toEqual([4, 3, 2, 1, 0]);
    const limited = await api(sb, token, "/userinfo");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(limited.headers.get("content-type")).toContain("application/json");
    expect(limited.body).toHaveProperty("error");
    // Another user's token is not limited by it.
    expect((await api(sb, other, "/v2.1/me")).headers.get("x-ratelimit-limit")).toBe("1200");
    const reset = Number(limited.headers.get("x-ratelimit-reset"));
    await sleep(reset * 1000 - sb.store.now() + 20);
    const again = await api(sb, token, "/v2.1/me");
    expect(again.status).toBe(200);
    expect(again.headers.get("x-ratelimit-remaining")).toBe("4");
  });

  test("a district-scoped limit applies to that district's district-app token only; DELETE restores the default", async () => {
    const token = await districtToken(sb);
    const user = await userToken(sb, f.teacher.id);
    await clever.setRateLimit({ limit: 2, windowMs: 60_000, district: f.district.id });
    expect((await api(sb, token, "/v2.0/me")).status).toBe(200);
    expect((await api(sb, token, "/v2.0/me")).status).toBe(200);
    expect((await api(sb, token, "/v2.0/me")).status).toBe(429);
    expect((await api(sb, user, "/v2.0/me")).status).toBe(200);
    await clever.resetRateLimits();
    expect((await api(sb, token, "/v2.0/me")).status).toBe(200);
  });

  test("parallel tests keep apart: one user's rule or reset leaves another user's rule and count alone", async () => {
    const first = await userToken(sb, f.teacher.id);
    const second = await userToken(sb, f.student.id);
    await clever.setRateLimit({ limit: 1, windowMs: 60_000, user: f.teacher.id });
    expect((await api(sb, first, "/v2.0/me")).status).toBe(200);
    // Another test sets and then resets its own user's rule meanwhile.
    await clever.setRateLimit({ limit: 5, windowMs: 60_000, user: f.student.id });
    expect((await api(sb, second, "/v2.0/me")).status).toBe(200);
    await clever.resetRateLimits({ user: f.student.id });
    expect((await api(sb, second, "/v2.0/me")).headers.get("x-ratelimit-limit")).toBe("1200");
    // The first user's rule and count are as they were.
    expect((await api(sb, first, "/v2.0/me")).status).toBe(429);
    await clever.resetRateLimits({ user: f.teacher.id });
    expect((await api(sb, first, "/v2.0/me")).status).toBe(200);
  });

  test("a default for everyone; POST /sandbox/reset also restores it; bad specs are refused", async () => {
    await clever.setRateLimit({ limit: 1 });
    const token = await userToken(sb, f.student.id);
    expect((await api(sb, token, "/v2.0/me")).status).toBe(200);
    expect((await api(sb, token, "/v2.0/me")).status).toBe(429);
    await clever.reset();
    const fresh = await userToken(sb, f.student.id);
    expect((await api(sb, fresh, "/v2.0/me")).headers.get("x-ratelimit-limit")).toBe("1200");
    await expect(clever.setRateLimit({ limit: 1, user: "ffffffffffffffffffffffff" })).rejects.toThrow(/400/);
    await expect(clever.setRateLimit({ limit: 1, user: f.student.id, district: f.district.id })).rejects.toThrow(/400/);
    await expect(clever.setRateLimit({ limit: -1 })).rejects.toThrow(/400/);
  });

  test("the rateLimit option sets the default; windows follow the sandbox clock", async () => {
    const frozen = await startSandbox({ rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const token = await districtToken(frozen);
      expect((await api(frozen, token, "/v2.0/me")).headers.get("x-ratelimit-limit")).toBe("2");
      expect((await api(frozen, token, "/v2.0/me")).status).toBe(200);
      expect((await api(frozen, token, "/v2.0/me")).status).toBe(429);
      frozen.advance(60_000);
      expect((await api(frozen, token, "/v2.0/me")).status).toBe(200);
    } finally {
      await frozen.close();
    }
  });
});

describe("request log", () => {
  let sb: TestSandbox;
  let clever: ControlClient;
  withSandbox({ beforeAll, afterAll }, (started, control) => {
    sb = started;
    clever = control;
  });

  test("a user's bearer requests, in order, with templated endpoints and statuses; control calls never", async () => {
    await clever.clearRequests();
    const token = await userToken(sb, f.teacher.id);
    const district = await districtToken(sb);
    await api(sb, token, "/v2.1/me");
    await api(sb, token, "/userinfo");
    await api(sb, token, `/v2.0/teachers/${f.teacher.id}`);
    await api(sb, token, `/v2.0/teachers/${f.teacher.id}/sections`);
    await api(sb, district, `/v2.0/sections/${f.sectionBig.id}/students?limit=10`);
    await clever.stats();
    expect(await clever.requests({ user: f.teacher.id })).toEqual([
      { method: "GET", endpoint: "GET /v2.1/me", path: "/v2.1/me", status: 200 },
      { method: "GET", endpoint: "GET /userinfo", path: "/userinfo", status: 200 },
      { method: "GET", endpoint: "GET /v2.0/teachers/{id}", path: `/v2.0/teachers/${f.teacher.id}`, status: 200 },
      { method: "GET", endpoint: "GET /v2.0/teachers/{id}/sections", path: `/v2.0/teachers/${f.teacher.id}/sections`, status: 404 },
    ]);
    expect(await clever.requests({ district: f.district.id })).toEqual([
      {
        method: "GET",
        endpoint: "GET /v2.0/sections/{id}/students",
        path: `/v2.0/sections/${f.sectionBig.id}/students?limit=10`,
        status: 200,
      },
    ]);
    expect(await clever.requests({ user: f.student.id })).toEqual([]);
    await clever.clearRequests();
    expect(await clever.requests({ user: f.teacher.id })).toEqual([]);
  });

  test("clearing one user's requests leaves everyone else's", async () => {
    await clever.clearRequests();
    await api(sb, await userToken(sb, f.teacher.id), "/v2.0/me");
    await api(sb, await userToken(sb, f.student.id), "/v2.0/me");
    await clever.clearRequests({ user: f.student.id });
    expect(await clever.requests({ user: f.student.id })).toEqual([]);
    expect(await clever.requests({ user: f.teacher.id })).toHaveLength(1);
  });

  test("revoked tokens are still their user's; a query needs user or district", async () => {
    await clever.clearRequests();
    const token = await userToken(sb, f.student.id);
    sb.store.revokeToken(token);
    await api(sb, token, "/v2.0/me");
    expect(await clever.requests({ user: f.student.id })).toEqual([{ method: "GET", endpoint: "GET /v2.0/me", path: "/v2.0/me", status: 401 }]);
    expect((await fetch(`${sb.url}/sandbox/requests`)).status).toBe(400);
  });
});
