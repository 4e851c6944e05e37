// Steps the Safari-engine journeys share: logging in each way Clever starts
// a login (the same steps as the Playwright helpers, e2e/support/login-steps.ts),
// landing on the dashboard, the sandbox's control API, and the app's database
// for what was stored. The pages themselves are in ./pages.ts.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { controlClient, instantLoginUrl, type ControlClient } from "../../sandbox/control-client";
import { fixtures, type FixtureHandle } from "../../sandbox/fixtures";
import { sessionCookieNames, storedSessionToken } from "../support/db";
import { appLoginPath, asksConsent, cleverButtonName, cleverUserButtonName, isLandingPath, pickerLinkName, type LoginPage } from "../support/login-steps";
import { dashboardUi, onboardingUi } from "../support/pages/locators";
import { assert, click, isShown, literal, waitForUrl, type Browser, type JourneyContext } from "./harness";
import { OnboardingPage } from "./pages";

/** Where a login lands: the dashboard, or a teacher's one-time onboarding,
 * which is completed with what Clever provided (new account, details as
 * pre-filled) so the journey continues on the dashboard. */
async function landOnDashboard(browser: Browser): Promise<void> {
  const path = async () => new URL(await browser.getUrl()).pathname;
  await waitForUrl(browser, (url) => isLandingPath(url.pathname), "expected the dashboard or onboarding after login");
  const onboarding = new OnboardingPage(browser);
  for (let step = 0; step < 3 && (await path()) !== dashboardUi.path; step++) {
    const before = await browser.getUrl();
    if (await onboarding.canCreateNew()) await onboarding.createNew();
    else await click(browser, onboardingUi.continue);
    await browser.waitUntil(async () => (await browser.getUrl()) !== before, { timeout: 15_000, interval: 200 }).catch(() => {});
  }
  if ((await path()) !== dashboardUi.path) {
    const alerts = await browser.execute(() => [...document.querySelectorAll('[role="alert"], [aria-live]')].map((e) => (e as HTMLElement).innerText.trim()).filter(Boolean));
    throw new Error(`onboarding did not lead to the dashboard (${await browser.getUrl()}): ${alerts.join(" / ") || "no message shown"}`);
  }
}

/** App-initiated: /login?district=ID → Log in with Clever → the sandbox's login page. */
export async function logInWithClever({ browser, stack }: JourneyContext, user: FixtureHandle, options: { from?: LoginPage; land?: boolean } = {}): Promise<void> {
  // The journeys share WebKit's profile (desktop and phone windows alike): end
  // any Clever session an earlier journey left, so Clever asks who logs in
  // and the login is this user's, not whoever was signed in to Clever before.
  await browser.url(`${new URL(stack.cleverUrl).origin}/logout`);
  await browser.url(`${stack.appUrl}${appLoginPath(user, options)}`);
  await click(browser, cleverButtonName(options.from));
  const clever = new URL(stack.cleverUrl).origin;
  await waitForUrl(browser, (url) => url.origin === clever || isLandingPath(url.pathname), "expected Clever's login page");
  if (new URL(await browser.getUrl()).origin === clever) {
    // Without a district, Clever first asks where the user logs in from.
    const place = pickerLinkName(user);
    if (await isShown(browser, new RegExp(`^${literal(place)}$`))) await click(browser, place);
    await click(browser, cleverUserButtonName(user));
    // The Clever Library asks a teacher-shared user to allow the app once.
    if (asksConsent(user)) await allowIfAsked(browser, stack);
  }
  if (options.land ?? true) await landOnDashboard(browser);
}

async function allowIfAsked(browser: Browser, stack: JourneyContext["stack"]): Promise<void> {
  const clever = new URL(stack.cleverUrl).origin;
  await browser.waitUntil(async () => new URL(await browser.getUrl()).origin !== clever || (await isShown(browser, /^Allow$/)), { timeout: 15_000, interval: 200 });
  if (new URL(await browser.getUrl()).origin === clever) await click(browser, "Allow");
}

/** Clever-initiated: an Instant Login link (sandbox shortcut), no state; a
 * Library user's link carries the consent, as a Library install does. On the
 * dashboard (onboarding done), or with `land: false` wherever the login lands. */
export async function instantLogin({ browser, stack }: JourneyContext, user: FixtureHandle, options: { land?: boolean } = {}): Promise<void> {
  await browser.url(instantLoginUrl(stack.cleverUrl, { clientId: stack.clientId, user }));
  if (options.land ?? true) await landOnDashboard(browser);
  else await waitForUrl(browser, (url) => isLandingPath(url.pathname), `${user.name}'s login did not land`);
}

