import { instantLogin } from "./support/clever";
import { expect, test } from "./support/fixtures";
import { query, sessionByToken, storedSessionToken } from "./support/db";

test("every page carries a nonce-based CSP and the hardening headers, and still runs its scripts", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy|CSP/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/");
  const headers = response?.headers() ?? {};
  const policy = headers["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-request-id"]).toBeTruthy();

  // The nonce differs per response, and Next's own scripts carry it.
  const second = await page.request.get("/");
  expect(second.headers()["content-security-policy"]).not.toBe(policy);
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  const scriptNonces = await page.locator("script[src]").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(scriptNonces.every((value) => value === nonce)).toBe(true);
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("[security] over https, as in production: HSTS on every page, and the session cookie is __Host- (no Domain, Path=/), Secure and httpOnly", async ({ page, context, baseURL }) => {
  expect(new URL(baseURL ?? "").protocol).toBe("https:");
  const landing = await page.goto("/");
  expect(landing?.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  await instantLogin(page, "studentNoGrade");
  const dashboard = await page.reload();
  expect(dashboard?.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  // Only the __Host- name counts on https: any other could be planted by a sibling subdomain or over http.
  const cookies = (await context.cookies()).filter((cookie) => cookie.name.endsWith("authjs.session-token"));
  expect(cookies.map((cookie) => cookie.name)).toEqual(["__Host-authjs.session-token"]);
  expect(cookies[0]).toMatchObject({ secure: true, httpOnly: true, path: "/" });
  // Auth.js's own cookies are __Host- too: a planted state cookie would be login CSRF.
  const authCookies = (await context.cookies()).filter((cookie) => cookie.name.includes("authjs."));
  expect(authCookies.every((cookie) => cookie.name.startsWith("__Host-"))).toBe(true);
  expect(await page.evaluate(() => window.isSecureContext && location.protocol)).toBe("https:");
});

test("[security] the session cookie's old __Secure- name still counts for a session that started under it, so the upgrade signed nobody out, and for no newer one", async ({ page, context, baseURL, banner }) => {
  await instantLogin(page, "studentNoGrade");
  const current = (await context.cookies()).find((cookie) => cookie.name === "__Host-authjs.session-token");
  if (!current) throw new Error("no __Host- session cookie after the login");
  // The browser as it was before the upgrade: the session under the old name only.
  await context.clearCookies({ name: "__Host-authjs.session-token" });
  const cookie = { value: current.value, domain: new URL(baseURL ?? "").hostname, path: "/", secure: true, httpOnly: true, sameSite: "Lax" as const };
  await context.addCookies([{ name: "__Secure-authjs.session-token", ...cookie }]);
  // A session that started under today's name (what a sibling subdomain could plant under the old one): none.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  // A session the upgrade found (its migration marked them): still signed in.
  await query(`UPDATE "Session" SET "startedBeforeHostCookie" = true WHERE "sessionToken" = $1`, [storedSessionToken(current.value)]);
  await page.goto("/dashboard");
  await expect(banner.root).toBeVisible();
  // Log out ends it and clears the old name too.
  await banner.logOut();
  expect((await context.cookies()).filter((each) => each.name.endsWith("authjs.session-token"))).toEqual([]);
  expect(await sessionByToken(current.value)).toBeUndefined();
});
