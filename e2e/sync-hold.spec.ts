// A held full sync (SS-R6, ROLL-05): a district's full sync that would
// archive an unusual share of its students archives none of them; the
// district admin's dashboard says so, with the counts, and "Apply these
// changes" applies it. A district of its own, so parallel journeys are
// unaffected.
import { type FixtureHandle, instantLogin, isLanding, sandbox } from "./support/clever";
import { query } from "./support/db";
import { type District, freshDistrict, rosterNow } from "./support/district";
import { expect, test } from "./support/fixtures";
import { newId } from "./ui-support";

async function freshDistrictAdmin(district: District): Promise<FixtureHandle> {
  const id = newId();
  const email = `hana.${id.slice(0, 8)}@rosterville.example`;
  await sandbox.putData("district_admins", id, { id, district: district.id, name: { first: "Hana", last: "Holdsworth" }, email, title: "Director of Technology" });
  return { key: `ui:${id}`, id, type: "district_admin", name: "Hana Holdsworth", districtId: district.id, email, tags: ["ui-test", "district-roster"] };
}

/** Students the app holds for the district that Clever no longer lists, as
 * if removed while their events were lost (the stack's worker reads events
 * every two seconds, and an event is never held: removed through Clever,
 * each would be archived on its own). */
async function studentsCleverNoLongerLists(districtId: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId());
  await query(
    `INSERT INTO "User" (id, "cleverId", role, roles, "authorizedBy", "districtId", "firstName", "lastName", "updatedAt")
     SELECT gen_random_uuid()::text, c, 'student', ARRAY['student']::"Role"[], 'district', $1, 'Gone', 'Student', now() FROM unnest($2::text[]) AS c`,
    [districtId, ids],
  );
  return ids;
}

test("[SS-R6] [ROLL-05] a district admin sees a full sync held with what it would archive, and applies it", async ({ page, adminDashboard, accessible }) => {
  test.setTimeout(120_000);
  const district = await freshDistrict();
  const admin = await freshDistrictAdmin(district);
  await rosterNow(district.id);
  // Twelve of fourteen students gone from Clever's roster at once: 86%.
  const gone = await studentsCleverNoLongerLists(district.id, 12);
  await rosterNow(district.id);
  const active = async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "User" WHERE "cleverId" = ANY($1::text[]) AND "archivedAt" IS NULL`, [gone]))[0]?.n;
  expect(await active()).toBe(12);

  await instantLogin(page, admin, { waitForLanding: false });
  await page.waitForURL(isLanding);
  const held = adminDashboard.syncHeld;
  await expect(held).toBeVisible();
  await expect(adminDashboard.syncHeldCounts).toContainText("would archive 12 of 14 students (86%). None of them was archived.");
  await expect(held).toContainText(/Reference HOLD-[0-9A-Z]+/);
  await accessible();

  await adminDashboard.applyHeldButton.click();
  await expect(held).toBeHidden();
  expect(await active()).toBe(0);
  // The two students Clever still lists stay.
  expect(await query(`SELECT "archivedAt" FROM "User" WHERE "cleverId" = $1`, [district.student.id])).toEqual([{ archivedAt: null }]);
  await expect(adminDashboard.lastDistrictSync).toBeVisible();
});
