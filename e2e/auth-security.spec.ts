// Login CSRF, code replay, redirect_uri tampering and open redirects.
import type { BrowserContext, Page } from "@playwright/test";
import { clientId, cleverSession, fixtures, instantLogin, isLanding, logInWithClever, onCleverRedirect, sandboxUrl, startAppLogin } from "./support/clever";
import { sessionByToken, sessionsOf, storedSessionToken, userByCleverId } from "./support/db";
import { expect, test } from "./support/fixtures";
import { sessionCookie } from "./support/session";

/** Runs a Clever login in its own browser and returns the callback URL the
 * app would have received (code and, if any, state), unused. */
async function captureCallback(context: BrowserContext, start: (page: Page) => Promise<void>): Promise<URL> {
  const page = await context.newPage();
  let captured: URL | undefined;
  await onCleverRedirect(page, (callback) => {
    captured = callback;
    return "abort";
  });
  await start(page).catch(() => {});
  await expect.poll(() => captured?.href).toBeDefined();
  await page.close();
  return captured ?? new URL("about:blank");
}

test("[DSSO-01] login CSRF: an attacker's code without state is never exchanged; the victim's own login restarts", async ({ browser, page, context }) => {
  const attacker = await browser.newContext();
  const callback = await captureCallback(attacker, (p) => instantLogin(p, "teacherZeroSections", { waitForLanding: false }));
  await attacker.close();
  expect(callback.searchParams.has("state")).toBe(false);

  // The victim's browser has no Clever session: the restart asks Clever who they are.
  await page.goto(callback.pathname + callback.search);
  await page.waitForURL((url) => url.href.startsWith(sandboxUrl));
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(/Welcome/);
  expect(await sessionCookie(context)).toBeUndefined();
});

test("[DSSO-01] login CSRF: an attacker's complete callback (code and state) is refused in another browser", async ({ browser, page, context, authError }) => {
  const attacker = await browser.newContext();
  const callback = await captureCallback(attacker, async (p) => {
    await cleverSession(p, "studentNfd");
    await startAppLogin(p, { district: fixtures.studentNfd.districtId });
  });
  await attacker.close();
  expect(callback.searchParams.get("state")).toBeTruthy();

  const student = await userByCleverId(fixtures.studentNfd.id);
  const before = (await sessionsOf(student?.id ?? "")).map((s) => s.sessionToken).sort();
  await page.goto(callback.pathname + callback.search);
  await page.waitForURL((url) => url.pathname === "/auth/error");
  await expect(authError.heading).toHaveText("We couldn't confirm this login");
  expect(await sessionCookie(context)).toBeUndefined();
  // No session was started for the attacker's identity.
  const after = (await sessionsOf(student?.id ?? "")).map((s) => s.sessionToken).sort();
  expect(after).toEqual(before);
});

test("[IL-04] a replayed callback is not exchanged again: it starts no second session and leaves this one alone", async ({ page, context }) => {
  let callbackUrl: string | undefined;
  page.on("request", (request) => {
    if (request.url().includes("/api/auth/callback/clever?") && request.url().includes("state=")) callbackUrl = request.url();
  });
  await logInWithClever(page, "studentArabic");
  const first = await sessionCookie(context);
  expect(callbackUrl).toBeDefined();
  const user = await userByCleverId(fixtures.studentArabic.id);
  const before = await sessionsOf(user?.id ?? "");
  expect(before.map((s) => s.sessionToken)).toContain(storedSessionToken(first?.value ?? ""));
  await page.goto(callbackUrl ?? "/");
  // Clever's callbacks must be idempotent: the signed-in browser goes on signed in.
  await page.waitForURL((url) => url.pathname === "/dashboard");
  // The replay (its code already used) started no session and changed none:
  // the same rows, the same expiry, the same cookie.
  const after = await sessionsOf(user?.id ?? "");
  expect(after.map((s) => [s.id, s.sessionToken, s.expires.getTime()]).sort()).toEqual(before.map((s) => [s.id, s.sessionToken, s.expires.getTime()]).sort());
  expect((await sessionCookie(context))?.value).toBe(first?.value);
});

test("[IL-03] a tampered redirect_uri is refused by Clever and never reaches the app", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in with Clever" }).click();
  await page.waitForURL((url) => url.href.startsWith(sandboxUrl));
  const authorize = new URL(page.url());
  expect(authorize.searchParams.get("client_id")).toBe(clientId);
  authorize.searchParams.set("redirect_uri", "https://evil.example/api/auth/callback/clever");
  const response = await page.goto(authorize.toString());
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Invalid redirect URI");
});

test("[IL-03] a code issued for another redirect_uri cannot be exchanged here", async ({ request }) => {
  // The token endpoint binds the code to its redirect_uri: sending a code
  // obtained for a different URI fails (the app always sends its own).
  const response = await request.post(`${sandboxUrl}/oauth/tokens`, {
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:demo-client-secret`).toString("base64")}` },
    form: { grant_type: "authorization_code", code: "not-a-real-code", redirect_uri: "https://evil.example/cb" },
  });
  expect(response.status()).toBe(400);
  expect((await response.json()).error).toBe("invalid_grant");
});

test("[DSSO-01] callbackUrl cannot send the browser off-site after login", async ({ page }) => {
  await page.goto(`/login?district=${fixtures.district.id}&callbackUrl=${encodeURIComponent("https://evil.example/phish")}`);
  await page.getByRole("button", { name: "Log in with Clever" }).click();
  await page.getByRole("button", { name: `Log in as ${fixtures.studentLongName.name} (student)` }).click();
  await page.waitForURL(isLanding);
  expect(new URL(page.url()).hostname).toBe("localhost");

  await page.goto(`/login?callbackUrl=${encodeURIComponent("//evil.example")}`);
  await page.getByRole("button", { name: "Log in with Clever" }).click();
  // The Clever session is live: straight back, to this app.
  await page.waitForURL((url) => isLanding(url) && url.hostname === "localhost");
});

test("[security] a cross-site link to the callback with a forged state does not log the user out", async ({ page, context, authError, banner }) => {
  await logInWithClever(page, "studentArabic");
  const before = await sessionCookie(context);
  expect(before).toBeDefined();
  // What an attacker's page can do: send the browser to the callback.
  await page.goto("/api/auth/callback/clever?code=attacker-code&state=attacker-state");
  await page.waitForURL((url) => url.pathname === "/auth/error");
  await expect(authError.heading).toHaveText("We couldn't confirm this login");
  expect((await sessionCookie(context))?.value).toBe(before?.value);
  expect(await sessionByToken(before?.value ?? "")).toBeDefined();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(banner.name).toBeVisible();
});
