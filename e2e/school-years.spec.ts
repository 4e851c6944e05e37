// School years (ROLL-02, ROLL-03, ROLL-04, SS-Q15): at a rollover Clever
// takes last year's classes away in bulk, deletes their term and makes it
// again under a new ID, and shares the new classes (the local Clever's POST
// /sandbox/rollover, scoped to this teacher); the teacher finds the old ones
// under Past classes, read-only with their rosters and their term as they
// stood, the new ones in the new term, and a summary of what changed, told
// once. Fresh sandbox users keep parallel browsers apart.
import { fixtures, sandbox } from "./support/clever";
import { query, storedCleverIds } from "./support/db";
import { expect, test } from "./support/fixtures";
import { newId, snap, unique } from "./ui-support";

const daysFromNow = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10) + "T00:00:00.000Z";
const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
/** A class's term line as the app writes it (components/dashboard/school-year.tsx). */
const termLine = (term: { name?: unknown; start_date?: unknown; end_date?: unknown }) =>
  `Term: ${String(term.name)} · ${day.format(new Date(String(term.start_date)))} – ${day.format(new Date(String(term.end_date)))}`;

test("[ROLL-02] [ROLL-03] [ROLL-04] [SS-Q15] a teacher's school year rolls over in Clever: last year's classes move to Past classes with their rosters and their term, the new ones arrive in the term Clever made again under a new ID, and she is told once", async ({ page, dashboard, classes, signedInTeacher, accessible }, testInfo) => {
  const [ana, bo] = [newId(), newId()];
  for (const [id, first] of [[ana, "Ána"], [bo, "Bô"]] as const) {
    await sandbox.putData("students", id, { id, district: fixtures.district.id, school: fixtures.schoolElementary.id, name: { first, last: "Rollover" }, grade: "4" });
  }
  // This school year's term in the local Clever (its own, so parallel browsers stay apart).
  const term = { id: newId(), district: fixtures.district.id, name: unique("Full Year 2025–26"), start_date: daysFromNow(-100), end_date: daysFromNow(150) };
  await sandbox.putV3Only("terms", term.id, term);
  const teacher = await signedInTeacher("Rhoda", "Rollover", [
    { name: "Math 4 · 2025–26", subject: "math", grade: "4", students: [ana, bo], termId: term.id },
    { name: "Science 4 · 2025–26", subject: "science", grade: "4", students: [ana], termId: term.id },
  ]);
  await expect(dashboard.classCards).toHaveCount(2);
  await expect(dashboard.classCards.getByTestId("section-term")).toHaveText([termLine(term), termLine(term)]);

  // The summer in the local Clever: her classes go in bulk (Clever deletes
  // them), their term is deleted and made again for the next year under a
  // new ID, and this year's classes arrive in it. Scoped to her: the suites
  // running beside this one share the district. (The local Clever's clock is
  // shared too, so it stays put: the new term's dates are a year on.)
  const rolled = await sandbox.rollover({
    district_id: fixtures.district.id,
    teacher_id: teacher.id,
    new_sections: (
      [
        ["Math 5 · 2026–27", "math"],
        ["Science 5 · 2026–27", "science"],
      ] as const
    ).map(([name, subject]) => ({ id: newId(), name, subject, grade: "5", teacher: teacher.id, teachers: [teacher.id], students: [ana], school: fixtures.schoolElementary.id, period: "1" })),
  });
  expect(rolled.sections.removed).toHaveLength(2);
  expect(rolled.terms.deleted).toEqual([term.id]);
  const [next] = rolled.terms.created;
  if (!next) throw new Error("the rollover made no term");
  expect(next.id).not.toBe(term.id);
  expect(next.name).toBe(term.name.replace("2025–26", "2026–27"));

  // Back in the fall, her sync brings the new year, and says what changed.
  await dashboard.goto();
  await dashboard.sync();
  await expect(dashboard.rolloverSummary).toHaveText("2 classes from last year moved to Past classes; 2 new classes from Clever.");
  await expect(dashboard.classCards).toHaveText([/Math 5 · 2026–27/, /Science 5 · 2026–27/]);
  // The new classes are in the new term: its name and its dates, a year on.
  await expect(dashboard.classCards.getByTestId("section-term")).toHaveText([termLine(next), termLine(next)]);
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
  // Last year's classes keep last year's term.
  await expect(classes.pastClassItems).toHaveText([/^Math 4 · 2025–26\s*Term: .*2 students · past since/, /^Science 4 · 2025–26\s*Term: .*1 student · past since/]);
  await expect(classes.pastClasses.getByTestId("section-term")).toHaveText([termLine(term), termLine(term)]);
  // Nothing duplicated: four classes in all, each term once (the old one kept for its classes).
  expect(await query<{ name: string; n: string }>(`SELECT s.name, count(*)::text AS n FROM "Section" s JOIN "SectionTeacher" t ON t."sectionId" = s.id JOIN "User" u ON u.id = t."teacherId" WHERE u."cleverId" = ANY($1) GROUP BY s.name ORDER BY s.name`, [storedCleverIds(teacher.id)])).toEqual(
    ["Math 4 · 2025–26", "Math 5 · 2026–27", "Science 4 · 2025–26", "Science 5 · 2026–27"].map((name) => ({ name, n: "1" })),
  );
  expect(await query<{ id: string }>(`SELECT id FROM "Term" WHERE id = ANY($1) ORDER BY name`, [[term.id, next.id]])).toEqual([{ id: term.id }, { id: next.id }]);
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
