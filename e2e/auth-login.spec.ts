// Every way a Clever login starts (IL-01): the app's buttons (with state), the
// Clever Portal and Instant Login links (no state: restarted by the app), and
// Library installs (consent).
import type { Page } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { apiEndpoint } from "./support/clever-api";
import { fixtures, instantLogin, isLanding, logInWithClever, newLibraryTeacher, portalLogin, sandbox, sandboxUrl } from "./support/clever";
import { sessionByToken, userByCleverId } from "./support/db";
import { expect, test } from "./support/fixtures";
import { sessionToken } from "./support/session";
import { cleverLogin, freshTeacher } from "./ui-support";
import { testPorts, testStackEnv } from "../scripts/lib/test-stack";

const registered = (testStackEnv(testPorts()).CLEVER_REDIRECT_URIS ?? "").split(",");

/** Records the callback URI (origin and path) of every Clever redirect the
 * browser follows from now on. */
function callbacks(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/auth/callback/clever") seen.push(`${url.origin}${url.pathname}`);
  });
  return seen;
}

/** With several redirect URIs registered, every callback of the login came to the primary (the first). */
function expectOnlyPrimary(seen: string[]): void {
  expect(registered.length, "the test stack registers several redirect URIs").toBeGreaterThan(1);
  expect(seen.length).toBeGreaterThan(0);
  expect([...new Set(seen)]).toEqual([registered[0]]);
}

