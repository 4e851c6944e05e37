// Dashboards: zero sections (LIB-09), 12 sections and a 125-student roster on
// a phone (LIB-R10, LIB-R11), a student with several teachers (LIB-05, LIB-08),
// and authorization (a teacher sees only their own sections).
import { allHandles, bigSectionStudents, fixtures } from "../sandbox/fixtures";
import { sandbox } from "./support/clever";
import { apiPath } from "./support/clever-api";
import { expect, test } from "./support/fixtures";
import { cleverLogin, expectNoHorizontalScroll, freshStudent, freshTeacher, snap, unique } from "./ui-support";

const roster = allHandles.filter((h) => h.key.startsWith("roster:")).map((h) => h.id);
const subjects = ["english/language arts", "math", "science", "social studies", "language", "homeroom/advisory", "interventions/online learning", "technology and engineering", "PE and health", "arts and music", "other", "math"];
const grades = ["Kindergarten", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"];

test("[LIB-09] a teacher with zero sections sees what to do next", async ({ page, signedInLibraryTeacher, dashboard, accessible }, testInfo) => {
  await signedInLibraryTeacher("Zed", "Nosections", "Boise");
  await expect(dashboard.emptyState).toContainText("No classes yet");
  await expect(dashboard.emptyState).toContainText("Sync my classes");
  await expect(dashboard.syncButton).toBeVisible();
  await accessible();
  await snap(page, testInfo, "dashboard-empty");
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("[LIB-R10] [LIB-R11] [LIB-R12] [SYNC-03] 12 sections and a 125-student roster stay usable", async ({ page, signedInTeacher, dashboard, classPage, accessible }, testInfo) => {
    test.setTimeout(120_000);
    const sections = subjects.map((subject, i) => ({
      name: i === 0 ? "Biology 9 — Sección Grande" : `Class ${i + 1} ${subject}`,
      subject,
      grade: grades[i],
      students:
        i === 0
          ? bigSectionStudents.map((s) => s.id)
          : i === 1
            ? [fixtures.studentLongName.id, fixtures.studentArabic.id, fixtures.studentEmoji.id, fixtures.studentNfd.id]
            : roster.slice(i, i + 3),
    }));
    await signedInTeacher("Marisol", "Ñañez", sections);
    await expect(dashboard.classCards).toHaveCount(12);
    await expectNoHorizontalScroll(page);
    await accessible();
    await snap(page, testInfo, "dashboard-12-sections");

    // Find a class, open its roster preview, then the full roster.
    await page.getByLabel("Find a class").fill("Grande");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(dashboard.classCards).toHaveCount(1);
    const big = dashboard.classCards.first();
    await expect(big).toContainText("125 students");
    await big.locator("summary").click();
    await big.getByRole("link", { name: /Open the full roster \(125\)/ }).click();
    await expect(classPage.heading).toHaveText("Biology 9 — Sección Grande");
    await expect(page.getByTestId("student-name")).toHaveCount(25);
    await expect(page.getByTestId("page-status")).toHaveText("Page 1 of 5");
    await expectNoHorizontalScroll(page);
    await accessible();
    await snap(page, testInfo, "roster-125");
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page.getByTestId("page-status")).toHaveText("Page 2 of 5");

    await page.getByLabel("Search students").fill("Castillo");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(classPage.rosterCount).toContainText("25 matching");
    await expect(page.getByTestId("student-name").first()).toContainText("Castillo");
    await page.getByLabel("Sort by").selectOption("first");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByTestId("student-name").first()).toHaveText(/^Aiden .*Castillo$/);

    // Very long, right-to-left and emoji names wrap without widening the page.
    await dashboard.goto();
    const second = dashboard.classCards.nth(1);
    await second.locator("summary").click();
    await second.getByRole("link", { name: /Open the full roster/ }).click();
    await expect(page.getByTestId("student-name").filter({ hasText: "ليلى" })).toHaveAttribute("dir", "auto");
    await expect(page.getByTestId("student-name").filter({ hasText: "Maximiliana" })).toBeVisible();
    await expect(page.getByTestId("student-name").filter({ hasText: "Sunny 🌞" })).toBeVisible();
    await expect(page.getByTestId("student-name").filter({ hasText: "Rene\u0301e" })).toBeVisible();
    await expectNoHorizontalScroll(page);
    await snap(page, testInfo, "roster-long-names");
  });
});

test("[LIB-08] [LIB-05] a student with several teachers sees all of them", async ({ page, signInStudent, studentDashboard, accessible }, testInfo) => {
  await signInStudent(fixtures.studentMultiTeacher);
  for (const name of ["Marcus Bell", "Ava Lee", "Ben Ortiz", "Chloe Park"]) await expect(studentDashboard.teachers).toContainText(name);
  await expect(studentDashboard.classes).toContainText("Math 3");
  await expect(studentDashboard.classes).toContainText("Team-Taught Science 5");
  await accessible();
  await snap(page, testInfo, "dashboard-student");
});

test("a teacher may only open their own sections (404 otherwise)", async ({ page, signedInTeacher }) => {
  await signedInTeacher("Pia", "Own", [{ name: "Mine", subject: "math", grade: "3", students: roster.slice(0, 2) }]);
  const response = await page.goto(`/dashboard/sections/${fixtures.sectionBig.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Biology 9");
});

test("[LIG-04] [LIB-05] [LIB-Q4] right after login the dashboard says the classes are being imported, then shows them", async ({ page, studentDashboard }) => {
  test.setTimeout(90_000);
  // A district student: their classes come with the district token at login.
  const student = await freshStudent("Sol", "Slowimport");
  await freshTeacher("Tia", unique("Teacher"), { district: true, sections: [{ name: "Class of Sol", subject: "math", grade: "4", students: [student.id] }] });
  // Clever answers this student's sections slowly, once (under the client's timeout).
  await sandbox.addFault({ path: apiPath.studentSections(student.id), latencyMs: 12_000, times: 1 });
  await cleverLogin(page, student);
  await expect(studentDashboard.importing).toHaveText("Importing your classes from Clever…");
  // The page refreshes itself until the import is done.
  await expect(studentDashboard.classes).toContainText("Class of Sol", { timeout: 45_000 });
  await expect(studentDashboard.importing).toHaveCount(0);
});
