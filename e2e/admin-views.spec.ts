// Administrators see their schools' classes and rosters, read-only (Clever:
// district and school admins log in and are treated like teachers with more
// access). A teacher's login sync brings their classes; a school admin of that
// school opens it, the class and its roster, and no other school's class, not
// even by URL; a district admin opens any class of the district. A teacher who
// is no admin gets no admin page. Fresh users and classes per test.
import type { Page } from "@playwright/test";
import { type FixtureHandle, fixtures, instantLogin, isLanding, sandbox } from "./support/clever";
import { query } from "./support/db";
import { expect, test } from "./support/fixtures";
import { AdminDashboardPage, adminClassPath as classPath, adminSchoolPath as schoolPath } from "./support/pages/admin";
import { cleverLogin, expectNoHorizontalScroll, freshTeacher, newId, snap, unique, waitForSync } from "./ui-support";

const elementary = fixtures.schoolElementary;
const high = fixtures.schoolHigh;

/** District students nobody else uses, at a school. */
async function freshStudents(schoolId: string, names: [string, string][]): Promise<string[]> {
  const ids = names.map(() => newId());
  for (const [i, id] of ids.entries()) {
    const [first, last] = names[i] ?? ["", ""];
    await sandbox.putData("students", id, { id, district: fixtures.district.id, school: schoolId, name: { first, last }, grade: "4" });
  }
  return ids;
}

interface SyncedClass {
  name: string;
  id: string;
  teacher: FixtureHandle;
}

/** A fresh district teacher at the school with one class, signed in once so
 * their login's sync stores it. */
async function syncedClass(page: Page, schoolId: string, className: string, students: string[]): Promise<SyncedClass> {
  const teacher = await freshTeacher("Tomás", unique("Teacher"), { district: true, school: schoolId, sections: [{ name: className, subject: "math", grade: "4", students }] });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  const rows = await query<{ id: string }>(`SELECT id FROM "Section" WHERE name = $1`, [className]);
  expect(rows, `section ${className}`).toHaveLength(1);
  return { name: className, id: rows[0]?.id ?? "", teacher };
}

/** A school admin of the elementary school nobody else uses. */
async function freshSchoolAdmin(first: string, last: string): Promise<FixtureHandle> {
  const id = newId();
  const email = `${first.toLowerCase()}.${id.slice(0, 8)}@sandbox.example`;
  await sandbox.putData("school_admins", id, { id, district: fixtures.district.id, schools: [elementary.id], name: { first, last }, email, title: "Principal" });
  return { key: `ui:${id}`, id, type: "school_admin", name: `${first} ${last}`, districtId: fixtures.district.id, email, tags: ["ui-test", "admin"] };
}

