// The importing state (LIG-03, LIB-R03; issue #13): from the Clever login until
// the first sync has written the classes, every page says "Importing your
// classes from Clever…" (the sync's running SyncRun row), never "No classes
// yet", however long Clever takes; then the classes appear by themselves.
import type { Page } from "@playwright/test";
import { sandbox } from "./support/clever";
import { apiPath } from "./support/clever-api";
import { query, storedCleverIds } from "./support/db";
import { expect, test } from "./support/fixtures";
import { cleverLogin, freshTeacher } from "./ui-support";

interface Run {
  outcome: string;
  startedAt: Date;
  finishedAt: Date | null;
}

/** The teacher's latest sync run. */
async function latestRun(cleverId: string): Promise<Run | undefined> {
  const rows = await query<Run>(
    `SELECT r.outcome::text AS outcome, r."startedAt", r."finishedAt" FROM "SyncRun" r JOIN "User" u ON u.id = r."userId"
     WHERE u."cleverId" = ANY($1) ORDER BY r."startedAt" DESC LIMIT 1`,
    [storedCleverIds(cleverId)],
  );
  return rows[0];
}

/** Loads `path` and says whether it showed the importing state; a load that
 * began and ended while the run was running must show it, and no load ever
 * says there are no classes. */
async function sample(page: Page, cleverId: string, path: string, empty: string): Promise<boolean> {
  const before = (await latestRun(cleverId))?.outcome;
  await page.goto(path);
  const importing = page.getByTestId("importing");
  await expect(importing.or(page.getByTestId(path === "/classes" ? "chooser-list" : "class-list")).first()).toBeVisible();
  const shown = await importing.isVisible();
  const after = (await latestRun(cleverId))?.outcome;
  if (before === "running" && after === "running") expect(shown, `${path} while the sync runs`).toBe(true);
  await expect(page.getByText(empty)).toHaveCount(0);
  return shown;
}

test("[LIG-03] [LIB-R03] a first sync slowed by Clever shows the importing state for its whole length, then the classes", async ({ page, onboarding, dashboard }) => {
  test.setTimeout(120_000);
  const teacher = await freshTeacher("Imke", "Slowsync", {
    district: true,
    sections: [
      { name: "Patient Physics", subject: "science", grade: "4", students: [] },
      { name: "Waiting Room Reading", subject: "english/language arts", grade: "4", students: [] },
    ],
  });
  // Clever answers this teacher's sections slowly, once (under the client's 15 s timeout).
  await sandbox.addFault({ path: apiPath.teacherSections(teacher.id), latencyMs: 12_000, times: 1 });
  await cleverLogin(page, teacher);
  // The login claimed its sync before the browser landed: the record is there from the start.
  expect((await latestRun(teacher.id))?.outcome).toBe("running");
  await onboarding.finish();

  // Both pages, opened while the sync runs, say "importing" (on a busy
  // machine the sync may end before the watching loop below starts).
  expect(await sample(page, teacher.id, "/classes", "Clever hasn't shared any classes with you yet.")).toBe(true);
  expect(await sample(page, teacher.id, "/dashboard", "No classes yet")).toBe(true);
  // From here the dashboard re-renders itself from the server every few
  // seconds (no navigation of ours racing its refreshes): it must say
  // "importing" whenever the run is running, and never "No classes yet".
  for (;;) {
    const before = (await latestRun(teacher.id))?.outcome;
    if (before !== "running") break;
    const visible = await dashboard.importing.isVisible();
    const after = (await latestRun(teacher.id))?.outcome;
    if (after === "running") {
      expect(visible, "/dashboard while the sync runs").toBe(true);
    }
    await expect(page.getByText("No classes yet")).toHaveCount(0);
    await page.waitForTimeout(500);
  }
  const run = await latestRun(teacher.id);
  expect(run?.outcome).toBe("succeeded");
  // The whole slow sync was watched, and the importing state was on screen throughout.
  expect((run?.finishedAt?.getTime() ?? 0) - (run?.startedAt.getTime() ?? 0)).toBeGreaterThanOrEqual(10_000);

  // Then the page refreshes itself into the classes: no reload, no extra wait.
  await expect(dashboard.classCards).toHaveCount(2, { timeout: 10_000 });
  await expect(dashboard.importing).toHaveCount(0);
  await expect(dashboard.classList).toContainText("Patient Physics");
  await expect(dashboard.lastSynced).toContainText("Last synced");
});
