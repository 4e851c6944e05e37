// The friendly error page (DSSO-06, LIB-11): every kind of failure shows its
// own plain message, "Try again" and a support reference, and never a stack
// trace, a provider error or a token. Faults come from the sandbox's control
// API; they are global to the sandbox, so these tests run one at a time and
// target the narrowest path they can (one user's requests).
import { cleverSession, fixtures, instantLogin, isLanding, onCleverRedirect, sandbox, sandboxUrl, spendCodeFirst, startAppLogin } from "./support/clever";
import { userByCleverId } from "./support/db";
import { expect, test } from "./support/fixtures";
import { signedInUserId } from "./support/session";
import { freshTeacher } from "./ui-support";

test.describe.configure({ mode: "serial" });

/** Every fault here is scoped to one user, and cleared for that user alone:
 * other specs' faults, running at the same time, stay. */
const faultUsers = new Set<string>();
async function addFault(spec: Parameters<typeof sandbox.addFault>[0] & { user: string }): Promise<void> {
  faultUsers.add(spec.user);
  await sandbox.addFault(spec);
}
test.afterEach(async () => {
  for (const user of faultUsers) await sandbox.clearFaults(user);
  faultUsers.clear();
});

test("[DSSO-06] [LIB-11] Clever answering 5xx on /userinfo shows 'Clever isn't answering'", async ({ page, authError }) => {
  // A Library teacher of this test alone: her login asks /userinfo who she is.
  const teacher = await freshTeacher("Quinta", "Cincocientos");
  await addFault({ path: "/userinfo", method: "GET", status: 503, user: teacher.id });
  await instantLogin(page, teacher, { waitForLanding: false });
  await authError.expectShown("Clever isn't answering right now");
});

test("[DSSO-06] [LIB-11] a slow token exchange shows 'Clever isn't answering'", async ({ page, authError }) => {
  await addFault({ path: "/oauth/tokens", method: "POST", latencyMs: 12_000, times: 1, user: fixtures.studentNoMiddleName.id });
  await instantLogin(page, "studentNoMiddleName", { waitForLanding: false });
  await authError.expectShown("Clever isn't answering right now");
});

test("[DSSO-06] [LIB-11] a malformed Clever response shows its own message", async ({ page, authError }) => {
  const teacher = await freshTeacher("Malena", "Formada");
  await addFault({ path: "/userinfo", method: "GET", body: "malformed", user: teacher.id });
  await instantLogin(page, teacher, { waitForLanding: false });
  await authError.expectShown("Clever sent something we didn't understand");
});

test("[DSSO-06] [LIB-11] Clever refusing the app's fresh token shows the misconfiguration message", async ({ page, authError }) => {
  const teacher = await freshTeacher("Rechazo", "Token");
  await addFault({ path: "/userinfo", method: "GET", status: 401, times: 1, user: teacher.id });
  await instantLogin(page, teacher, { waitForLanding: false });
  await authError.expectShown("Logging in isn't set up correctly");
});

test("[DSSO-06] [LIB-11] a callback whose state does not match is refused with its own message", async ({ page, authError }) => {
  await cleverSession(page, "studentHebrew");
  await onCleverRedirect(page, (callback) => {
    callback.searchParams.set("state", "forged-state");
    return callback;
  });
  await startAppLogin(page, { district: fixtures.studentHebrew.districtId });
  await authError.expectShown("We couldn't confirm this login");
});

test("[DSSO-06] [LIB-11] [IL-04] a code used twice shows 'That login link has expired'", async ({ page, authError }) => {
  // The first use happens out of band, straight at Clever's token endpoint
  // (as a leaked code would), then the browser presents the same code with
  // its own valid state. (A code this app itself already exchanged is not
  // sent again: e2e/clever-today.server.spec.ts.)
  await cleverSession(page, "studentEmoji");
  await onCleverRedirect(page, async (callback) => {
    return spendCodeFirst(callback);
  });
  await startAppLogin(page, { district: fixtures.studentEmoji.districtId });
  await authError.expectShown("That login link has expired");
});

test("[DSSO-06] [LIB-11] consent denied on an app-initiated Library login", async ({ page, authError }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Log in with Clever" }).click();
  await page.waitForURL((url) => url.href.startsWith(sandboxUrl));
  // An Authorization response with an error, as Clever sends after Deny.
  const authorize = new URL(page.url());
  const callback = new URL(authorize.searchParams.get("redirect_uri") ?? "");
  callback.searchParams.set("error", "access_denied");
  callback.searchParams.set("state", authorize.searchParams.get("state") ?? "");
  await page.goto(callback.toString());
  await authError.expectShown("You didn't allow access");
});

test("[DSSO-06] Try again after a failed login starts a new app-initiated login, which succeeds once Clever answers", async ({ page, context, authError }) => {
  // A teacher of this test alone, so the fault on her identity touches no other test.
  const teacher = await freshTeacher("Tomasa", "Reintento");
  await addFault({ path: "/userinfo", method: "GET", status: 503, user: teacher.id });
  await instantLogin(page, teacher, { waitForLanding: false });
  await authError.expectShown("Clever isn't answering right now");

  await sandbox.clearFaults(teacher.id);
  const authorize = page.waitForRequest((request) => request.url().startsWith(`${sandboxUrl}/oauth/authorize`));
  await authError.tryAgain.click();
  // App-initiated: the app's own state, not Clever's stateless restart.
  expect(new URL((await authorize).url()).searchParams.get("state")).toBeTruthy();
  await page.waitForURL(isLanding);
  expect(await signedInUserId(context)).toBe((await userByCleverId(teacher.id))?.id);
});