/** Signs an admin in, and waits for their school to be listed (their login's sync stores it). */
async function adminLogin(page: Page, admin: FixtureHandle, schoolName: string): Promise<void> {
  await instantLogin(page, admin, { waitForLanding: false });
  await page.waitForURL(isLanding);
  const schools = new AdminDashboardPage(page).schools;
  await expect(async () => {
    await page.reload();
    await expect(schools).toContainText(schoolName, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

async function expectNotFound(page: Page, path: string, hidden: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(hidden);
}

test("[IL-07] [district-rostering] a school admin opens their school's classes and a class's roster, read-only, and no other school's class", async ({ page, adminDashboard, adminSchool, accessible }, testInfo) => {
  test.setTimeout(120_000);
  // Names of their own: the local Clever's login pages list every user, and a
  // fixture's name twice would make another spec's button ambiguous.
  const tag = unique("").slice(1);
  const [polish, arabic, english] = [`Nowak ${tag}`, `سلمى ${tag}`, `Adams ${tag}`];
  const students = await freshStudents(elementary.id, [
    ["Łucja", polish],
    ["نور", arabic],
    ["Ben", english],
  ]);
  const mine = await syncedClass(page, elementary.id, unique("Fractions"), students);
  const theirs = await syncedClass(page, high.id, unique("Chemistry"), await freshStudents(high.id, [["Hana", `Sato ${tag}`]]));

  // A teacher who is no admin: no admin page, not even of their own school.
  await expectNotFound(page, schoolPath(high.id), "Chemistry");
  await expectNotFound(page, classPath(high.id, theirs.id), theirs.name);

  const admin = await freshSchoolAdmin("Paula", unique("Principal"));
  await adminLogin(page, admin, elementary.name);
  await expect(adminDashboard.role).toContainText("School administrator");
  await expect(adminDashboard.districtSync).toContainText(/not synced yet|Last synced/);
  await expect(adminDashboard.schools).not.toContainText(high.name);

  // Her school: its classes, each with subject, grade, period, teacher and students.
  await adminDashboard.openSchool(elementary.name);
  await expect(adminSchool.titled(elementary.name)).toBeVisible();
  await adminSchool.findClass(mine.name);
  const card = adminSchool.card(mine.name);
  await expect(card).toHaveCount(1);
  await expect(card).toContainText("Math");
  await expect(card).toContainText("Grade 4");
  await expect(card).toContainText("Period 1");
  await expect(card).toContainText("3 students");
  await expect(card).toContainText(mine.teacher.name);
  await accessible();

  // The class: its roster, searchable, with the teacher's roster page's rules.
  await card.getByRole("link", { name: mine.name }).click();
  await expect(adminSchool.titled(mine.name)).toBeVisible();
  await expect(adminSchool.classFacts).toContainText(mine.teacher.name);
  // By last name, as on the teacher's page; every name isolated (dir="auto").
  await expect(adminSchool.studentNames).toHaveCount(3);
  await expect(adminSchool.studentNames.first()).toHaveText(`Ben ${english}`);
  await expect(adminSchool.roster).toContainText(`نور ${arabic}`);
  await expect(adminSchool.studentNames.filter({ hasText: arabic })).toHaveAttribute("dir", "auto");
  await adminSchool.searchStudents("łucja");
  await expect(adminSchool.rosterCount).toHaveText("(1 matching “łucja”)");
  await expect(adminSchool.studentNames).toHaveText([`Łucja ${polish}`]);
  // Read-only: no sync button, no class chooser.
  await expect(page.getByRole("button", { name: "Sync my classes" })).toHaveCount(0);
  await accessible();
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoHorizontalScroll(page);
  await snap(page, testInfo, "admin-class-roster");

  // Another school's class, its school, or that class under her school: not found.
  await expectNotFound(page, classPath(high.id, theirs.id), theirs.name);
  await expectNotFound(page, classPath(elementary.id, theirs.id), theirs.name);
  await expectNotFound(page, schoolPath(high.id), theirs.name);
});

test("[IL-07] [district-rostering] a district admin opens any class of the district, at any school", async ({ page, adminDashboard, adminSchool, accessible }) => {
  test.setTimeout(120_000);
  const tag = unique("").slice(1);
  const atElementary = await syncedClass(page, elementary.id, unique("Phonics"), await freshStudents(elementary.id, [["Noé", `Martin ${tag}`]]));
  const atHigh = await syncedClass(page, high.id, unique("Physics"), await freshStudents(high.id, [["Kai", `Lee ${tag}`], ["Zoë", `Brandt ${tag}`]]));

  await adminLogin(page, fixtures.districtAdmin, high.name);
  await expect(adminDashboard.role).toContainText("District administrator");
  await expect(adminDashboard.districtSync).toContainText(/not synced yet|Last synced/);

  // By the school's page: the high school's class and its roster.
  await adminDashboard.openSchool(high.name);
  await adminSchool.findClass(atHigh.name);
  await adminSchool.classCards.getByRole("link", { name: atHigh.name }).click();
  await expect(adminSchool.titled(atHigh.name)).toBeVisible();
  await expect(adminSchool.studentNames).toHaveText([`Zoë Brandt ${tag}`, `Kai Lee ${tag}`]);
  await accessible();

  // By URL: the elementary school's class.
  await page.goto(classPath(elementary.id, atElementary.id));
  await expect(adminSchool.titled(atElementary.name)).toBeVisible();
  await expect(adminSchool.studentNames).toHaveText([`Noé Martin ${tag}`]);
  await adminSchool.breadcrumb.getByRole("link", { name: elementary.name }).click();
  await expect(adminSchool.titled(elementary.name)).toBeVisible();

  // A class that is not the school's in the URL: not found.
  await expectNotFound(page, classPath(high.id, atElementary.id), atElementary.name);
});
