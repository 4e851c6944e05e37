// A deployment that switches from Clever's v2.1 API to v3.1: the same build
// runs on v2.1 on a second port (the deployment before the switch), against
// the suite's database and local Clever; teachers sign in there and make
// their choices; `npm run clever:migrate-ids` maps their v2 IDs to v3 ones;
// then they sign in to the suite's v3.1 app and find the same accounts,
// classes and choices. Only the v3.1 run has this spec (playwright.config.ts).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Browser, Page } from "@playwright/test";
import { startServers, switchPorts, switchServers, testAppUrl, testPorts, testStackEnv } from "../scripts/lib/test-stack";
import { fixtures, isLanding, logInWithClever, sandbox } from "./support/clever";
import { query } from "./support/db";
import { ClassesPage, DashboardPage, expect, OnboardingPage, test } from "./support/fixtures";
import { signedInUserId } from "./support/session";
import { expectAccessible, freshTeacher, newId, unique } from "./ui-support";

const run = promisify(execFile);
const before = testAppUrl(switchPorts(testPorts()));
let stopBefore: (() => Promise<void>) | undefined;

test.beforeAll(async () => {
  stopBefore = await startServers(switchServers(testPorts(), process.env.DATABASE_URL ?? "", "v2.1"));
});
test.afterAll(async () => {
  await stopBefore?.();
});

/** Signs in on `appUrl` in a browser of its own; returns the page and the account it signed in to. */
async function signIn(browser: Browser, user: Parameters<typeof logInWithClever>[1], appUrl: string): Promise<{ page: Page; account: string }> {
  const page = await (await browser.newContext({ baseURL: appUrl })).newPage();
  await logInWithClever(page, user, { appUrl, waitForLanding: false });
  await page.waitForURL(isLanding);
  return { page, account: await signedInUserId(page.context()) };
}

test("[clever-today] a deployment switched from v2.1 to v3.1 with clever:migrate-ids keeps every account, class and choice", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const after = baseURL ?? "";
  const students = Array.from({ length: 4 }, () => newId());
  for (const [i, id] of students.entries()) {
    await sandbox.putData("students", id, { id, district: fixtures.district.id, school: fixtures.schoolElementary.id, name: { first: `Kid${i}`, last: "Switch" }, grade: "9" });
  }
  const coTeacher = await freshTeacher("Cole", unique("Reyes"), { district: true });
  const [algebra, biology] = [unique("Algebra"), unique("Biology")];
  const teacher = await freshTeacher("Tess", unique("Moreau"), {
    district: true,
    sections: [
      { name: algebra, subject: "math", grade: "9", students: students.slice(0, 2), coTeachers: [coTeacher.id] },
      { name: biology, subject: "science", grade: "10", students: students.slice(2) },
    ],
  });

  // Before the switch (v2.1): both teachers sign in; Tess hides Biology.
  const tess = await signIn(browser, teacher, before);
  await new OnboardingPage(tess.page).finish();
  const classes = new ClassesPage(tess.page);
  await expect(async () => {
    await classes.goto();
    await expect(classes.chooserItems).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await classes.item(biology).getByRole("button", { name: `Hide ${biology}` }).click();
  await expect(classes.item(biology).getByTestId("choice-state")).toHaveText("Hidden");
  const cole = await signIn(browser, coTeacher, before);
  const v2Rows = await query<{ id: string; cleverId: string }>(`SELECT id, "cleverId" FROM "User" WHERE id = ANY($1) ORDER BY id`, [[tess.account, cole.account]]);
  expect(v2Rows.map((row) => row.cleverId).sort()).toEqual([teacher.id, coTeacher.id].sort());

  // The switch: the operator maps every stored v2 ID to its v3 one.
  const env = { ...process.env, ...testStackEnv(testPorts(), { CLEVER_API_VERSION: "v3.1" }), DATABASE_URL: process.env.DATABASE_URL ?? "" };
  const migration = await run("npm", ["run", "--silent", "clever:migrate-ids"], { env, timeout: 60_000 });
  expect(migration.stdout).toMatch(/moved to their v3 ID: [1-9]/);
  // These two accounts were moved by it, before anyone signs in on v3.1 (a
  // v3.1 login alone would also find them, through the v2 ID as legacy ID).
  const migrated = await query<{ id: string; cleverId: string; cleverLegacyIds: string[] }>(`SELECT id, "cleverId", "cleverLegacyIds" FROM "User" WHERE id = ANY($1)`, [[tess.account, cole.account]]);
  expect(migrated).toHaveLength(2);
  for (const row of migrated) {
    const v2 = v2Rows.find((before) => before.id === row.id)?.cleverId;
    expect(row.cleverId).not.toBe(v2);
    expect(row.cleverLegacyIds).toContain(v2);
  }

  // After (v3.1, the suite's app): the same accounts, no onboarding again, Biology still hidden.
  const tessAfter = await signIn(browser, teacher, after);
  expect(tessAfter.account).toBe(tess.account);
  expect(new URL(tessAfter.page.url()).pathname).toBe("/dashboard");
  const dashboard = new DashboardPage(tessAfter.page);
  await expect(dashboard.classCards).toHaveCount(1);
  await expect(dashboard.classCards).toContainText(algebra);
  await expectAccessible(tessAfter.page);
  const coleAfter = await signIn(browser, coTeacher, after);
  expect(coleAfter.account).toBe(cole.account);

  // One row each, under the v3 ID, the v2 one kept; no duplicate anywhere.
  const rows = await query<{ id: string; cleverId: string; cleverLegacyIds: string[] }>(
    `SELECT id, "cleverId", "cleverLegacyIds" FROM "User" WHERE "cleverId" = ANY($1) OR "cleverLegacyIds" && $1`,
    [[teacher.id, coTeacher.id]],
  );
  expect(rows.map((row) => row.id).sort()).toEqual([tess.account, cole.account].sort());
  for (const row of rows) expect(row.cleverLegacyIds.length).toBeGreaterThan(0);
  // The co-teacher link of Algebra is still the two accounts.
  const teachers = await query<{ teacherId: string }>(
    `SELECT t."teacherId" FROM "SectionTeacher" t JOIN "Section" s ON s.id = t."sectionId" WHERE s.name = $1 AND t."archivedAt" IS NULL`,
    [algebra],
  );
  expect(teachers.map((t) => t.teacherId).sort()).toEqual([tess.account, cole.account].sort());
});
