// School years (ROLL-02, ROLL-04, SS-Q15): at a rollover Clever takes last
// year's classes away in bulk and shares the new ones; the teacher finds the
// old ones under Past classes, read-only with their rosters as they stood,
// the new ones marked new, and a summary of what changed, told once. Fresh
// sandbox users keep parallel browsers apart.
import { fixtures, sandbox } from "./support/clever";
import { query, storedCleverIds } from "./support/db";
import { expect, test } from "./support/fixtures";
import { newId, snap } from "./ui-support";

test("[ROLL-02] [ROLL-04] [SS-Q15] a teacher's school year rolls over in Clever: last year's classes move to Past classes with their rosters, the new ones arrive, and she is told once", async ({ page, dashboard, classes, signedInTeacher, accessible }, testInfo) => {
  const [ana, bo] = [newId(), newId()];
  for (const [id, first] of [[ana, "Ána"], [bo, "Bô"]] as const) {
    await sandbox.putData("students", id, { id, district: fixtures.district.id, school: fixtures.schoolElementary.id, name: { first, last: "Rollover" }, grade: "4" });
  }
  const teacher = await signedInTeacher("Rhoda", "Rollover", [
    { name: "Math 4 · 2025–26", subject: "math", grade: "4", students: [ana, bo] },
    { name: "Science 4 · 2025–26", subject: "science", grade: "4", students: [ana] },
  ]);
  await expect(dashboard.classCards).toHaveCount(2);

  // The summer in the local Clever: last year's classes go in bulk (as
  // Clever's rollover deletes them), and this year's arrive. (The local
  // Clever's clock is shared by the parallel suites, so it stays put.)
  const old = await query<{ id: string }>(
    `SELECT t."sectionId" AS id FROM "SectionTeacher" t JOIN "User" u ON u.id = t."teacherId" WHERE u."cleverId" = ANY($1)`,
    [storedCleverIds(teacher.id)],
  );
  expect(old).toHaveLength(2);
  for (const section of old) await sandbox.deleteData("sections", section.id);
  for (const [name, subject] of [["Math 5 · 2026–27", "math"], ["Science 5 · 2026–27", "science"]] as const) {
    const id = newId();
    await sandbox.putData("sections", id, { id, name, subject, grade: "5", teacher: teacher.id, teachers: [teacher.id], students: [ana], district: fixtures.district.id, school: fixtures.schoolElementary.id, period: "1" });
  }

  // Back in the fall, her sync brings the new year, and says what changed.
  await dashboard.goto();
  await dashboard.sync();
  await expect(dashboard.rolloverSummary).toHaveText("2 classes from last year moved to Past classes; 2 new classes from Clever.");
  await expect(dashboard.classCards).toHaveText([/Math 5 · 2026–27/, /Science 5 · 2026–27/]);
  await accessible();
  await snap(page, testInfo, "rollover-summary");

  // Past classes: one click away, closed by default, never deleted.
  await dashboard.rolloverSummary.getByRole("link", { name: "Past classes" }).click();
  await page.waitForURL((url) => url.pathname === "/classes");
  // Told once: the chooser no longer says it.
  await expect(page.getByTestId("rollover-summary")).toHaveCount(0);
  await expect(classes.chooserItems).toHaveCount(2);
  await expect(classes.pastClassItems).toHaveCount(2);
  await expect(classes.pastClassItems.first()).not.toBeVisible();
  await classes.openPastClasses();
  await expect(classes.pastClassItems).toHaveText([/Math 4 · 2025–26\s*2 students · past since/, /Science 4 · 2025–26\s*1 student · past since/]);
  await accessible();

  // A past class reads as it stood: both students, nothing to sync.
  const pastClass = await classes.openPastClass("Math 4 · 2025–26");
  await expect(pastClass.heading).toHaveText("Math 4 · 2025–26");
  await expect(pastClass.pastNote).toContainText("A past class since");
  await expect(pastClass.studentNames).toHaveText(["Ána Rollover", "Bô Rollover"]);
  await expect(page.getByRole("button", { name: "Sync my classes" })).toHaveCount(0);
  await accessible();
  await snap(page, testInfo, "past-class");

  // The dashboard holds only this year's classes, and says nothing more.
  await dashboard.goto();
  await expect(dashboard.classCards).toHaveCount(2);
  await expect(dashboard.rolloverSummary).toHaveCount(0);
});
