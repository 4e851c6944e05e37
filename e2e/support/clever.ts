// Driving the local Clever (sandbox/) from Playwright: the three ways a login
// starts (Log in with Clever button, Clever Portal, Instant Login link) and the
// sandbox control API (faults, latency, clock, data, stats). The steps follow
// login-steps.ts, as the Safari-engine journeys (e2e/webkit/) do.
//
//   await logInWithClever(page, "teacher");   // app-initiated, lands on /dashboard
//   await instantLogin(page, "libraryTeacher", { consent: "allow" });
//   await sandbox.addFault({ path: "/oauth/tokens", method: "POST", status: 500, times: 1, user: someone.id });
import type { Page } from "@playwright/test";
import { type FixtureHandle, type FixtureKey, fixtures } from "../../sandbox/fixtures";
import { controlClient, instantLoginUrl, portalUrl } from "../../sandbox/control-client";
import { appLoginPath, appName, asksConsent, cleverButtonName, cleverUserButtonName, isLandingPath, pickerLinkName, skipsPicker, type AppLoginOptions, type LoginPage } from "./login-steps";

export { fixtures };
export type { FixtureHandle };

const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
export const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
/** The app's registration in the sandbox (the demo app of .env.example). */
export const clientId = process.env.CLEVER_CLIENT_ID ?? "demo-client-id";

/** The sandbox control API (test and demo modes). Faults and latency are global: use `times`. */
export const sandbox = controlClient({ url: sandboxUrl, clientId });

/** A signed-in landing page of the app (dashboard or first-login onboarding). */
export function isLanding(url: URL): boolean {
  return !url.href.startsWith(sandboxUrl) && isLandingPath(url.pathname);
}

function fixture(key: FixtureKey | FixtureHandle): FixtureHandle {
  return typeof key === "string" ? fixtures[key] : key;
}

/** A fresh Library (teacher-shared) teacher nobody else uses, for tests that
 * need a first-time consent or an untouched record. */
export async function newLibraryTeacher(first: string, last: string): Promise<FixtureHandle> {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");
  await sandbox.putData("teachers", id, { id, name: { first, middle: "", last }, email: `${first.toLowerCase()}.${id.slice(0, 6)}@library.example` });
  return { key: `test:${id}`, id, type: "teacher", name: `${first} ${last}`, districtId: null, email: null, tags: ["test"] };
}

type UserKey = FixtureKey;

export interface LoginOptions {
  /** Library users only: what to answer on the consent screen (default "allow"). */
  consent?: "allow" | "deny";
  /** Wait for the app's landing page (default true). */
  waitForLanding?: boolean;
}

/** Navigates, tolerating the first navigation being replaced by a redirect
 * (a signed-in page that streams, then redirects on the client). */
export async function navigate(page: Page, url: string): Promise<void> {
  try {
    await page.goto(url, { waitUntil: "commit" });
  } catch (error) {
    const message = String(error);
    if (!message.includes("ERR_ABORTED") && !message.includes("NS_BINDING_ABORTED") && !message.includes("interrupted by another navigation")) throw error;
  }
}

/**
 * Lets a test see, change or stop the redirect Clever sends back to the app
 * (code, scope, state). Playwright cannot route a request reached through a
 * redirect, so this routes Clever's authorize and Instant Login endpoints and
 * follows their answer itself. Authorize redirects at once only when the
 * browser already has a Clever session (see `cleverSession`).
 */
export async function onCleverRedirect(page: Page, handle: (callback: URL) => URL | "abort" | Promise<URL | "abort">): Promise<void> {
  await page.route(
    (url) => url.href.startsWith(sandboxUrl) && ["/oauth/authorize", "/oauth/instant-login", "/instant-login"].includes(url.pathname),
    async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = response.headers()["location"];
      if (response.status() >= 300 && response.status() < 400 && location && /^https?:/.test(location) && !location.startsWith(sandboxUrl)) {
        const result = await handle(new URL(location));
        if (result === "abort") return route.abort();
        return route.fulfill({ status: 302, headers: { location: result.toString() } });
      }
      return route.fulfill({ response });
    },
  );
}

/** Spends the code of a Clever redirect at Clever's token endpoint before the
 * app can, as a leaked or replayed code is: the app's own exchange then fails.
 * Answers the redirect unchanged (for `onCleverRedirect`). */
export async function spendCodeFirst(callback: URL): Promise<URL> {
  const basic = Buffer.from(`${clientId}:${process.env.CLEVER_CLIENT_SECRET ?? "demo-client-secret"}`).toString("base64");
  const exchanged = await fetch(`${sandboxUrl}/oauth/tokens`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code: callback.searchParams.get("code") ?? "", redirect_uri: `${callback.origin}${callback.pathname}` }),
  });
  if (exchanged.status !== 200) throw new Error(`the local Clever refused the out-of-band exchange (${exchanged.status})`);
  return callback;
}

