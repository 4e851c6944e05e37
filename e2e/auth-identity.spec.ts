// Users are matched on Clever ID (LIB-06, DSSO-04); an email match is never
// applied silently; the banner shows who is signed in, names intact.
import { axeViolations } from "./support/axe";
import { fixtures, instantLogin, newLibraryTeacher } from "./support/clever";
import { query, storedCleverIds, userByCleverId } from "./support/db";
import { expect, test } from "./support/fixtures";
import { sessionToken, signedInUserId } from "./support/session";
import { cleverLogin, freshLibraryStudent, waitForSync } from "./ui-support";

test("[LIB-06] [DSSO-04] a second login finds the same user by Clever ID", async ({ page, context }) => {
  await instantLogin(page, "teacherUtf8");
  const firstToken = await sessionToken(context);
  const first = await signedInUserId(context);
  expect((await userByCleverId(fixtures.teacherUtf8.id))?.id).toBe(first);
  await instantLogin(page, "teacherUtf8");
  // A new session, so the second login really ran; the user it signed in is
  // the first one, not a replacement under the same Clever ID.
  expect(await sessionToken(context)).not.toBe(firstToken);
  expect(await signedInUserId(context)).toBe(first);
  expect((await userByCleverId(fixtures.teacherUtf8.id))?.id).toBe(first);
  // No OAuth token is ever stored in plain text in Account (anyone's row).
  expect(await query(`SELECT id FROM "Account" WHERE access_token IS NOT NULL OR refresh_token IS NOT NULL OR id_token IS NOT NULL`)).toEqual([]);
});

test("[SS-02] [LIB-06] a roster student the sync created before their first login is matched by Clever ID, not duplicated", async ({ page, context, browser, banner }) => {
  // Her teacher signs in first: that login's sync makes her row, with no account yet.
  const { student, teacher } = await freshLibraryStudent("Mia", "Rosterfirst");
  const teacherContext = await browser.newContext();
  await cleverLogin(await teacherContext.newPage(), teacher);
  await waitForSync(teacher.id);
  await teacherContext.close();
  const before = await query<{ id: string }>(`SELECT id FROM "User" WHERE "cleverId" = ANY($1)`, [storedCleverIds(student.id)]);
  expect(before).toHaveLength(1);
  // Nobody has signed in as her yet.
  expect(await query(`SELECT id FROM "Session" WHERE "userId" = $1`, [before[0]?.id])).toEqual([]);

  await instantLogin(page, student);
  await expect(banner.name).toHaveText("Mia Rosterfirst");
  // The login signed in the sync's row itself, and made no other.
  expect(await signedInUserId(context)).toBe(before[0]?.id);
  expect(await query(`SELECT id FROM "User" WHERE "cleverId" = ANY($1)`, [storedCleverIds(student.id)])).toEqual(before);
});

test("[SS-02] [DSSO-04] [LIB-06] an existing account with the same email is never linked automatically", async ({ page, banner }) => {
  const teacher = await newLibraryTeacher("Elena", "Vargas");
  const email = `elena.${teacher.id.slice(0, 6)}@library.example`; // what Clever has for this teacher
  await query(`INSERT INTO "User" (id, email, "loginEmail", name, "passwordHash", "updatedAt") VALUES ($1, $2, $2, 'Elena (password account)', 'x', now())`, [`pw-${teacher.id}`, email]);

  await instantLogin(page, teacher);
  await expect(banner.name).toHaveText("Elena Vargas");
  const passwordUser = (await query<{ cleverId: string | null; loginEmail: string | null }>(`SELECT "cleverId", "loginEmail" FROM "User" WHERE id = $1`, [`pw-${teacher.id}`]))[0];
  expect(passwordUser).toEqual({ cleverId: null, loginEmail: email });
  // Two accounts: the Clever one has the email as a contact detail only.
  const cleverUser = await userByCleverId(teacher.id);
  expect(cleverUser?.id).not.toBe(`pw-${teacher.id}`);
  expect(cleverUser?.email).toBe(email);
  expect((await query<{ loginEmail: string | null }>(`SELECT "loginEmail" FROM "User" WHERE id = $1`, [cleverUser?.id]))[0]?.loginEmail).toBeNull();
});

test.describe("logged-in banner", () => {
  test("[DSSO-03] [LIB-13] [DSSO-R4] [LIB-R12] shows a UTF-8 teacher's name, role and school", async ({ page, banner }) => {
    await instantLogin(page, "teacherUtf8");
    await expect(banner.name).toHaveText("José Ñúñez");
    await expect(banner.name).toHaveAttribute("dir", "auto");
    await expect(banner.role).toHaveText("Teacher");
    await expect(banner.place).toHaveText(fixtures.schoolElementary.name);
    await expect(banner.root).toContainText("JÑ");
    await expect(banner.root.getByText("Not you?")).toBeVisible();
    await expect(banner.logOutButton).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });

  for (const key of ["studentArabic", "studentHebrew", "studentEmoji", "studentNfd"] as const) {
    test(`[DSSO-03] [LIB-13] [DSSO-R4] [LIB-R12] shows ${key}'s name byte for byte`, async ({ page, banner }) => {
      await instantLogin(page, key);
      await expect(banner.name).toHaveAttribute("dir", "auto");
      expect(await banner.name.textContent()).toBe(fixtures[key].name);
      await expect(banner.role).toHaveText("Student");
    });
  }

  test("[DSSO-03] [LIB-13] a Library student sees Clever Library as their place", async ({ page, banner }) => {
    await instantLogin(page, "libraryStudent");
    await expect(banner.place).toHaveText("Clever Library");
    await expect(banner.trial).toHaveCount(0);
  });
});
