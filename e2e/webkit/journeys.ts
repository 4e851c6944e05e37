// The core journeys in the Safari engine (WebKitGTK), each titled with the
// requirement IDs it proves. Selectors are accessible names, as a person
// (or a screen reader) finds them.
import { fixtures } from "../../sandbox/fixtures";
import { assert, click, pageText, waitForText, waitForUrl, type FiledJourney, type Journey } from "./harness";
import { departureJourneys } from "./departure-journeys";
import { holdJourneys } from "./hold-journeys";
import { rosterJourneys } from "./roster-journeys";
import { todayJourneys } from "./today-journeys";
import { sessionCookieNames, storedCleverIds, storedSessionToken } from "../support/db";
import { appLoginPath, cleverButtonName, cleverUserButtonName } from "../support/login-steps";
import { dashboardUi } from "../support/pages/locators";
import { AuthErrorPage, Banner, DashboardPage } from "./pages";
import { freshTeacher, instantLogin, logInWithClever, putSection, rows, sandboxControl, signedInUserId } from "./steps";

const teacher = fixtures.teacher;
const student = fixtures.student;

const coreJourneys: Journey[] = [
  {
    title: "[DSSO-R1][LIB-R01][DSSO-01][LIB-01][DSSO-03][LIB-13][DSSO-R4] Log in with Clever: a teacher signs in from the login page and sees whose account it is",
    async run(context) {
      const { browser, stack } = context;
      await logInWithClever(context, teacher);
      // The banner names the signed-in user, UTF-8 intact (Ana Núñez), and her role.
      const banner = new Banner(browser);
      await banner.waitForName(teacher.name);
      const role = await banner.role();
      assert(role === "Teacher", `the banner says the role is "${role}"`);
      // The browser holds a database session of the user with her Clever ID,
      // a district teacher (the authorization grant ran end to end).
      const [user] = await rows<{ id: string; role: string; authorizedBy: string }>(
        stack,
        `SELECT id, role::text AS role, "authorizedBy"::text AS "authorizedBy" FROM "User" WHERE "cleverId" = ANY($1)`,
        [storedCleverIds(teacher.id)],
      );
      assert(user?.role === "teacher" && user.authorizedBy === "district", `the stored user is ${JSON.stringify(user)}`);
      assert((await signedInUserId(context)) === user.id, "the browser's session is not this teacher's");
    },
  },
  {
    title: "[DSSO-05][LIB-10][IL-01][LIB-05] Clever-initiated login (Instant Login) on the primary redirect URI lands a student on the dashboard",
    async run(context) {
      const { browser, stack } = context;
      const [primary, ...others] = stack.redirectUris;
      assert(primary && others.some((uri) => new URL(uri).origin !== new URL(primary).origin), "the stack registers redirect URIs on more than one origin");
      await instantLogin(context, student);
      await new Banner(browser).waitForName(student.name);
      // The student's own dashboard: her classes (LIB-05).
      await new DashboardPage(browser).waitForHeading();
      // Clever sends the login to the primary URI, and it ends there: a
      // restart through another registered URI would sign in on its origin.
      const landed = new URL(await browser.getUrl());
      assert(landed.origin === new URL(primary).origin, `the login ended on ${landed.origin}, not on the primary redirect URI's origin`);
    },
  },
  {
    title: "[DSSO-R5][LIB-R13] A new Clever login on a shared device replaces the signed-in user",
    async run(context) {
      const { browser } = context;
      const banner = new Banner(browser);
      await instantLogin(context, teacher);
      await banner.waitForName(teacher.name);
      await instantLogin(context, student);
      // The banner names the student now (the teacher may still appear as her teacher).
      await banner.waitForName(student.name);
    },
  },
  {
    title: "[LIB-12][LIG-04][LIB-R06] Sync my classes: a teacher re-syncs from Clever on demand and sees the class Clever added since",
    async run(context) {
      const { browser, stack } = context;
      const me = await freshTeacher(stack, "Wren", "Sato", { district: true, sections: ["Wren's First Class"] });
      await instantLogin(context, me);
      await waitForText(browser, /Wren's First Class/);
      // Clever gains a section after the login: only a real sync can show it.
      const added = `Added in Clever ${Date.now()}`;
      await putSection(stack, me, added);
      assert(!(await pageText(browser)).includes(added), "the new class shows before any sync");
      // The outcome is announced in a status region (aria-live), never a silent no-op.
      const message = await new DashboardPage(browser).sync();
      assert(!/fail|didn.t|error|try again|already up to date/i.test(message), `the sync did not report the change: "${message}"`);
      await waitForText(browser, new RegExp(added));
      assert(!/fail|didn.t|error|try again/i.test(message), `the sync reported a problem: "${message}"`);
    },
  },
  {
    title: "[DSSO-07][LIB-14][DSSO-Q4][LIB-Q7] Log Out ends the session and shows the logged-out page",
    async run(context) {
      const { browser, stack } = context;
      await logInWithClever(context, teacher);
      const [cookie] = await browser.getCookies(sessionCookieNames);
      assert(cookie, "no session cookie after logging in");
      await new Banner(browser).logOut();
      await waitForText(browser, /log(ged)? ?out|signed out/i);
      await context.capture();
      // The session is gone: the dashboard sends the browser to log in again.
      const dashboard = new DashboardPage(browser);
      await dashboard.goto(stack.appUrl);
      await waitForUrl(browser, (url) => url.pathname !== dashboardUi.path, "the dashboard is still shown after logging out");
      // Ended on the server too: the old cookie, put back, opens nothing.
      const left = await rows(stack, `SELECT 1 FROM "Session" WHERE "sessionToken" = $1`, [storedSessionToken(cookie.value)]);
      assert(left.length === 0, "the session still exists on the server after Log Out");
      await browser.setCookies({ name: cookie.name, value: cookie.value, path: "/", secure: true, httpOnly: true });
      await dashboard.goto(stack.appUrl);
      await waitForUrl(browser, (url) => url.pathname !== dashboardUi.path, "the old session cookie still opens the dashboard after Log Out");
    },
  },
  {
    title: "[DSSO-06][LIB-11] A failed Clever login shows a friendly error page with a support reference",
    async run(context) {
      const { browser, stack } = context;
      const sandbox = sandboxControl(stack);
      // Clever's token endpoint fails once for this user's code exchange (the
      // stack's job worker also asks /oauth/tokens, for district tokens).
      await sandbox.addFault({ path: "/oauth/tokens", method: "POST", status: 500, times: 1, user: teacher.id });
      try {
        await browser.url(`${stack.appUrl}${appLoginPath(teacher)}`);
        await click(browser, cleverButtonName());
        await click(browser, cleverUserButtonName(teacher));
        await new AuthErrorPage(browser).waitFor();
        const text = await pageText(browser);
        assert(/reference/i.test(text), `no support reference on the error page: "${text.slice(0, 200)}"`);
        assert(!/stack|exception|undefined|TypeError/i.test(text), "the error page shows technical details");
      } finally {
        await sandbox.clearFaults(teacher.id);
      }
    },
  },
];

/** Every journey with the file that holds it, as the report names it (relative to e2e/). */
export const journeys: FiledJourney[] = [
  ...coreJourneys.map((journey) => ({ ...journey, file: "webkit/journeys.ts" })),
  ...rosterJourneys.map((journey) => ({ ...journey, file: "webkit/roster-journeys.ts" })),
  ...todayJourneys.map((journey) => ({ ...journey, file: "webkit/today-journeys.ts" })),
  ...departureJourneys.map((journey) => ({ ...journey, file: "webkit/departure-journeys.ts" })),
  ...holdJourneys.map((journey) => ({ ...journey, file: "webkit/hold-journeys.ts" })),
];
