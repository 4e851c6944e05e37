// Clever's multi-role users (API v3.x): a teacher who is also a school's
// staff signs in as either role into one account, and reaches each role's
// view from the navigation: her class as a teacher, her school as staff. On
// v2.1 each role has its own Clever ID (tied by /userinfo's
// multi_role_user_id); on v3.1 they are one user. Fresh users per test.
import type { Page } from "@playwright/test";
import { fixtures, instantLogin } from "./support/clever";
import { query } from "./support/db";
import { expect, test } from "./support/fixtures";
import { signedInUserId } from "./support/session";
import { freshMultiRoleTeacher, unique } from "./ui-support";

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** Waits until the person's account (by any of their Clever IDs) has finished `count` syncs. */
async function waitForSyncs(ids: string[], count: number): Promise<void> {
  await expect
    .poll(async () => {
      const rows = await query<{ n: string }>(
        `SELECT count(*) AS n FROM "SyncRun" r JOIN "User" u ON u.id = r."userId"
         WHERE (u."cleverId" = ANY($1) OR u."cleverLegacyIds" && $1) AND r.outcome = 'succeeded'`,
        [ids],
      );
      return Number(rows[0]?.n ?? 0);
    }, { timeout: 30_000, message: `syncs of ${ids.join(", ")}` })
    .toBeGreaterThanOrEqual(count);
}

test("[IL-07] [clever-today] a teacher who is also staff signs in as either role into one account, and each role has its view", async ({ page, onboarding, dashboard, banner, adminDashboard, accessible }) => {
  const className = unique("Writing Workshop");
  const grace = await freshMultiRoleTeacher("Grace", unique("Kim"), className);
  const ids = [grace.v3Id, grace.asTeacher.id, grace.asStaff.id];

  // As the teacher: onboarding, then her class.
  await instantLogin(page, grace.asTeacher);
  if (new URL(page.url()).pathname.startsWith("/onboarding")) await onboarding.finish();
  await waitForSyncs(ids, 1);
  await page.reload();
  await expect(dashboard.card(className)).toHaveCount(1);
  const account = await signedInUserId(page.context());
  await banner.logOut();

  // As staff: the same account, landing on the administrators' page for her school.
  await instantLogin(page, grace.asStaff);
  expect(await signedInUserId(page.context())).toBe(account);
  await expect(adminDashboard.role).toContainText("School administrator");
  await waitForSyncs(ids, 2);
  await page.reload();
  await expect(adminDashboard.schools).toContainText(fixtures.schoolElementary.name);
  await accessible();

  // Her classes are one link away, and back.
  await mainNav(page).getByRole("link", { name: "Your classes" }).click();
  await expect(dashboard.card(className)).toHaveCount(1);
  await accessible();
  await mainNav(page).getByRole("link", { name: "Your schools" }).click();
  await expect(adminDashboard.role).toContainText("School administrator");

  // One person, one row, both roles.
  const rows = await query<{ roles: string[] }>(`SELECT roles::text[] AS roles FROM "User" WHERE "cleverId" = ANY($1) OR "cleverLegacyIds" && $1`, [ids]);
  expect(rows).toHaveLength(1);
  expect([...(rows[0]?.roles ?? [])].sort()).toEqual(["school_admin", "teacher"]);
});
