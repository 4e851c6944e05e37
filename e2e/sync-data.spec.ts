// What a Clever login stores and shows: accounts on demand for teachers and
// students (LIB-02), every relevant Clever field used (DSSO-02, LIB-04,
// LIB-R05), and records keyed by Clever ID so a re-sync never duplicates
// anything (LIG-05).
import { fixtures, sandbox } from "./support/clever";
import { query, storedCleverIds, syncWindowPasses, userByCleverId } from "./support/db";
import { Banner, expect, StudentDashboardPage, test } from "./support/fixtures";
import { signedInUserId } from "./support/session";
import { cleverLogin, finishOnboarding, freshLibraryStudent, freshTeacher, newId, waitForSync } from "./ui-support";

test("[LIB-02] [LIG-01] [LIG-02] a Library teacher and their student each get an account on demand at first login", async ({ browser }) => {
  const { student, teacher } = await freshLibraryStudent("Mateo", "Quiñones");
  expect(await userByCleverId(teacher.id)).toBeUndefined();

  const teacherPage = await (await browser.newContext()).newPage();
  await cleverLogin(teacherPage, teacher);
  await expect(new Banner(teacherPage).name).toContainText(teacher.name);
  expect(await userByCleverId(teacher.id)).toMatchObject({ role: "teacher", authorizedBy: "teacher", districtId: null });
  await waitForSync(teacher.id);
  await teacherPage.context().close();

  const studentPage = await (await browser.newContext()).newPage();
  await cleverLogin(studentPage, student);
  expect(studentPage.url()).toContain("/dashboard");
  const row = await userByCleverId(student.id);
  expect(row).toMatchObject({ role: "student", authorizedBy: "teacher", firstName: "Mateo", lastName: "Quiñones" });
  await waitForSync(student.id);
  await studentPage.reload();
  const studentDashboard = new StudentDashboardPage(studentPage);
  await expect(studentDashboard.classes).toContainText("Class of Mateo");
  await expect(studentDashboard.teachers).toContainText(teacher.name);
  await studentPage.context().close();
});

test("[DSSO-02] [LIB-04] [LIB-R05] [IL-06] name, email, role, district, school, grade and subject from Clever are used", async ({ page, banner, dashboard }) => {
  const pupil = newId();
  await sandbox.putData("students", pupil, {
    id: pupil,
    district: fixtures.district.id,
    school: fixtures.schoolElementary.id,
    name: { first: "Renée", middle: "L", last: "Ōkubo" },
    grade: "5",
    email: `renee.${pupil.slice(0, 6)}@students.sandbox.example`,
  });
  const teacher = await freshTeacher("Dana", "Díaz", {
    district: true,
    sections: [{ name: "Ciencias 5", subject: "science", grade: "5", period: "3", students: [pupil] }],
  });
  await cleverLogin(page, teacher);
  const user = await userByCleverId(teacher.id);
  expect(user).toMatchObject({
    role: "teacher",
    firstName: "Dana",
    lastName: "Díaz",
    email: teacher.email,
    authorizedBy: "district",
    districtId: fixtures.district.id,
  });
  await waitForSync(teacher.id);
  expect((await userByCleverId(teacher.id))?.schoolId).toBe(fixtures.schoolElementary.id);
  if (page.url().includes("/onboarding")) await finishOnboarding(page);
  await expect(banner.name).toContainText("Dana Díaz");
  const card = dashboard.card("Ciencias 5");
  await expect(card.getByTestId("subject-label")).not.toBeEmpty();
  await expect(card.getByTestId("grade-label")).not.toBeEmpty();
  await expect(card).toContainText("Period 3");
  const [section] = await query<{ subject: string; grade: string; period: string; sectionNumber: string }>(
    `SELECT s.subject, s.grade, s.period, s."sectionNumber" FROM "Section" s JOIN "SectionTeacher" t ON t."sectionId" = s.id
     JOIN "User" u ON u.id = t."teacherId" WHERE u."cleverId" = ANY($1)`,
    [storedCleverIds(teacher.id)],
  );
  expect(section).toEqual({ subject: "science", grade: "5", period: "3", sectionNumber: "T-1" });
  expect(await userByCleverId(pupil)).toMatchObject({ role: "student", firstName: "Renée", lastName: "Ōkubo", schoolId: fixtures.schoolElementary.id });
  const [grade] = await query<{ grade: string }>(`SELECT grade FROM "User" WHERE "cleverId" = ANY($1)`, [storedCleverIds(pupil)]);
  expect(grade?.grade).toBe("5");
});

