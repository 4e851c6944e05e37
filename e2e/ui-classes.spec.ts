// The class chooser (LIB-R07, LIB-Q3), the rosters note (LIB-R03), no class
// codes (LIB-R08) and friendly labels (LIG-11).
import { allHandles, fixtures } from "../sandbox/fixtures";
import { expect, test } from "./support/fixtures";
import { snap, unique, waitForSync } from "./ui-support";

const roster = allHandles.filter((h) => h.key.startsWith("roster:")).map((h) => h.id);

test("[LIB-R07] [LIB-Q3] [LIB-R09] a teacher hides a class; the choice survives a sync and new classes are marked", async ({ page, signedInTeacher, dashboard, classes, accessible }, testInfo) => {
  test.setTimeout(120_000);
  const teacher = await signedInTeacher("Iris", "Vega", [
    { name: "Algebra I", subject: "math", grade: "9", students: roster.slice(0, 3), coTeachers: [fixtures.coTeacherA.id] },
    { name: "Biology", subject: "science", grade: "10", students: roster.slice(3, 6) },
    { name: "Art Studio", subject: "arts and music", grade: "9", students: roster.slice(6, 8) },
  ]);
  await dashboard.chooseClassesLink.click();
  await expect(classes.chooserItems).toHaveCount(3);
  await expect(classes.item("New")).toHaveCount(3);
  await expect(classes.item("Algebra I")).toContainText("Co-teachers: Ava Lee");
  await expect(classes.item("Algebra I")).toContainText("3 students");
  await accessible();
  await snap(page, testInfo, "classes");

  // Filter by subject, then by grade.
  await classes.subject.selectOption({ label: "Math" });
  await classes.filterButton.click();
  await expect(classes.chooserItems).toHaveCount(1);
  await classes.subject.selectOption({ label: "All subjects" });
  await classes.grade.selectOption({ label: "Grade 9" });
  await classes.filterButton.click();
  await expect(classes.chooserItems).toHaveCount(2);
  await expect(page).toHaveURL(/grade=9/);
  // The filter is a plain GET form: a full page load that must finish before
  // the next navigation (Firefox reports the overlap as an interrupted goto).
  await page.waitForLoadState("load");

  const biology = classes.item("Biology");
  await classes.goto();
  await biology.getByRole("button", { name: "Hide Biology" }).click();
  await expect(biology.getByTestId("choice-state")).toHaveText("Hidden");
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(dashboard.classCards).toHaveCount(2);
  await expect(dashboard.card("Biology")).toHaveCount(0);

  // A sync (the button) changes nothing about the choice.
  await dashboard.syncButton.click();
  await expect(dashboard.syncStatus).not.toBeEmpty();
  await waitForSync(teacher.id, 2);
  await classes.goto();
  await expect(biology.getByTestId("choice-state")).toHaveText("Hidden");
  // Seen once: no longer "New".
  await expect(classes.item("New")).toHaveCount(0);
  await biology.getByRole("button", { name: "Show Biology" }).click();
  await expect(biology.getByTestId("choice-state")).toHaveText("On your dashboard");
});

test("[LIB-R07] [LIB-Q3] [bug] a Library teacher with a class without a grade sees all their classes until they filter", async ({ page, signedInLibraryTeacher, dashboard, classes }) => {
  test.setTimeout(120_000);
  // Once, with no filter in the URL, a missing `grade` (or `subject`) meant
  // the "No grade" filter: this teacher saw only Free Reading.
  await signedInLibraryTeacher("Noor", unique("Ungraded"), "Chandler", [
    { name: "Fractions", subject: "math", grade: "5", students: [] },
    { name: "Ecosystems", subject: "science", grade: "5", students: [] },
    { name: "Free Reading", subject: "english/language arts", students: [] },
  ]);
  await dashboard.chooseClassesLink.click();
  await page.waitForURL((url) => url.pathname === "/classes" && url.search === "");
  await expect(classes.chooserItems).toHaveCount(3);
  await expect(classes.subject).toHaveValue("all");
  await expect(classes.grade).toHaveValue("all");

  // "No grade" is a choice of its own; an empty parameter is no filter.
  await classes.grade.selectOption({ label: "No grade" });
  await classes.filterButton.click();
  await expect(classes.chooserItems).toHaveCount(1);
  await expect(classes.chooserItems).toContainText("Free Reading");
  await page.waitForLoadState("load");
  await classes.goto("?subject=&grade=");
  await expect(classes.chooserItems).toHaveCount(3);
});

test("[LIB-R03] [LIB-R08] rosters are imported automatically from Clever; no class codes anywhere", async ({ page, signedInLibraryTeacher, dashboard, classes }) => {
  await signedInLibraryTeacher("Omar", "Haddad", "Chandler", [{ name: "Robotics", subject: "technology and engineering", grade: "7", students: [] }]);
  for (const where of [dashboard, classes]) {
    await where.goto();
    await expect(where.rostersNote).toContainText("imported automatically from Clever");
    await expect(page.locator("body")).not.toContainText(/class code|join code|enter a code/i);
  }
});

test("[LIG-11] subjects and grades from Clever's normalized values are shown with friendly labels", async ({ signedInTeacher, dashboard }) => {
  await signedInTeacher("Lena", "Fox", [
    { name: "K Reading", subject: "english/language arts", grade: "Kindergarten", students: roster.slice(0, 1) },
    { name: "Third Math", subject: "math", grade: "3", students: roster.slice(1, 2) },
    { name: "Band", subject: "arts and music", grade: "PreKindergarten", students: roster.slice(2, 3) },
  ]);
  const card = (name: string) => dashboard.card(name);
  await expect(card("K Reading").getByTestId("grade-label")).toHaveText("Kindergarten");
  await expect(card("K Reading").getByTestId("subject-label")).toHaveText("English & language arts");
  await expect(card("Third Math").getByTestId("grade-label")).toHaveText("Grade 3");
  await expect(card("Band").getByTestId("subject-label")).toHaveText("Arts & music");
  await expect(card("Band").getByTestId("grade-label")).toHaveText("Pre-K");
});