test.describe("app-initiated login", () => {
  test("[DSSO-01] [LIB-01] [IL-01] [DSSO-R1] [LIB-R01] a teacher logs in with the Log in with Clever button", async ({ page, context, banner }) => {
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Log in with Clever" })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await logInWithClever(page, "teacher");
    await expect(banner.name).toHaveText("Ana Núñez");
    await expect(banner.role).toHaveText("Teacher");
    const user = await userByCleverId(fixtures.teacher.id);
    expect(user?.role).toBe("teacher");
    expect(user?.authorizedBy).toBe("district");
    // The browser holds a database session of this user.
    const session = await sessionByToken(await sessionToken(context));
    expect(session?.userId).toBe(user?.id);
  });

  test("[DSSO-01] [LIB-01] [IL-01] a student logs in with the Log in with Clever button", async ({ page, banner }) => {
    await logInWithClever(page, "student");
    await expect(banner.name).toHaveText("Emma Johnson");
    await expect(banner.role).toHaveText("Student");
  });

  test("[LIB-01] [IL-01] [LIB-03] a Library teacher logs in through the picker and consent, with a free trial", async ({ page, banner }) => {
    await logInWithClever(page, "libraryTeacher");
    await expect(banner.name).toHaveText("Rosa Martínez");
    await expect(banner.place).toHaveText("Clever Library");
    await expect(banner.trial).toContainText("Free trial until");
    const user = await userByCleverId(fixtures.libraryTeacher.id);
    expect(user?.authorizedBy).toBe("teacher");
    expect(user?.trialEndsAt).not.toBeNull();
  });

  test("[LIG-07] the signup page offers Sign Up with Clever, which logs the teacher in", async ({ page, banner }) => {
    await page.goto("/signup");
    await expect(page.getByRole("button", { name: "Sign Up with Clever" })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await logInWithClever(page, "teacherZeroSections", { from: "/signup" });
    await expect(banner.name).toHaveText("Nora Quinn");
  });

  test("[IL-02] a district-specific login skips Clever's school picker", async ({ page }) => {
    await page.goto(`/login?district=${fixtures.district.id}`);
    await page.getByRole("button", { name: "Log in with Clever" }).click();
    await page.waitForURL((url) => url.href.startsWith(sandboxUrl));
    const authorize = new URL(page.url());
    expect(authorize.searchParams.get("district_id")).toBe(fixtures.district.id);
    expect(authorize.searchParams.get("state")).toBeTruthy();
    // Straight to the district's login page, no picker.
    await expect(page.getByRole("heading", { name: fixtures.district.name })).toBeVisible();
    await expect(page.getByRole("search")).toHaveCount(0);
  });
});

test("[IL-09] a button login from the second registered origin finishes on it, its code forwarded by the primary", async ({ page, context, banner }) => {
  const second = new URL(registered[1] ?? "").origin;
  expect(second, "the second redirect URI is on another origin").not.toBe(new URL(registered[0] ?? "").origin);
  const seen = callbacks(page);
  await logInWithClever(page, "teacher", { appUrl: second });
  await expect(banner.name).toHaveText("Ana Núñez");
  expect(new URL(page.url()).origin).toBe(second);
  // Clever sent the code to the primary (the one URI every login names),
  // which forwarded it to the origin that holds the login's state.
  expect([...new Set(seen)]).toEqual([registered[0], registered[1]]);
  const names = (await context.cookies(second)).map((cookie) => cookie.name);
  expect(names).toContain("__Host-authjs.session-token");
});

test.describe("Clever-initiated login (no state)", () => {
  for (const key of ["teacher", "student"] as const) {
    test(`[DSSO-T1] [IL-01] [IL-10] [DSSO-05] [LIB-10] Instant Login link for a district ${key}, on the primary of several redirect URIs`, async ({ page, banner }) => {
      const seen = callbacks(page);
      await instantLogin(page, key);
      await expect(banner.name).toHaveText(fixtures[key].name);
      expectOnlyPrimary(seen);
    });

    test(`[DSSO-T1] [IL-01] [DSSO-05] Clever Portal login for a district ${key}, on the primary of several redirect URIs`, async ({ page, banner }) => {
      const seen = callbacks(page);
      await portalLogin(page, key);
      await expect(banner.name).toHaveText(fixtures[key].name);
      expectOnlyPrimary(seen);
    });
  }

  for (const key of ["libraryTeacher", "libraryStudent"] as const) {
    test(`[IL-01] [LIB-10] Library install / Instant Login for a Library ${key === "libraryTeacher" ? "teacher" : "student"} (consent Allow), on the primary of several redirect URIs`, async ({ page, banner }) => {
      const seen = callbacks(page);
      await instantLogin(page, key);
      await expect(banner.name).toHaveText(fixtures[key].name);
      expectOnlyPrimary(seen);
    });
  }

  test("[IL-01] [LIB-10] [LIB-11] Library consent denied lands on the friendly page, through the primary redirect URI", async ({ page, authError }) => {
    const teacher = await newLibraryTeacher("Denise", "Nope");
    const seen = callbacks(page);
    await instantLogin(page, teacher, { consent: "deny", waitForLanding: false });
    await page.waitForURL((url) => url.pathname === "/auth/error");
    await expect(authError.heading).toHaveText("You didn't allow access");
    await expect(authError.reference).toHaveText(/^ERR-[A-Z0-9]{6}$/);
    expectOnlyPrimary(seen);
  });

  test("[IL-01] [LIB-10] Library consent Allow from the Portal, on the primary redirect URI", async ({ page, banner }) => {
    const seen = callbacks(page);
    await portalLogin(page, "libraryTeacher2", { consent: "allow" });
    await expect(banner.name).toHaveText("Sam Okafor");
    expectOnlyPrimary(seen);
  });
});

test("[IL-08] the browser shows 'Signing you in' at once and refreshes itself into the token exchange", async ({ page, banner }) => {
  const teacher = await newLibraryTeacher("Íñigo", "Lento");
  // Answer the page's own refresh into the exchange with 204 No Content: the
  // browser stays on the page it shows while an exchange is under way.
  let holding = true;
  let refreshes = 0;
  await page.route(/\/api\/auth\/callback\/clever\?.*signing_in=1/, async (route) => {
    if (!holding) return route.continue();
    refreshes += 1;
    return route.fulfill({ status: 204 });
  });
  await instantLogin(page, teacher, { waitForLanding: false });
  await expect.poll(() => refreshes).toBe(1);
  expect(new URL(page.url()).pathname).toBe("/api/auth/callback/clever");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Signing you in with Clever…");
  await expect(page.getByRole("status")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // Where automatic refresh is blocked, the link does the same; the code is still unused.
  holding = false;
  await page.getByRole("link", { name: "Continue" }).click();
  await page.waitForURL(isLanding);
  await expect(banner.name).toHaveText("Íñigo Lento");
});

test("[clever-today] where /userinfo is unavailable and /me says type \"user\" (as recorded from Clever), the user's record says who signed in", async ({ page, banner }) => {
  const teacher = await freshTeacher("Uma", "Usertype");
  await sandbox.addFault({ path: "/userinfo", status: 404, user: teacher.id, times: 1 });
  // On v3 this is the local Clever's default /me; on v2 (no recording) a fault asks for it.
  await sandbox.addFault({ path: "^/v[0-9.]+/me$", me: "user", user: teacher.id, times: 1 });
  await cleverLogin(page, teacher);
  await expect(banner.name).toHaveText("Uma Usertype");
  await expect(banner.role).toHaveText("Teacher");
  const called = (await sandbox.requests({ user: teacher.id })).map((request) => request.endpoint);
  expect(called.slice(0, 3)).toEqual([apiEndpoint.userinfo, apiEndpoint.me, apiEndpoint.user]);
  // Both answers were given as asked: no fault of hers is left.
  expect((await sandbox.faults()).filter((fault) => (fault as { user?: string }).user === teacher.id)).toEqual([]);
  expect((await userByCleverId(teacher.id))?.role).toBe("teacher");
});
