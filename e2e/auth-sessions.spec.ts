// Sessions: a new Clever login replaces the browser's session (shared
// devices), and a new one that fails ends it too; Log Out ends it
// server-side; idle and absolute timeouts.
import { axeViolations } from "./support/axe";
import { cleverSession, fixtures, instantLogin, logInWithClever, logOutOfClever, navigate, onCleverRedirect, spendCodeFirst } from "./support/clever";
import { accountsOf, query, sessionByToken, storedCleverIds, storedSessionToken, userByCleverId } from "./support/db";
import { Banner, expect, test } from "./support/fixtures";
import { sessionCookie, sessionToken } from "./support/session";
import { freshStudent, unique } from "./ui-support";

test("[DSSO-R5] [LIB-R13] a student logging in where a teacher is signed in ends up as the student", async ({ page, context, banner }) => {
  await logInWithClever(page, "coTeacherA");
  await expect(banner.name).toHaveText("Ava Lee");
  const teacherToken = await sessionToken(context);
  const teacher = await userByCleverId(fixtures.coTeacherA.id);

  // The student uses their Instant Login link on the same browser.
  await instantLogin(page, "studentMultiTeacher");
  await expect(banner.name).toHaveText("Noah Williams");
  await expect(banner.role).toHaveText("Student");

  expect(await sessionByToken(teacherToken)).toBeUndefined();
  const student = await userByCleverId(fixtures.studentMultiTeacher.id);
  expect(student?.id).not.toBe(teacher?.id);
  // Nothing of the student's Clever identity was attached to the teacher.
  const teacherAccounts = await accountsOf(teacher?.id ?? "");
  expect(teacherAccounts.filter((account) => storedCleverIds(fixtures.studentMultiTeacher.id).includes(account.providerAccountId))).toEqual([]);
  expect(storedCleverIds(fixtures.coTeacherA.id)).toContain((await userByCleverId(fixtures.coTeacherA.id))?.cleverId);
});

test("[DSSO-R5] [LIB-R13] the session identifier changes at every login", async ({ page, context }) => {
  await instantLogin(page, "coTeacherB");
  const first = await sessionToken(context);
  await instantLogin(page, "coTeacherB");
  const second = await sessionToken(context);
  expect(second).not.toBe(first);
  // 256 random bits (43 base64url characters), not a 122-bit UUID.
  expect(second).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(await sessionByToken(first)).toBeUndefined();
  expect(await sessionByToken(second)).toBeDefined();
});

test("[DSSO-07] [LIB-14] [DSSO-Q4] Log Out ends the session server-side: the old cookie no longer works", async ({ page, context, browser, banner, loggedOut }) => {
  await instantLogin(page, "coTeacherC");
  const cookie = await sessionCookie(context);
  expect(cookie).toBeDefined();
  await banner.logOut();
  await expect(loggedOut.heading).toHaveText("You are logged out");
  await expect(page.getByText("Close this browser window")).toBeVisible();
  await expect(loggedOut.logInButton).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  expect(await sessionByToken(cookie?.value ?? "")).toBeUndefined();

  // Someone who copied the cookie gets nothing.
  const other = await browser.newContext();
  if (cookie) await other.addCookies([cookie]);
  const stolen = await other.newPage();
  await navigate(stolen, "/dashboard");
  await stolen.waitForURL((url) => url.pathname !== "/dashboard");
  await expect(stolen).not.toHaveURL(/\/dashboard/);
  await expect(new Banner(stolen).root).toHaveCount(0);
  await other.close();
});

test("[DSSO-Q3] an idle session ends: the next request shows the logged-out screen", async ({ page, context, loggedOut }) => {
  await instantLogin(page, "teacherBigSection");
  const token = await sessionToken(context);
  await query(`UPDATE "Session" SET expires = now() - interval '1 minute' WHERE "sessionToken" = $1`, [storedSessionToken(token)]);
  await navigate(page, "/dashboard");
  await loggedOut.waitFor();
  await expect(loggedOut.heading).toHaveText("Your session has ended");
  expect(await sessionByToken(token)).toBeUndefined();
});

test("[DSSO-Q3] a session ends after its maximum lifetime even while in use", async ({ page, context, loggedOut }) => {
  await instantLogin(page, "teacherNoEmail");
  const token = await sessionToken(context);
  // Active (expiry in the future) but started 13 hours ago: past SESSION_MAX_HOURS.
  await query(`UPDATE "Session" SET "createdAt" = now() - interval '13 hours', expires = now() + interval '1 hour' WHERE "sessionToken" = $1`, [storedSessionToken(token)]);
  await navigate(page, "/dashboard");
  await loggedOut.waitFor();
  await expect(loggedOut.heading).toHaveText("Your session has ended");
  expect(await sessionByToken(token)).toBeUndefined();
});

test("[security] the session cookie is httpOnly and SameSite=Lax", async ({ page, context }) => {
  await instantLogin(page, "studentNoGrade");
  const cookie = await sessionCookie(context);
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.path).toBe("/");
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});

test("[DSSO-R5] [LIB-R13] [DSSO-06] [LIB-11] a Clever login that fails on a shared device leaves nobody signed in: not the previous user", async ({ page, context, banner, authError, accessible }) => {
  const first = await freshStudent("Ada", unique("Earlier"), { grade: "5" });
  const next = await freshStudent("Ben", unique("Later"), { grade: "5" });
  await instantLogin(page, first);
  await expect(banner.name).toHaveText(first.name);
  const firstToken = await sessionToken(context);

  // Ada's Clever session ends and Ben signs in to Clever on the same
  // browser. His code is used up before the app exchanges it (a stale or
  // replayed link), so Clever refuses the app's token exchange for him: his
  // login fails after its state checked out.
  await logOutOfClever(page);
  await cleverSession(page, next);
  await onCleverRedirect(page, async (callback) => {
    if (!callback.searchParams.has("state")) return callback;
    return spendCodeFirst(callback);
  });
  await navigate(page, `/login?district=${fixtures.district.id}`);
  await expect(page.getByText(`You are logged in as ${first.name}`)).toBeVisible();
  // Pressed once the page is interactive, so the authorize request can be routed (see startAppLogin).
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Log in with Clever" }).click();

  await page.waitForURL((url) => url.pathname === "/auth/error");
  await expect(authError.heading).toHaveText("That login link has expired");
  await accessible();
  // Ada's session ended with the failed login, in the database and in the browser.
  expect(await sessionByToken(firstToken)).toBeUndefined();
  expect(await sessionCookie(context)).toBeUndefined();
  await navigate(page, "/dashboard");
  await page.waitForURL((url) => url.pathname === "/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
  await expect(page.getByText("You are logged in as")).toHaveCount(0);
  await expect(banner.root).toHaveCount(0);
});
