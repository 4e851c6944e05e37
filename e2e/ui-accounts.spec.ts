// Existing accounts: email + password sign-up/sign-in, linking one at a
// teacher's first Clever login, a student's "Merge my accounts", and the
// refusal when the other account belongs to another Clever user.
import type { Page, TestInfo } from "@playwright/test";
import { allHandles } from "../sandbox/fixtures";
import { query, storedCleverIds, storedSessionToken } from "./support/db";
import { expect, test } from "./support/fixtures";
import { AccountLinkForm, PasswordSignUpPage } from "./support/pages/accounts";
import { sessionToken } from "./support/session";
import { cleverLogin, expectAccessible, freshLibraryStudent, freshTeacher, newId, snap, unique, waitForSync } from "./ui-support";

const libraryStudents = allHandles.filter((h) => h.key.startsWith("libraryStudent:")).map((h) => h.id);
const PASSWORD = "correct-horse-42";

interface AccountRow {
  id: string;
  cleverId: string | null;
  createdAt: Date;
  subjects: string[];
  passwordHash: string | null;
  email: string | null;
}

async function accountByEmail(email: string): Promise<AccountRow | undefined> {
  const rows = await query<AccountRow>(`SELECT id, "cleverId", "createdAt", subjects, "passwordHash", email FROM "User" WHERE email = $1`, [email]);
  return rows[0];
}

async function signUp(page: Page, name: string, email: string, role: "Teacher" | "Student", testInfo?: TestInfo) {
  const form = new PasswordSignUpPage(page);
  await form.goto();
  await expectAccessible(page);
  if (testInfo) await snap(page, testInfo, "signup-password");
  await form.create(name, email, PASSWORD, role);
}

test("[security] the demo password account (seeded) signs in with email and password, and a wrong password is refused", async ({ page, banner }, testInfo) => {
  await page.goto("/login/password");
  await expectAccessible(page);
  await snap(page, testInfo, "login-password");
  await page.getByLabel("Email").fill("ben.ortiz@sandbox.example");
  await page.getByLabel("Password").fill("wrong-password-000");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(new AccountLinkForm(page).mismatch).toBeVisible();
  await page.getByLabel("Password").fill("demo-password-123");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
  await expect(banner.root).toContainText("Ben Ortiz");
});

test("[SS-02] [LIB-07] [LIG-08] [SYNC-02] a teacher links an existing password account at first Clever login, keeping both accounts' data", async ({ page, onboarding, dashboard, banner, accessible }, testInfo) => {
  test.setTimeout(120_000);
  const email = `${unique("maria")}@example.com`;
  await signUp(page, "María Password", email, "Teacher");
  // The password account has data of its own: onboarding answers.
  await page.waitForURL((url) => url.pathname === "/onboarding");
  await onboarding.subject("Arts & music").check();
  await onboarding.nameUnlistedSchool("Escuela Propia");
  await onboarding.submit();
  const before = await accountByEmail(email);
  expect(before?.subjects).toContain("arts and music");
  await banner.logOut();

  const teacher = await freshTeacher("María", "Clever", {
    sections: [{ name: "Synced From Clever", subject: "science", grade: "4", students: libraryStudents.slice(0, 2) }],
  });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await onboarding.linkExistingLink.click();
  await accessible();
  await snap(page, testInfo, "onboarding-link");
  const link = new AccountLinkForm(page);
  await link.fill(email, "not-the-password");
  await link.linkButton.click();
  await expect(link.mismatch).toBeVisible();
  // The form keeps the email it was sent: only the password is typed again.
  await link.password.fill(PASSWORD);
  await link.linkButton.click();
  await page.waitForURL((url) => url.pathname === "/dashboard");

  // One account: the password account's id and creation time, now with the Clever ID and the synced class.
  const after = await accountByEmail(email);
  expect(after?.id).toBe(before?.id);
  expect(after?.createdAt).toEqual(before?.createdAt);
  expect(storedCleverIds(teacher.id)).toContain(after?.cleverId);
  expect(after?.passwordHash).toBe(before?.passwordHash);
  expect(after?.subjects).toEqual(expect.arrayContaining(["arts and music"]));
  expect(await query(`SELECT id FROM "User" WHERE "cleverId" = ANY($1)`, [storedCleverIds(teacher.id)])).toHaveLength(1);
  await expect(dashboard.card("Synced From Clever")).toBeVisible();

  // Next Clever login opens the same account, with no question.
  await banner.logOut();
  await cleverLogin(page, teacher);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(banner.root).toContainText("Escuela Propia");
});

test("[LIG-09] a student merges a Clever account with a password account from the profile page", async ({ page, browser, studentDashboard, banner, accessible }, testInfo) => {
  test.setTimeout(120_000);
  const email = `${unique("kai")}@example.com`;
  await signUp(page, "Kai Password", email, "Student", testInfo);
  await expect(studentDashboard.empty).toBeVisible();
  const before = await accountByEmail(email);
  await banner.logOut();

  const { student, teacher } = await freshLibraryStudent("Kai", unique("Merge"));
  // The student's class comes from the teacher's sync.
  const teacherContext = await browser.newContext();
  await cleverLogin(await teacherContext.newPage(), teacher);
  await waitForSync(teacher.id);
  await teacherContext.close();
  await cleverLogin(page, student);
  await waitForSync(student.id);
  await page.getByRole("link", { name: "Profile" }).click();
  await accessible();
  await snap(page, testInfo, "profile");
  await new AccountLinkForm(page).fill(email, PASSWORD);
  await new AccountLinkForm(page).mergeButton.click();
  await page.waitForURL((url) => url.pathname === "/profile");
  await expect(page.getByText("Your accounts are merged.")).toBeVisible();
  await expect(page.getByTestId("sign-in-methods")).toHaveText("Clever and Email and password");

  const after = await accountByEmail(email);
  expect(after?.id).toBe(before?.id);
  expect(after?.cleverId).toBe(student.id);
  const enrollments = await query(`SELECT 1 FROM "Enrollment" WHERE "studentId" = $1`, [after?.id]);
  expect(enrollments.length).toBeGreaterThan(0);
  await page.getByRole("link", { name: "My classes" }).click();
  await expect(studentDashboard.classes).toContainText(`Class of Kai`);
});

