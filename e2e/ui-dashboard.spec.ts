// Dashboards: zero sections (LIB-09), 12 sections and a 125-student roster on
// a phone (LIB-R10, LIB-R11), a student with several teachers (LIB-05, LIB-08),
// and authorization (a teacher sees only their own sections).
import { expect, test } from "@playwright/test";
import { allHandles, bigSectionStudents, fixtures } from "../sandbox/fixtures";
import { sandbox } from "./support/clever";
import { cleverLogin, expectAccessible, expectNoHorizontalScroll, finishOnboarding, freshTeacher, newId, snap, unique, waitForSync } from "./ui-support";
import { apiPath } from "./support/clever-api";

const roster = allHandles.filter((h) => h.key.startsWith("roster:")).map((h) => h.id);
const subjects = ["english/language arts", "math", "science", "social studies", "language", "homeroom/advisory", "interventions/online learning", "technology and engineering", "PE and health", "arts and music", "other", "math"];
const grades = ["Kindergarten", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"];

test("[LIB-09] a teacher with zero sections sees what to do next", async ({ page }, testInfo) => {
  const teacher = await freshTeacher("Zed", "Nosections");
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await finishOnboarding(page, "Boise");
  await expect(page.getByTestId("empty-state")).toContainText("No classes yet");
  await expect(page.getByTestId("empty-state")).toContainText("Sync my classes");
  await expect(page.getByRole("button", { name: "Sync my classes" })).toBeVisible();
  await expectAccessible(page);
  await snap(page, testInfo, "dashboard-empty");
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("[LIB-R10] [LIB-R11] [LIB-R12] [SYNC-03] 12 sections and a 125-student roster stay usable", async ({ page }, testInfo) => {
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
    const teacher = await freshTeacher("Marisol", "Ñañez", { district: true, sections });
    await cleverLogin(page, teacher);
    await waitForSync(teacher.id);
    await finishOnboarding(page);
    await expect(page.getByTestId("class-card")).toHaveCount(12);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await snap(page, testInfo, "dashboard-12-sections");

    // Find a class, open its roster preview, then the full roster.
    await page.getByLabel("Find a class").fill("Grande");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("class-card")).toHaveCount(1);
    const big = page.getByTestId("class-card").first();
    await expect(big).toContainText("125 students");
    await big.locator("summary").click();
    await big.getByRole("link", { name: /Open the full roster \(125\)/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Biology 9 — Sección Grande");
    await expect(page.getByTestId("student-name")).toHaveCount(25);
    await expect(page.getByTestId("page-status")).toHaveText("Page 1 of 5");
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await snap(page, testInfo, "roster-125");
    await page.getByRole("link", { name: "Next page" }).click();
    await expect(page.getByTestId("page-status")).toHaveText("Page 2 of 5");

    await page.getByLabel("Search students").fill("Castillo");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByTestId("roster-count")).toContainText("25 matching");
    await expect(page.getByTestId("student-name").first()).toContainText("Castillo");
    await page.getByLabel("Sort by").selectOption("first");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByTestId("student-name").first()).toHaveText(/^Aiden .*Castillo$/);

    // Very long, right-to-left and emoji names wrap without widening the page.
    await page.goto("/dashboard");
    const second = page.getByTestId("class-card").nth(1);
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

test("[LIB-08] [LIB-05] a student with several teachers sees all of them", async ({ page }, testInfo) => {
  await cleverLogin(page, fixtures.studentMultiTeacher);
  await waitForSync(fixtures.studentMultiTeacher.id);
  await page.reload();
  const teachers = page.getByTestId("teacher-list");
  for (const name of ["Marcus Bell", "Ava Lee", "Ben Ortiz", "Chloe Park"]) await expect(teachers).toContainText(name);
  await expect(page.getByTestId("student-classes")).toContainText("Math 3");
  await expect(page.getByTestId("student-classes")).toContainText("Team-Taught Science 5");
  await expectAccessible(page);
  await snap(page, testInfo, "dashboard-student");
});

test("a teacher may only open their own sections (404 otherwise)", async ({ page }) => {
  const teacher = await freshTeacher("Pia", "Own", { district: true, sections: [{ name: "Mine", subject: "math", grade: "3", students: roster.slice(0, 2) }] });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await finishOnboarding(page);
  const response = await page.goto(`/dashboard/sections/${fixtures.sectionBig.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Biology 9");
});

test("[LIG-04] [LIB-05] [LIB-Q4] right after login the dashboard says the classes are being imported, then shows them", async ({ page }) => {
  test.setTimeout(90_000);
  // A district student: their classes come with the district token at login.
  const id = newId();
  await sandbox.putData("students", id, { id, district: fixtures.district.id, school: fixtures.schoolElementary.id, name: { first: "Sol", last: "Slowimport" }, grade: "4" });
  await freshTeacher("Tia", unique("Teacher"), { district: true, sections: [{ name: "Class of Sol", subject: "math", grade: "4", students: [id] }] });
  const student = { key: `ui:${id}`, id, type: "student" as const, name: "Sol Slowimport", districtId: fixtures.district.id, email: null, tags: ["ui-test"] };
  // Clever answers this student's sections slowly, once (under the client's timeout).
  await sandbox.addFault({ path: apiPath.studentSections(student.id), latencyMs: 12_000, times: 1 });
  await cleverLogin(page, student);
  await expect(page.getByTestId("importing")).toHaveText("Importing your classes from Clever…");
  // The page refreshes itself until the import is done.
  await expect(page.getByTestId("student-classes")).toContainText("Class of Sol", { timeout: 45_000 });
  await expect(page.getByTestId("importing")).toHaveCount(0);
});
