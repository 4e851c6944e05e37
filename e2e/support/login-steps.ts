// What each way into the app looks like to the person logging in, whatever
// drives the browser: the pages, the names of what they click, where they
// land. The Playwright helpers (clever.ts) and the Safari-engine journeys
// (webkit/steps.ts) both follow these, so the two suites log in the same way;
// the Clever-side URLs are the sandbox's (sandbox/control-client.ts).
import { fixtures, type FixtureHandle } from "../../sandbox/fixtures";

export type LoginPage = "/login" | "/signup";

/** The app's name on Clever (its Portal icon, its consent screen). */
export const appName = "Clever Classroom";

/** Where a successful Clever login lands: the dashboard, which sends a
 * teacher's first login on to onboarding. */
const afterLoginPath = "/dashboard";

/** A signed-in landing page of the app (dashboard or first-login onboarding). */
export function isLandingPath(pathname: string): boolean {
  return pathname === afterLoginPath || pathname.startsWith("/onboarding");
}

export interface AppLoginOptions {
  from?: LoginPage;
  /** Go through Clever's school picker even where the app could skip it. */
  viaPicker?: boolean;
}

/** Only /login takes a district (`?district=ID`), which skips Clever's school picker. */
export function skipsPicker(user: Pick<FixtureHandle, "districtId">, options: AppLoginOptions = {}): boolean {
  return user.districtId !== null && (options.from ?? "/login") === "/login" && !options.viaPicker;
}

/** The app page that starts an app-initiated login. */
export function appLoginPath(user: Pick<FixtureHandle, "districtId">, options: AppLoginOptions = {}): string {
  const from = options.from ?? "/login";
  return skipsPicker(user, options) ? `${from}?district=${user.districtId}` : from;
}

/** The app's Clever button on that page. */
export function cleverButtonName(from: LoginPage = "/login"): string {
  return from === "/signup" ? "Sign Up with Clever" : "Log in with Clever";
}

/** On Clever's picker, where the user logs in from: their district, or the Library. */
export function pickerLinkName(user: Pick<FixtureHandle, "districtId">): string {
  return user.districtId === null ? fixtures.library.name : fixtures.district.name;
}

/** The sandbox login page's button for a user. */
export function cleverUserButtonName(user: Pick<FixtureHandle, "name" | "type">): string {
  return `Log in as ${user.name} (${user.type})`;
}

/** The Clever Library asks a teacher-shared user to allow the app once. */
export function asksConsent(user: Pick<FixtureHandle, "districtId">): boolean {
  return user.districtId === null;
}