/** Logs the browser in to Clever only (the Portal), not to the app. */
export async function cleverSession(page: Page, key: UserKey | FixtureHandle): Promise<void> {
  const user = fixture(key);
  await page.goto(portalUrl(sandboxUrl, user));
  await loginButton(page, user).click();
  await page.getByRole("heading", { name: `Welcome, ${user.name}` }).waitFor();
}

/** The sandbox login page's button for a user. */
function loginButton(page: Page, user: FixtureHandle) {
  return page.getByRole("button", { name: cleverUserButtonName(user), exact: true });
}

/** The Library's consent screen, if Clever shows it (a user who already
 * consented goes straight back to the app): answers it. */
async function answerConsentIfAsked(page: Page, consent: "allow" | "deny"): Promise<void> {
  const button = page.getByRole("button", { name: consent === "allow" ? "Allow" : "Deny", exact: true });
  const shown = button.waitFor({ state: "visible" }).then(() => true);
  const leftClever = page.waitForURL((url) => !url.href.startsWith(sandboxUrl)).then(() => false);
  const asked = await Promise.race([shown, leftClever]);
  shown.catch(() => {});
  leftClever.catch(() => {});
  if (asked) await button.click();
}

async function finishOnClever(page: Page, user: FixtureHandle, options: LoginOptions): Promise<void> {
  // District users (district_id known) see their district's login page; Library
  // users the picker first.
  if (user.districtId === null) {
    const library = page.getByRole("link", { name: pickerLinkName(user), exact: true });
    if (await library.isVisible().catch(() => false)) await library.click();
  }
  await loginButton(page, user).click();
  if (asksConsent(user)) await answerConsentIfAsked(page, options.consent ?? "allow");
  if (options.waitForLanding ?? true) await page.waitForURL(isLanding);
}

/**
 * App-initiated login: /login (or `from`, e.g. "/signup"), the Clever button,
 * the sandbox's login page. District users go through `/login?district=ID`
 * (skips the school picker).
 */
export async function logInWithClever(
  page: Page,
  key: UserKey | FixtureHandle,
  options: LoginOptions & AppLoginOptions & { appUrl?: string } = {},
): Promise<void> {
  const user = fixture(key);
  // `appUrl`: another deployment of the app than the suite's (e2e/version-switch.v3.spec.ts).
  const path = appLoginPath(user, options);
  await navigate(page, options.appUrl ? new URL(path, options.appUrl).href : path);
  await page.getByRole("button", { name: cleverButtonName(options.from) }).click();
  await page.waitForURL((url) => url.href.startsWith(sandboxUrl));
  if (user.districtId !== null && !skipsPicker(user, options)) {
    await page.getByRole("link", { name: pickerLinkName(user), exact: true }).click();
  }
  await finishOnClever(page, user, options);
}

/** Only starts an app-initiated login: the app's button, nothing on Clever's side. */
export async function startAppLogin(page: Page, options: { district?: string | null; from?: LoginPage } = {}): Promise<void> {
  await navigate(page, appLoginPath({ districtId: options.district ?? null }, { from: options.from }));
  // Click once the page is hydrated, so the button always runs the server
  // action from JavaScript: a click before hydration posts the form natively,
  // and Clever's authorize page is then reached through a redirect, which
  // Playwright cannot intercept (see onCleverRedirect).
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: cleverButtonName(options.from) }).click();
}

/**
 * Clever-initiated login through an Instant Login link, using the sandbox's
 * automation shortcut (`user_id`): no state reaches the app.
 */
export async function instantLogin(page: Page, key: UserKey | FixtureHandle, options: LoginOptions = {}): Promise<void> {
  const user = fixture(key);
  const consent = options.consent ?? "allow";
  await navigate(page, instantLoginUrl(sandboxUrl, { clientId, user, grantConsent: consent === "allow" }));
  if (asksConsent(user) && consent === "deny") await answerConsentIfAsked(page, "deny");
  if (options.waitForLanding ?? true) await page.waitForURL(isLanding);
}

/** Clever-initiated login from the Clever Portal: log in to Clever, click the app's icon. */
export async function portalLogin(page: Page, key: UserKey | FixtureHandle, options: LoginOptions = {}): Promise<void> {
  const user = fixture(key);
  await navigate(page, portalUrl(sandboxUrl, user));
  await loginButton(page, user).click();
  // The icon's accessible name is its letter tile plus the app's name.
  await page.getByRole("navigation", { name: "Your apps" }).getByRole("link", { name: appName }).click();
  if (asksConsent(user)) await answerConsentIfAsked(page, options.consent ?? "allow");
  if (options.waitForLanding ?? true) await page.waitForURL(isLanding);
}

/** Ends the browser's Clever session (not the app's), as a shared device would. */
export async function logOutOfClever(page: Page): Promise<void> {
  await page.goto(`${sandboxUrl}/logout`);
}
