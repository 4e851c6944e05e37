// Clever as it is today (../shared/design/CLEVER-TODAY.md), against the
// local Clever in strict mode with OIDC enabled for the app: identity in one
// call or none, forged id_tokens, rate limits as Clever signals them, only
// documented endpoints for Library tokens, a code delivered twice, a Library
// teacher whom the district shares later, and administrators let in. Every
// test uses fresh users of its own, and the local Clever's per-user request
// log says what the app really called.
import { axeViolations } from "./support/axe";
import { apiEndpoint, libraryTeacherEndpoints } from "./support/clever-api";
import { fixtures, instantLogin, isLanding, sandbox } from "./support/clever";
import { expect, test } from "./support/fixtures";
import { sessionCookie, signedInUserId } from "./support/session";
import { cleverLogin, freshTeacher, newId, userIdOf, waitForSync } from "./ui-support";

/** The endpoints the app called with this user's own tokens, in order. */
async function calledFor(cleverId: string): Promise<string[]> {
  return (await sandbox.requests({ user: cleverId })).map((request) => request.endpoint);
}

/** Exactly what Clever documents for a Library teacher's token. */

async function libraryStudents(n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => newId());
  for (const [i, id] of ids.entries()) await sandbox.putData("students", id, { id, name: { first: `Kid${i}`, middle: "", last: "Today" }, grade: "3" });
  return ids;
}

test.describe("identity", () => {
  test("[clever-today] a Library teacher's login asks /userinfo who she is (one call), and her sync reads only documented endpoints", async ({ page, onboarding, dashboard }) => {
    const students = await libraryStudents(3);
    const teacher = await freshTeacher("Ursula", "Userinfo", {
      sections: [
        { name: "Poetry", subject: "english/language arts", grade: "3", students: students.slice(0, 2) },
        { name: "Maps", subject: "social studies", grade: "3", students: students.slice(1) },
      ],
    });
    await cleverLogin(page, teacher);
    await waitForSync(teacher.id);
    const called = await calledFor(teacher.id);
    expect(called[0]).toBe(apiEndpoint.userinfo);
    expect(called).not.toContain(apiEndpoint.me);
    expect(called.filter((endpoint) => !libraryTeacherEndpoints.has(endpoint))).toEqual([]);
    // One list of students per section: the documented Library path.
    expect(called.filter((endpoint) => endpoint === apiEndpoint.sectionStudents)).toHaveLength(2);
    expect((await sandbox.requests({ user: teacher.id })).every((request) => request.status === 200)).toBe(true);
    await onboarding.finish("Boise");
    await expect(dashboard.card("Poetry")).toContainText("2 students");
    await expect(dashboard.card("Maps")).toContainText("2 students");
  });

  test("[clever-today] where /userinfo is unavailable, the login reads /me and the user's record instead", async ({ page }) => {
    const teacher = await freshTeacher("Fiona", "Fallback");
    await sandbox.addFault({ path: "/userinfo", status: 404, user: teacher.id });
    try {
      await cleverLogin(page, teacher);
    } finally {
      await sandbox.clearFaults(teacher.id);
    }
    const called = await calledFor(teacher.id);
    expect(called.slice(0, 3)).toEqual([apiEndpoint.userinfo, apiEndpoint.me, apiEndpoint.user]);
    expect(await signedInUserId(page.context())).toBe(await userIdOf(teacher.id));
  });
});

test("[clever-today] an OIDC app's district login makes no identity call: the verified id_token says who it is", async ({ page, onboarding, banner }) => {
  const teacher = await freshTeacher("Olga", "Oidc", { district: true });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  // No identity call with the user's own token (the first login in a district
  // may read the district's name with it; the roster came with the district token).
  const called = await calledFor(teacher.id);
  expect(called.filter((endpoint) => endpoint !== apiEndpoint.district)).toEqual([]);
  expect(await signedInUserId(page.context())).toBe(await userIdOf(teacher.id));
  await onboarding.finish();
  await expect(banner.root).toContainText("Olga Oidc");
});

for (const forgery of ["bad_signature", "expired", "wrong_audience"] as const) {
  test(`[DSSO-06] [clever-today] an id_token with ${forgery.replace("_", " ")} fails the login on its own page`, async ({ page, authError }) => {
    const teacher = await freshTeacher("Fabia", "Forged", { district: true });
    await sandbox.addFault({ path: "/oauth/tokens", method: "POST", idToken: forgery, user: teacher.id });
    await instantLogin(page, teacher, { waitForLanding: false });
    await authError.waitFor();
    await expect(authError.heading).toHaveText("We couldn't confirm who you are");
    await expect(authError.reference).toHaveText(/^ERR-[2-9A-HJ-NP-Z]{6}$/);
    expect(await sessionCookie(page.context())).toBeUndefined();
    expect(await userIdOfOrNull(teacher.id)).toBeNull();
  });
}

async function userIdOfOrNull(cleverId: string): Promise<string | null> {
  try {
    return await userIdOf(cleverId);
  } catch {
    return null;
  }
}