/** The sandbox's control API for this stack. */
export function sandboxControl(stack: JourneyContext["stack"]): ControlClient {
  return controlClient({ url: stack.cleverUrl, clientId: stack.clientId });
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

/** The user this browser is signed in as, from its session row (the cookie
 * is httpOnly; WebDriver reads it): what a login really did. */
export async function signedInUserId(context: JourneyContext): Promise<string> {
  const cookie = (await context.browser.getCookies(sessionCookieNames))[0];
  assert(cookie, "no session cookie in this browser");
  const [session] = await rows<{ userId: string }>(context.stack, `SELECT "userId" FROM "Session" WHERE "sessionToken" = $1`, [storedSessionToken(cookie.value)]);
  assert(session, "this browser's session cookie names no session");
  return session.userId;
}

/** A teacher made in the local Clever for this journey alone (a first login
 * that really is one, and changes upstream that touch no other test): in the
 * district, or teacher-shared through the Library; one section per name. */
export async function freshTeacher(
  stack: JourneyContext["stack"],
  first: string,
  last: string,
  options: { district: boolean; sections: string[] },
): Promise<FixtureHandle> {
  const id = randomBytes(12).toString("hex");
  // A name of its own: the desktop and phone windows each make one, and
  // Clever's login page picks a user by name.
  last = `${last}-${id.slice(0, 4)}`;
  const email = `${first.toLowerCase()}.${id.slice(0, 8)}@${options.district ? "sandbox" : "library"}.example`;
  const where = options.district ? { district: fixtures.district.id, school: fixtures.schoolElementary.id, schools: [fixtures.schoolElementary.id] } : {};
  await sandboxControl(stack).putData("teachers", id, { id, ...where, name: { first, middle: "", last }, email });
  const handle: FixtureHandle = { key: `webkit:${id}`, id, type: "teacher", name: `${first} ${last}`, districtId: options.district ? fixtures.district.id : null, email, tags: ["webkit"] };
  for (const name of options.sections) await putSection(stack, handle, name);
  return handle;
}

/** A new section of this teacher (its primary teacher) in the local Clever,
 * with these co-teachers and students (Clever IDs); returns its Clever ID. */
export async function putSection(
  stack: JourneyContext["stack"],
  teacher: FixtureHandle,
  name: string,
  options: { coTeachers?: string[]; students?: string[]; termId?: string } = {},
): Promise<string> {
  const id = randomBytes(12).toString("hex");
  const where = teacher.districtId ? { district: teacher.districtId, school: fixtures.schoolElementary.id, period: "1" } : {};
  await sandboxControl(stack).putData("sections", id, {
    id,
    name,
    subject: "math",
    grade: "3",
    teacher: teacher.id,
    teachers: [teacher.id, ...(options.coTeachers ?? [])],
    // No shared fixture student: other journeys count their classes.
    students: options.students ?? [],
    section_number: id.slice(0, 6),
    ...where,
    ...(teacher.districtId && options.termId ? { term_id: options.termId } : {}),
  });
  return id;
}

/** A Library (teacher-shared) student made in the local Clever for this
 * journey alone, in no section yet (see putSection's `students`). */
export async function freshLibraryStudent(stack: JourneyContext["stack"], first: string, last: string): Promise<FixtureHandle> {
  const id = randomBytes(12).toString("hex");
  // A name of its own, as freshTeacher's.
  last = `${last}-${id.slice(0, 4)}`;
  await sandboxControl(stack).putData("students", id, { id, name: { first, middle: "", last }, grade: "4" });
  return { key: `webkit:${id}`, id, type: "student", name: `${first} ${last}`, districtId: null, email: null, tags: ["webkit"] };
}

/** The app's user for a Clever ID (undefined if none), and the sections it
 * teaches or is enrolled in (active links only), sorted. */
export async function appUser(stack: JourneyContext["stack"], cleverId: string): Promise<{ id: string; sections: string[] } | undefined> {
  const [user] = await rows<{ id: string }>(stack, `SELECT id FROM "User" WHERE "cleverId" = $1`, [cleverId]);
  if (!user) return undefined;
  return { id: user.id, sections: await sectionsOf(stack, user.id) };
}

/** The sections a user (the app's ID) teaches or is enrolled in, active links only, sorted. */
export async function sectionsOf(stack: JourneyContext["stack"], userId: string): Promise<string[]> {
  const found = await rows<{ sectionId: string }>(
    stack,
    `SELECT "sectionId" FROM "SectionTeacher" WHERE "teacherId" = $1 AND "archivedAt" IS NULL
     UNION SELECT "sectionId" FROM "Enrollment" WHERE "studentId" = $1 AND "archivedAt" IS NULL ORDER BY 1`,
    [userId],
  );
  return found.map((r) => r.sectionId);
}

/** Waits until a sync of the user with this Clever ID has succeeded (a login starts one). */
export async function waitForSync(context: JourneyContext, cleverId: string): Promise<void> {
  const done = async () =>
    (
      await rows<{ n: string }>(
        context.stack,
        `SELECT count(*) AS n FROM "SyncRun" r JOIN "User" u ON u.id = r."userId" WHERE u."cleverId" = $1 AND r.outcome = 'succeeded'`,
        [cleverId],
      )
    )[0]?.n !== "0";
  await context.browser.waitUntil(done, { timeout: 30_000, interval: 250, timeoutMsg: `no finished sync of ${cleverId}` });
}
