// Driving the local Clever (sandbox/) from Playwright: the three ways a login
// starts (Log in with Clever button, Clever Portal, Instant Login link) and the
// sandbox control API (faults, latency, clock, data, stats).
//
//   await logInWithClever(page, "teacher");   // app-initiated, lands on /dashboard
//   await instantLogin(page, "libraryTeacher", { consent: "allow" });
//   await sandbox.addFault({ path: "/oauth/tokens", status: 500, times: 1 });
import { expect, type Page } from "@playwright/test";
import { type FixtureHandle, type FixtureKey, fixtures } from "../../sandbox/fixtures";

export { fixtures };
export type { FixtureHandle, FixtureKey };

export const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
export const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
/** The app's registration in the sandbox (the demo app of .env.example). */
export const clientId = process.env.CLEVER_CLIENT_ID ?? "demo-client-id";
export const appName = "Clever Classroom";

/** Where a successful Clever login lands: the dashboard, which sends a
 * teacher's first login on to onboarding. */
export const afterLoginPath = "/dashboard";

/** A signed-in landing page of the app (dashboard or first-login onboarding). */
export function isLanding(url: URL): boolean {
  return !url.href.startsWith(sandboxUrl) && (url.pathname === afterLoginPath || url.pathname.startsWith("/onboarding"));
}

export function fixture(key: FixtureKey | FixtureHandle): FixtureHandle {
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
    (url) => url.href.startsWith(sandboxUrl) && (url.pathname === "/oauth/authorize" || url.pathname === "/instant-login"),
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

/** Logs the browser in to Clever only (the Portal), not to the app. */
export async function cleverSession(page: Page, key: UserKey | FixtureHandle): Promise<void> {
  const user = fixture(key);
  await page.goto(`${sandboxUrl}/portal?district_id=${user.districtId ?? fixtures.library.id}`);
  await loginButton(page, user).click();
  await page.getByRole("heading", { name: `Welcome, ${user.name}` }).waitFor();
}

/** The sandbox login page's button for a user: "Log in as NAME (TYPE)". */
function loginButton(page: Page, user: FixtureHandle) {
  return page.getByRole("button", { name: `Log in as ${user.name} (${user.type})`, exact: true });
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
    const library = page.getByRole("link", { name: fixtures.library.name, exact: true });
    if (await library.isVisible().catch(() => false)) await library.click();
  }
  await loginButton(page, user).click();
  if (user.districtId === null) await answerConsentIfAsked(page, options.consent ?? "allow");
  if (options.waitForLanding ?? true) await page.waitForURL(isLanding);
}

/**
 * App-initiated login: /login (or `from`, e.g. "/signup"), the Clever button,
 * the sandbox's login page. District users go through `/login?district=ID`
 * (skips the school picker).
 */
export async function logInWithClever(
  page: Page,
  key: UserKey,
  options: LoginOptions & { from?: "/login" | "/signup"; viaPicker?: boolean } = {},
): Promise<void> {
  const user = fixture(key);
  const from = options.from ?? "/login";
  const useDistrict = user.districtId !== null && !options.viaPicker && from === "/login";
  await navigate(page, useDistrict ? `${from}?district=${user.districtId}` : from);
  const name = from === "/signup" ? "Sign Up with Clever" : "Log in with Clever";
  await page.getByRole("button", { name }).click();
  await page.waitForURL((url) => url.href.startsWith(sandboxUrl));
  if (user.districtId !== null && !useDistrict) {
    await page.getByRole("link", { name: fixtures.district.name, exact: true }).click();
  }
  await finishOnClever(page, user, options);
}