test("[clever-today] a code delivered twice signs the user in once: the same browser goes on signed in, another is told it was used", async ({ page, newBrowser, onboarding, dashboard }) => {
  const teacher = await freshTeacher("Dora", "Doble", { sections: [{ name: "Twice Told", subject: "math", grade: "3", students: await libraryStudents(1) }] });
  let callback: string | undefined;
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/auth/callback/clever" && url.searchParams.has("code") && url.searchParams.has("state") && !callback) callback = url.toString();
  });
  await instantLogin(page, teacher, { waitForLanding: false });
  await page.waitForURL((url) => isLanding(url) || url.pathname.startsWith("/onboarding"));
  expect(callback).toBeDefined();
  const userId = await signedInUserId(page.context());
  await waitForSync(teacher.id);

  // The same code again in the same browser: still signed in, as the same user.
  await page.goto(callback ?? "");
  await page.waitForURL((url) => url.pathname === "/dashboard" || url.pathname.startsWith("/onboarding"));
  expect(await signedInUserId(page.context())).toBe(userId);

  // In another browser (the iOS app, say): a friendly page, not the error page.
  const second = await newBrowser();
  await second.goto(callback ?? "");
  await second.waitForURL((url) => url.pathname === "/auth/signed-in");
  await expect(second.getByRole("heading", { level: 1 })).toHaveText("This login link was already used");
  await expect(second.getByRole("button", { name: "Log in with Clever" })).toBeVisible();
  expect(await axeViolations(second)).toEqual([]);

  // The code was exchanged once: the token it gave still works (a second
  // exchange would have made Clever revoke it), so the sync succeeds.
  await onboarding.finish("Boise");
  expect(await dashboard.sync()).toContain("Synced with Clever");
});

test.describe("rate limits", () => {
  test("[clever-today] a sync at Clever's rate limit waits for the window to reset, and succeeds", async ({ signInTeacher, dashboard }) => {
    const students = await libraryStudents(2);
    const teacher = await freshTeacher("Rita", "Ratelimit", {
      sections: [
        { name: "Slow One", subject: "math", grade: "3", students: students.slice(0, 1) },
        { name: "Slow Two", subject: "math", grade: "3", students: students.slice(1) },
      ],
    });
    await signInTeacher(teacher, "Boise");
    // The sync needs four calls; three fit in a two-second window.
    await sandbox.setRateLimit({ limit: 3, windowMs: 2_000, user: teacher.id });
    try {
      await sandbox.clearRequests({ user: teacher.id });
      expect(await dashboard.sync()).toContain("Synced with Clever");
      const statuses = (await sandbox.requests({ user: teacher.id })).map((request) => request.status);
      expect(statuses.length).toBeGreaterThanOrEqual(4);
      // Paced from the headers: it never ran into the limit.
      expect(statuses.filter((status) => status === 429)).toEqual([]);
    } finally {
      await sandbox.resetRateLimits({ user: teacher.id });
    }
  });

  test("[clever-today] a sync that cannot wait for the window says when to try again, and changes nothing", async ({ signInTeacher, dashboard }) => {
    const teacher = await freshTeacher("Wanda", "Wait", { sections: [{ name: "Patience", subject: "math", grade: "3", students: await libraryStudents(1) }] });
    await signInTeacher(teacher, "Boise");
    // One request a minute: the second one's window is past the sync's deadline.
    await sandbox.setRateLimit({ limit: 1, windowMs: 60_000, user: teacher.id });
    try {
      const tryAgain = /try again in \d+ (seconds?|minutes?)/;
      expect(await dashboard.sync(tryAgain)).toMatch(tryAgain);
      await expect(dashboard.card("Patience")).toContainText("1 student");
    } finally {
      await sandbox.resetRateLimits({ user: teacher.id });
    }
  });
});

test("[SYNC-01] [clever-today] a Library teacher whom the district shares later moves to the full product at her next login, with her classes and choices kept", async ({ page, signInTeacher, dashboard, banner }) => {
  const teacher = await freshTeacher("Sara", "Shared", { sections: [{ name: "Library Garden", subject: "science", grade: "3", students: await libraryStudents(2) }] });
  await signInTeacher(teacher, "Boise");
  await expect(dashboard.trialBanner).toBeVisible();
  const userId = await signedInUserId(page.context());

  await sandbox.setSharing({ user: teacher.id, shared_by: "district" });
  await instantLogin(page, { ...teacher, districtId: fixtures.district.id });
  await waitForSync(teacher.id, 2);
  await page.reload();
  expect(await signedInUserId(page.context())).toBe(userId);
  await expect(dashboard.trialBanner).toHaveCount(0);
  // Her place is now her district school, not the Clever Library.
  await expect(banner.root).toContainText(fixtures.schoolElementary.name);
  // The Library class stays, once, with its students.
  await expect(dashboard.card("Library Garden")).toHaveCount(1);
  await expect(dashboard.card("Library Garden")).toContainText("2 students");
});

test.describe("administrators", () => {
  test("[IL-07] [clever-today] a district admin lands on the administrators' page, with the district's schools", async ({ page, adminDashboard }) => {
    await instantLogin(page, "districtAdmin");
    await expect(adminDashboard.role).toContainText("District administrator at Sandbox School District");
    // The login's sync stores the district's schools (district token).
    await expect(async () => {
      await page.reload();
      await expect(adminDashboard.schools).toContainText("Sandbox Elementary School", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(adminDashboard.schools).toContainText("Sandbox High School");
    expect(await axeViolations(page)).toEqual([]);
  });

  test("[IL-07] [clever-today] a school admin lands on the administrators' page, with their own schools only", async ({ page, adminDashboard }) => {
    await instantLogin(page, "schoolAdmin");
    await expect(adminDashboard.role).toContainText("School administrator");
    await expect(async () => {
      await page.reload();
      await expect(adminDashboard.schools.getByRole("listitem")).not.toHaveCount(0, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    const admin = (await sandbox.getData("school_admins", fixtures.schoolAdmin.id)).data as { schools?: string[] };
    await expect(adminDashboard.schools.getByRole("listitem")).toHaveCount(admin.schools?.length ?? 0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
