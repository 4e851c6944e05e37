// Departures (SS-04, SS-R7): what Clever takes away ends access at once, with
// no login in between. A rostered district's events are read every two
// seconds by the stack's worker; the person's next click finds their session
// ended and hears why. Each journey makes a district of its own.
import { type FixtureHandle, instantLogin, isLanding, sandbox } from "./support/clever";
import { query } from "./support/db";
import { type District, freshDistrict, rosterNow } from "./support/district";
import { expect, type LoggedOutPage, type StudentDashboardPage, test } from "./support/fixtures";
import { newId } from "./ui-support";

/** Waits until the page no longer refreshes itself (the login's import
 * notice is gone), so the journey's own reload is the only navigation: a
 * refresh racing it fails the reload in Firefox. */
async function settled(dashboard: StudentDashboardPage): Promise<void> {
  await expect(dashboard.importing).toHaveCount(0);
}

/** Waits until the district's events have archived the person with this Clever ID. */
async function archivedByEvents(cleverId: string): Promise<void> {
  await expect
    .poll(async () => (await query<{ archived: boolean }>(`SELECT "archivedAt" IS NOT NULL AS archived FROM "User" WHERE "cleverId" = $1`, [cleverId]))[0]?.archived, {
      timeout: 30_000,
      message: `events archive ${cleverId}`,
    })
    .toBe(true);
}

async function expectUnsharedPage(loggedOut: LoggedOutPage, accessible: () => Promise<void>): Promise<void> {
  await loggedOut.waitFor();
  await expect(loggedOut.heading).toHaveText("Your school no longer shares your account");
  await expect(loggedOut.main).toContainText("Nothing of yours was deleted");
  await accessible();
}

async function freshDistrictAdmin(district: District): Promise<FixtureHandle> {
  const id = newId();
  const email = `dora.${id.slice(0, 8)}@rosterville.example`;
  await sandbox.putData("district_admins", id, { id, district: district.id, name: { first: "Dora", last: "Departed" }, email, title: "Director of Technology" });
  return { key: `ui:${id}`, id, type: "district_admin", name: "Dora Departed", districtId: district.id, email, tags: ["ui-test", "district-roster"] };
}

test("[SS-04] [SS-R7] a district admin Clever removes loses the admin view at the next events poll, with no login: their next click signs them out and says why", async ({ page, adminDashboard, loggedOut, accessible }) => {
  test.setTimeout(120_000);
  const district = await freshDistrict();
  const admin = await freshDistrictAdmin(district);
  await rosterNow(district.id);
  await instantLogin(page, admin, { waitForLanding: false });
  await page.waitForURL(isLanding);
  await expect(adminDashboard.schools).toContainText(`Elementary`);

  // Clever removes the admin: an event, read by the worker, not a login.
  await sandbox.deleteData("district_admins", admin.id);
  await archivedByEvents(admin.id);
  expect(await query(`SELECT s.id FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u."cleverId" = $1`, [admin.id])).toHaveLength(1);
  await adminDashboard.schools.getByRole("link").first().click();
  await expectUnsharedPage(loggedOut, accessible);
  // The session is ended with it: kept dead, with its reason, until the hourly purge.
  expect(await query(`SELECT s."endedReason" FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u."cleverId" = $1`, [admin.id])).toEqual([{ endedReason: "archived" }]);
});

test("[SS-04] [SS-R7] a student Clever unshares is signed out on her next click and sees the friendly page", async ({ page, studentDashboard, loggedOut, accessible }) => {
  test.setTimeout(120_000);
  const district = await freshDistrict();
  await rosterNow(district.id);
  await instantLogin(page, district.student, { waitForLanding: false });
  await page.waitForURL(isLanding);
  await expect(studentDashboard.classes).toContainText(district.sections.math.name);
  await settled(studentDashboard);

  await sandbox.deleteData("students", district.student.id);
  await archivedByEvents(district.student.id);
  await page.reload();
  await expectUnsharedPage(loggedOut, accessible);
});

test("[ROLL-09] [SS-04] a district that stops sharing is disconnected by the schedule: its people are signed out and told why, and a reconnect restores everything", async ({ page, studentDashboard, loggedOut, accessible }) => {
  test.setTimeout(120_000);
  const district = await freshDistrict();
  await rosterNow(district.id);
  await instantLogin(page, district.student, { waitForLanding: false });
  await page.waitForURL(isLanding);
  const classes = studentDashboard.classes;
  await expect(classes).toContainText(district.sections.math.name);
  await settled(studentDashboard);

  const disconnected = async () => (await query<{ at: Date | null }>(`SELECT "disconnectedAt" AS at FROM "District" WHERE id = $1`, [district.id]))[0]?.at ?? null;
  await sandbox.connect(district.id, false);
  await expect.poll(disconnected, { timeout: 30_000, message: "the schedule notices the district left" }).not.toBeNull();
  await page.reload();
  await loggedOut.waitFor();
  await expect(loggedOut.heading).toHaveText("Your district has disconnected Clever Classroom");
  await accessible();

  // The district shares again: the same account, with its classes.
  await sandbox.connect(district.id, true);
  await expect.poll(disconnected, { timeout: 30_000, message: "the schedule notices the district came back" }).toBeNull();
  await instantLogin(page, district.student, { waitForLanding: false });
  await page.waitForURL(isLanding);
  await expect(classes).toContainText(district.sections.math.name);
});
