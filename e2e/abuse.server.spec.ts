// The Clever callback as an attacker reaches it without a browser: a POST, a
// forged preview state, a flood from one network hiding behind random
// X-Forwarded-For values, and request IDs the client makes up. Server-only
// (runs once, in chromium).
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { query } from "./support/db";
import { expect, test } from "./support/fixtures";

const callback = "/api/auth/callback/clever";

/** A state as Auth.js seals it for a preview deployment (its callback URL
 * inside), made with the deployment's secret: what a preview, or anyone who
 * has the shared secret, can produce. */
async function previewState(stack: Record<string, string | undefined>, origin: string): Promise<string> {
  return encode({ secret: stack.AUTH_SECRET ?? "", salt: "encodedState", maxAge: 900, token: { origin: `${origin}${callback}`, random: randomBytes(16).toString("base64url") } });
}

const location = (response: { headers(): Record<string, string> }) => new URL(response.headers().location ?? "", "http://app.invalid");

test("[security] a POST to the Clever callback is refused (Clever only redirects with GET)", async ({ request }) => {
  const response = await request.post(`${callback}?code=abc&state=def`, { maxRedirects: 0 });
  expect(response.status()).toBe(405);
  expect(response.headers().allow).toBe("GET");
});

test("[security] the stable deployment forwards a code only to an allowed preview origin", async ({ request, stack }) => {
  const forged = await request.get(`${callback}?code=stolen-code&state=${await previewState(stack, "https://evil.example")}`, { maxRedirects: 0 });
  expect(forged.status()).toBe(303);
  const page = location(forged);
  expect(page.pathname).toBe("/auth/error");
  expect(page.searchParams.get("kind")).toBe("forwarding_refused");
  expect(page.searchParams.get("ref")).toMatch(/^ERR-/);
  expect(forged.headers().location).not.toContain("stolen-code");

  const preview = "http://pr-7.preview.localhost:3999";
  const allowed = await request.get(`${callback}?code=preview-code&state=${await previewState(stack, preview)}`, { maxRedirects: 0 });
  expect(allowed.status()).toBeGreaterThanOrEqual(300);
  expect(allowed.status()).toBeLessThan(400);
  const forwarded = location(allowed);
  expect(forwarded.origin).toBe(preview);
  expect(forwarded.pathname).toBe(callback);
  expect(forwarded.searchParams.get("code")).toBe("preview-code");
});

test("[security] a forwarded answer without a code (a denied consent, an empty redirect) goes only to an allowed preview origin too: no open redirect", async ({ request, stack }) => {
  for (const answer of ["error=access_denied", ""]) {
    const forged = await request.get(`${callback}?${answer}&state=${await previewState(stack, "https://evil.example")}`, { maxRedirects: 0 });
    expect(forged.status(), answer).toBe(303);
    const page = location(forged);
    expect(page.origin).not.toBe("https://evil.example");
    expect(page.pathname).toBe("/auth/error");
    expect(page.searchParams.get("kind")).toBe("forwarding_refused");
  }
  const preview = "http://pr-7.preview.localhost:3999";
  const allowed = await request.get(`${callback}?error=access_denied&state=${await previewState(stack, preview)}`, { maxRedirects: 0 });
  expect(location(allowed).origin).toBe(preview);
  expect(location(allowed).searchParams.get("error")).toBe("access_denied");
});

test("[security] 1,300 callbacks from one network behind random X-Forwarded-For values still meet the limit", async ({ request }) => {
  test.setTimeout(180_000);
  // The limit counts per fixed minute: start early in one, so the flood
  // cannot straddle two windows.
  const second = new Date().getUTCSeconds();
  if (second > 10) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
  // What our proxy appends is the network's real address; to its left, the
  // attacker writes whatever it likes.
  const network = `198.51.100.${1 + ((randomBytes(1)[0] ?? 0) % 250)}`;
  const randomIp = () => Array.from(randomBytes(4), (byte) => String(byte)).join(".");
  const outcomes: string[] = [];
  const send = async (i: number) => {
    // A code with a state: what reaches the exchange (a Clever-initiated
    // callback only restarts the login, which costs nothing to limit).
    const response = await request.get(`${callback}?code=flood-${i}&state=forged-${i}`, { maxRedirects: 0, headers: { "x-forwarded-for": `${randomIp()}, ${randomIp()}, ${network}` } });
    const target = location(response);
    outcomes.push(target.pathname === "/auth/error" ? (target.searchParams.get("kind") ?? "?") : "other");
  };
  for (let batch = 0; batch < 1300; batch += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => send(batch + j)));
  const refused = outcomes.filter((kind) => kind === "too_many_attempts").length;
  expect(outcomes).toHaveLength(1300);
  expect(outcomes.filter((kind) => kind === "state_mismatch")).toHaveLength(1200);
  expect(refused).toBe(100);
  const rows = await query<{ count: number }>(`SELECT count FROM "RateLimit" WHERE key = $1`, [`auth-callback:${network}`]);
  expect(rows[0]?.count).toBe(1300);

  // Callbacks without a code, and the restart of a Clever-initiated one, cost nothing and count for nothing.
  await request.get(`${callback}?error=access_denied`, { maxRedirects: 0, headers: { "x-forwarded-for": network } });
  await request.get(`${callback}?code=portal-click`, { maxRedirects: 0, headers: { "x-forwarded-for": network } });
  expect((await query<{ count: number }>(`SELECT count FROM "RateLimit" WHERE key = $1`, [`auth-callback:${network}`]))[0]?.count).toBe(1300);
});

test("[security] the request ID is the server's own unless it is a well-formed UUID", async ({ request }) => {
  const made = await request.get("/api/health", { headers: { "x-request-id": 'forged" level="fatal' } });
  expect(made.headers()["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const given = "7b0c1e5e-2f4a-4c7e-9a55-2f1f0d5b9c11";
  expect((await request.get("/api/health", { headers: { "x-request-id": given } })).headers()["x-request-id"]).toBe(given);
  const huge = "a".repeat(5000);
  expect((await request.get("/api/health", { headers: { "x-request-id": huge } })).headers()["x-request-id"]).not.toBe(huge);
});