test("[SS-01] [LIG-05] every synced record is keyed by its Clever ID, never email or SIS ID, so logging in and syncing again duplicates nothing", async ({ page, signedInTeacher, dashboard }) => {
  const kids = [newId(), newId()];
  // Two different Clever users with the same email and SIS ID (a family
  // address, a SIS reusing an ID): neither field may make them one record.
  const shared = { email: `family.${kids[0]?.slice(0, 8)}@students.sandbox.example`, sis_id: `SIS-${kids[0]?.slice(0, 8)}` };
  for (const id of kids) {
    await sandbox.putData("students", id, { id, district: fixtures.district.id, school: fixtures.schoolElementary.id, name: { first: "Kid", last: id.slice(0, 4) }, grade: "3", ...shared });
  }
  const teacher = await signedInTeacher("Ida", "Keyes", [{ name: "Keyed Class", subject: "math", grade: "3", students: kids }]);

  const snapshot = () =>
    query<{ section: string; students: string; cleverIds: string }>(
      `SELECT s.id AS section, count(e.*)::text AS students, string_agg(u2."cleverId", ',' ORDER BY u2."cleverId") AS "cleverIds"
       FROM "Section" s JOIN "SectionTeacher" t ON t."sectionId" = s.id JOIN "User" u ON u.id = t."teacherId"
       LEFT JOIN "Enrollment" e ON e."sectionId" = s.id LEFT JOIN "User" u2 ON u2.id = e."studentId"
       WHERE u."cleverId" = ANY($1) GROUP BY s.id`,
      [storedCleverIds(teacher.id)],
    );
  // The app's own row IDs: a sync that deleted and re-created records keeps
  // every Clever ID unique yet changes these.
  const userIds = () =>
    query<{ id: string; cleverId: string }>(`SELECT id, "cleverId" FROM "User" WHERE "cleverId" = ANY($1) ORDER BY "cleverId"`, [[teacher.id, ...kids].flatMap(storedCleverIds)]);
  // Which of the users a stored Clever ID belongs to (the teacher's may be its v3 form).
  const given = (stored: string) => [teacher.id, ...kids].find((id) => storedCleverIds(id).includes(stored)) ?? stored;
  const first = await snapshot();
  const firstUsers = await userIds();
  expect(first).toHaveLength(1);
  // The section's primary key is Clever's section ID; students carry their Clever IDs.
  expect((await sandbox.getData("sections", first[0]?.section ?? "")).data.name).toBe("Keyed Class");
  expect(first[0]?.cleverIds).toBe([...kids].sort().join(","));
  expect(firstUsers.map((u) => given(u.cleverId)).sort()).toEqual([teacher.id, ...kids].sort());
  const signedIn = await signedInUserId(page.context());
  expect(signedIn).toBe(firstUsers.find((u) => given(u.cleverId) === teacher.id)?.id);
  // The shared email and SIS ID made no match: two users, each under their own Clever ID.
  const kidRows = await query<{ id: string; cleverId: string; email: string | null }>(`SELECT id, "cleverId", email FROM "User" WHERE "cleverId" = ANY($1)`, [kids]);
  expect(kidRows.map((u) => u.cleverId).sort()).toEqual([...kids].sort());
  expect(new Set(kidRows.map((u) => u.id)).size).toBe(2);
  expect(kidRows.map((u) => u.email)).toEqual([shared.email, shared.email]);
  // The teacher's school and district rows: their primary keys are Clever's IDs.
  const [place] = await query<{ school: string; district: string }>(
    `SELECT s.id AS school, d.id AS district FROM "User" u JOIN "School" s ON s.id = u."schoolId" JOIN "District" d ON d.id = u."districtId" WHERE u.id = $1`,
    [signedIn],
  );
  expect(place).toEqual({ school: fixtures.schoolElementary.id, district: fixtures.district.id });

  expect(await dashboard.sync()).toContain("Everything was already up to date");
  await syncWindowPasses(teacher.id);
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id, 3);
  expect(await snapshot()).toEqual(first);
  expect(await userIds()).toEqual(firstUsers);
  expect(await signedInUserId(page.context())).toBe(signedIn);
});