/** Only starts an app-initiated login: the app's button, nothing on Clever's side. */
export async function startAppLogin(page: Page, options: { district?: string | null; from?: "/login" | "/signup" } = {}): Promise<void> {
  const from = options.from ?? "/login";
  await navigate(page, options.district ? `${from}?district=${options.district}` : from);
  // Click once the page is hydrated, so the button always runs the server
  // action from JavaScript: a click before hydration posts the form natively,
  // and Clever's authorize page is then reached through a redirect, which
  // Playwright cannot intercept (see onCleverRedirect).
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: from === "/signup" ? "Sign Up with Clever" : "Log in with Clever" }).click();
}

/**
 * Clever-initiated login through an Instant Login link, using the sandbox's
 * automation shortcut (`user_id`): no state reaches the app.
 */
export async function instantLogin(page: Page, key: UserKey | FixtureHandle, options: LoginOptions = {}): Promise<void> {
  const user = fixture(key);
  const params = new URLSearchParams({ client_id: clientId, user_id: user.id });
  if (user.districtId !== null) params.set("district_id", user.districtId);
  if (user.districtId === null && (options.consent ?? "allow") === "allow") params.set("consent", "allow");
  await navigate(page, `${sandboxUrl}/instant-login?${params.toString()}`);
  if (user.districtId === null && options.consent === "deny") await answerConsentIfAsked(page, "deny");
  if (options.waitForLanding ?? true) await page.waitForURL(isLanding);
}

/** Clever-initiated login from the Clever Portal: log in to Clever, click the app's icon. */
export async function portalLogin(page: Page, key: UserKey | FixtureHandle, options: LoginOptions = {}): Promise<void> {
  const user = fixture(key);
  const district = user.districtId ?? fixtures.library.id;
  await navigate(page, `${sandboxUrl}/portal?district_id=${district}`);
  await loginButton(page, user).click();
  // The icon's accessible name is its letter tile plus the app's name.
  await page.getByRole("navigation", { name: "Your apps" }).getByRole("link", { name: appName }).click();
  if (user.districtId === null) await answerConsentIfAsked(page, options.consent ?? "allow");
  if (options.waitForLanding ?? true) await page.waitForURL(isLanding);
}

/** Ends the browser's Clever session (not the app's), as a shared device would. */
export async function logOutOfClever(page: Page): Promise<void> {
  await page.goto(`${sandboxUrl}/logout`);
}

export interface FaultSpec {
  path: string;
  method?: string;
  status?: number;
  retryAfter?: number;
  latencyMs?: number;
  body?: "malformed" | "truncated";
  hang?: boolean;
  times?: number;
  /** Only requests for this Clever user (their token, or a code issued to them). */
  user?: string;
}

async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandboxUrl}/sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await response.json();
  expect(response.ok, `sandbox ${method} /sandbox/${path}: ${JSON.stringify(json)}`).toBe(true);
  return json as T;
}

/** The sandbox control API (test and demo modes). Faults and latency are global: use `times`. */
export const sandbox = {
  url: sandboxUrl,
  reset: () => control("POST", "reset"),
  addFault: (spec: FaultSpec) => control<{ id: string }>("POST", "faults", spec),
  clearFaults: () => control("DELETE", "faults"),
  faults: () => control<unknown[]>("GET", "faults"),
  setLatency: (ms: number) => control("POST", "latency", { ms }),
  advanceClock: (advanceMs: number) => control<{ now: number; iso: string }>("POST", "clock", { advanceMs }),
  stats: () => control<Record<string, unknown>>("GET", "stats"),
  resetStats: () => control("POST", "stats/reset"),
  users: () => control<unknown[]>("GET", "users"),
  getData: (kind: string, id: string) => control<{ data: Record<string, unknown> }>("GET", `data/${kind}/${id}`),
  putData: (kind: string, id: string, data: Record<string, unknown>) => control("PUT", `data/${kind}/${id}`, data),
  deleteData: (kind: string, id: string) => control("DELETE", `data/${kind}/${id}`),
  connect: (districtId: string, connected: boolean) =>
    control("POST", "connections", { district_id: districtId, client_id: clientId, connected }),
};
