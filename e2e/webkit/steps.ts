// Steps the Safari-engine journeys share: logging in each way Clever starts
// a login, landing on the dashboard, reading the banner, the sandbox's
// control API, and the app's database for what was stored.
import pg from "pg";
import { fixtures, type FixtureHandle } from "../../sandbox/fixtures";
import { assert, click, isShown, literal, waitForUrl, type Browser, type JourneyContext } from "./harness";

/** Where a login lands: the dashboard, or a teacher's one-time onboarding,
 * which is completed with what Clever provided (new account, details as
 * pre-filled) so the journey continues on the dashboard. */
export async function landOnDashboard(browser: Browser): Promise<void> {
  const path = async () => new URL(await browser.getUrl()).pathname;
  await waitForUrl(browser, (url) => url.pathname === "/dashboard" || url.pathname.startsWith("/onboarding"), "expected the dashboard or onboarding after login");
  for (let step = 0; step < 3 && (await path()) !== "/dashboard"; step++) {
    const before = await browser.getUrl();
    if (await isShown(browser, /^No, create a new one$/i)) await click(browser, /^No, create a new one$/i);
    else await click(browser, /^Continue to my classes$/i);
    await browser.waitUntil(async () => (await browser.getUrl()) !== before, { timeout: 15_000, interval: 200 }).catch(() => {});
  }
  if ((await path()) !== "/dashboard") {
    const alerts = await browser.execute(() => [...document.querySelectorAll('[role="alert"], [aria-live]')].map((e) => (e as HTMLElement).innerText.trim()).filter(Boolean));
    throw new Error(`onboarding did not lead to the dashboard (${await browser.getUrl()}): ${alerts.join(" / ") || "no message shown"}`);
  }
}

/** App-initiated: /login?district=ID → Log in with Clever → the sandbox's login page. */
export async function logInWithClever({ browser, stack }: JourneyContext, user: FixtureHandle, options: { from?: "/login" | "/signup"; land?: boolean } = {}): Promise<void> {
  const from = options.from ?? "/login";
  await browser.url(`${stack.appUrl}${from}${user.districtId && from === "/login" ? `?district=${user.districtId}` : ""}`);
  await click(browser, from === "/signup" ? "Sign Up with Clever" : "Log in with Clever");
  const clever = new URL(stack.cleverUrl).origin;
  // A browser still signed in to Clever comes straight back, signed in.
  await waitForUrl(browser, (url) => url.origin === clever || url.pathname === "/dashboard" || url.pathname.startsWith("/onboarding"), "expected Clever's login page");
  if (new URL(await browser.getUrl()).origin === clever) {
    // Without a district, Clever first asks where the user logs in from.
    const place = user.districtId ? fixtures.district.name : fixtures.library.name;
    if (await isShown(browser, new RegExp(`^${literal(place)}$`))) await click(browser, place);
    await click(browser, `Log in as ${user.name} (${user.type})`);
    // The Clever Library asks a teacher-shared user to allow the app once.
    if (!user.districtId) await allowIfAsked(browser, stack);
  }
  if (options.land ?? true) await landOnDashboard(browser);
}

async function allowIfAsked(browser: Browser, stack: JourneyContext["stack"]): Promise<void> {
  const clever = new URL(stack.cleverUrl).origin;
  await browser.waitUntil(async () => new URL(await browser.getUrl()).origin !== clever || (await isShown(browser, /^Allow$/)), { timeout: 15_000, interval: 200 });
  if (new URL(await browser.getUrl()).origin === clever) await click(browser, "Allow");
}

/** Clever-initiated: an Instant Login link (sandbox shortcut), no state. */
export async function instantLogin({ browser, stack }: JourneyContext, user: FixtureHandle): Promise<void> {
  const params = new URLSearchParams({ client_id: stack.clientId, user_id: user.id });
  // A Library install link carries the teacher's consent (the sandbox's shortcut).
  if (user.districtId) params.set("district_id", user.districtId);
  else params.set("consent", "allow");
  await browser.url(`${stack.cleverUrl}/instant-login?${params.toString()}`);
  await landOnDashboard(browser);
}

/** The logged-in banner (components/logged-in-banner.tsx) names this user. */
export async function waitForSignedInAs(browser: Browser, name: string): Promise<void> {
  let shown = "";
  await browser
    .waitUntil(
      async () => {
        shown = await browser.execute(() => (document.querySelector('[data-testid="banner-name"]') as HTMLElement | null)?.innerText.trim() ?? "");
        return shown === name;
      },
      { timeout: 20_000, interval: 200 },
    )
    .catch(() => {
      throw new Error(`expected the banner to name ${name}, it shows "${shown}"`);
    });
}

export async function control(stack: JourneyContext["stack"], method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${stack.cleverUrl}/sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert(response.ok, `sandbox ${method} /sandbox/${path} answered ${response.status}`);
}

/** Rows from the app's database (the stack's, see Stack.databaseUrl). */
export async function rows<T>(stack: JourneyContext["stack"], sql: string, params: unknown[] = []): Promise<T[]> {
  assert(stack.databaseUrl, "this journey reads the app's database: run it through `npm test -- --only webkit`, or give DATABASE_URL");
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