test("[LIG-09] [LIB-07] merging is refused when the other account already has a different Clever ID", async ({ page, banner }) => {
  const email = `${unique("taken")}@example.com`;
  await signUp(page, "Taken Student", email, "Student");
  await banner.logOut();
  const otherCleverId = newId();
  await query(`UPDATE "User" SET "cleverId" = $1 WHERE email = $2`, [otherCleverId, email]);

  const { student } = await freshLibraryStudent("Rafa", unique("Refused"));
  await cleverLogin(page, student);
  await page.goto("/profile");
  await new AccountLinkForm(page).fill(email, PASSWORD);
  await new AccountLinkForm(page).mergeButton.click();
  await expect(page.getByRole("status").filter({ hasText: "already connected to a different Clever login" })).toBeVisible();
  expect((await accountByEmail(email))?.cleverId).toBe(otherCleverId);
  expect(await query(`SELECT id FROM "User" WHERE "cleverId" = ANY($1)`, [storedCleverIds(student.id)])).toHaveLength(1);
});

test("[security] merge without a fresh Clever login is refused; Confirm with Clever makes it possible", async ({ page, context, banner, accessible }) => {
  test.setTimeout(120_000);
  const email = `${unique("lu")}@example.com`;
  await signUp(page, "Lu Password", email, "Student");
  // A password session alone never offers the merge form.
  await page.goto("/profile");
  await expect(page.getByTestId("confirm-with-clever")).toBeVisible();
  await expect(new AccountLinkForm(page).password).toHaveCount(0);
  await banner.logOut();

  const { student } = await freshLibraryStudent("Lu", unique("Stale"));
  await cleverLogin(page, student);
  await page.goto("/profile");
  await new AccountLinkForm(page).fill(email, PASSWORD);
  // The device is left alone: the Clever login grows older than the limit.
  await query(`UPDATE "Session" SET "cleverLoginAt" = now() - interval '10 minutes' WHERE "sessionToken" = $1`, [storedSessionToken(await sessionToken(context))]);
  await new AccountLinkForm(page).mergeButton.click();
  await expect(page.getByTestId("confirm-with-clever")).toContainText("confirm with Clever again");
  await expect(new AccountLinkForm(page).password).toHaveCount(0);
  expect((await accountByEmail(email))?.cleverId).toBeNull();
  await accessible();

  await page.getByRole("button", { name: "Confirm with Clever" }).click();
  await page.waitForURL((url) => url.pathname === "/profile");
  await new AccountLinkForm(page).fill(email, PASSWORD);
  await new AccountLinkForm(page).mergeButton.click();
  await expect(page.getByText("Your accounts are merged.")).toBeVisible();
  expect((await accountByEmail(email))?.cleverId).toBe(student.id);
});

/** A student the roster sync created: a Clever ID and Clever's email, no password. */
async function syncedStudentWithEmail(): Promise<string> {
  const email = `${unique("pupil")}@students.sandbox.example`;
  await query(`INSERT INTO "User" (id, "cleverId", email, role, name, "updatedAt") VALUES ($1, $2, $3, 'student', 'Synced Pupil', now())`, [`synced-${newId()}`, newId(), email]);
  return email;
}

test("[security] sign-up never tells a stranger that a Clever student's email exists", async ({ page }) => {
  const email = await syncedStudentWithEmail();
  await signUp(page, "Someone Else", email, "Teacher");
  // A separate password account; the student's row is untouched.
  const rows = await query<{ cleverId: string | null; loginEmail: string | null; passwordHash: string | null }>(`SELECT "cleverId", "loginEmail", "passwordHash" FROM "User" WHERE email = $1 ORDER BY "createdAt"`, [email]);
  expect(rows).toHaveLength(2);
  expect(rows[0]).toMatchObject({ loginEmail: null, passwordHash: null });
  expect(rows[1]).toMatchObject({ cleverId: null, loginEmail: email });
});

test("[security] the settings page saves any contact email without saying whether someone else uses it", async ({ page, onboarding }) => {
  const email = await syncedStudentWithEmail();
  const teacher = await freshTeacher("Ines", unique("Contact"));
  await cleverLogin(page, teacher);
  await onboarding.finish("Boise");
  await page.goto("/settings");
  // Replace Clever's email by keyboard: Firefox has no text selection in
  // email inputs, so fill() would append to what is there.
  const box = page.getByLabel("Email (optional)");
  await box.press("ControlOrMeta+a");
  await box.press("Delete");
  await box.pressSequentially(email);
  await expect(box).toHaveValue(email);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByText("uses this email")).toHaveCount(0);
  const saved = await query<{ email: string | null; loginEmail: string | null }>(`SELECT email, "loginEmail" FROM "User" WHERE "cleverId" = ANY($1)`, [storedCleverIds(teacher.id)]);
  expect(saved).toEqual([{ email, loginEmail: null }]);
});
