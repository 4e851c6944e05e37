// District rostering (Secure Sync) end to end: a district of its own is
// connected in the local Clever and rostered in full by the stack's job
// worker on an operator's request (`npm run roster -- sync`, as
// DISTRICT_ROSTERING=manual asks); its student then sees her classes on her
// first login, before any teacher has signed in, and a transfer made in
// Clever reaches her dashboard through the Events feed, with no login in
// between. A day after the last full sync the worker runs the next one by
// itself (SS-03); what Clever deletes is archived and restored under the same
// Clever ID (SS-04); a student's record and history outlive unsharing and a
// rollover (SS-06). Fresh records per test (the suite shares one local Clever).
import { instantLogin, sandbox } from "./support/clever";
import { fullSyncSince, rosterNow, teacherOf } from "./support/district";
import { query } from "./support/db";
import { ClassPage, expect, OnboardingPage, test } from "./support/fixtures";
import { signedInUserId } from "./support/session";
import { cleverLogin, expectAccessible, newId, unique } from "./ui-support";

/** A date `days` from today, as Clever writes term dates. */
const daysFromNow = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10) + "T00:00:00.000Z";

/** A date as the class pages write it. */
const today = () => new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date());

test("[LIG-04] [district-rostering] a student of a rostered district sees her classes on her first login, before any teacher has signed in", async ({ page, district, studentDashboard, accessible }) => {
  await rosterNow(district.id);
  // Nobody of the district has signed in: the roster came from the district sync.
  expect(await query(`SELECT a.id FROM "Account" a JOIN "User" u ON u.id = a."userId" WHERE u."districtId" = $1`, [district.id])).toEqual([]);

  await instantLogin(page, district.student);
  await expect(studentDashboard.classItem(district.sections.math.name)).toHaveCount(1);
  await expect(studentDashboard.classItem(district.sections.art.name)).toHaveCount(0);
  await accessible();
});

test("[LIG-04] [district-rostering] a transfer made in Clever reaches the student's dashboard through Events, with no login in between", async ({ page, district, studentDashboard }) => {
  await rosterNow(district.id);
  await instantLogin(page, district.student);
  await expect(studentDashboard.classItem(district.sections.math.name)).toHaveCount(1);

  // The district moves her from Math to Art.
  const math = (await sandbox.getData("sections", district.sections.math.id)).data;
  const art = (await sandbox.getData("sections", district.sections.art.id)).data;
  await sandbox.putData("sections", district.sections.math.id, { ...math, students: [] });
  await sandbox.putData("sections", district.sections.art.id, { ...art, students: [...((art.students as string[] | undefined) ?? []), district.student.id] });

  // The worker's next event poll (every two seconds here) applies it; a reload shows it.
  await expect(async () => {
    await page.reload();
    await expect(studentDashboard.classItem(district.sections.art.name)).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(studentDashboard.classItem(district.sections.math.name)).toHaveCount(0);
  const logins = await query<{ n: string }>(`SELECT count(*) AS n FROM "SyncRun" r JOIN "User" u ON u.id = r."userId" WHERE u."cleverId" = $1`, [district.student.id]);
  expect(Number(logins[0]?.n)).toBe(1);
});

test("[SS-03] [district-rostering] a day after the last full sync the worker runs the next one by itself, and the student's dashboard shows what changed in Clever", async ({ page, district, studentDashboard, accessible }) => {
  test.setTimeout(120_000);
  await rosterNow(district.id);
  await instantLogin(page, district.student);
  await expect(studentDashboard.classItem(district.sections.math.name)).toHaveCount(1);

  // In Clever: her class is renamed and she also joins Art (a full sync reads both).
  const renamed = unique("Algebra 4");
  const math = (await sandbox.getData("sections", district.sections.math.id)).data;
  const art = (await sandbox.getData("sections", district.sections.art.id)).data;
  await sandbox.putData("sections", district.sections.math.id, { ...math, name: renamed });
  await sandbox.putData("sections", district.sections.art.id, { ...art, students: [...((art.students as string[] | undefined) ?? []), district.student.id] });

  // The last full sync is made a day and an hour old (DISTRICT_FULL_SYNC_HOURS
  // is 24). Nobody asks for another: no operator command, no login.
  const since = new Date();
  await query(`UPDATE "DistrictSync" SET "lastFullSyncAt" = "lastFullSyncAt" - interval '25 hours' WHERE "districtId" = $1`, [district.id]);
  // The worker's own schedule (every two seconds here) finds the district due
  // and runs a full sync: one that started after the backdating, and finished.
  await fullSyncSince(district.id, since, `the scheduled daily full sync of ${district.id}`);
  const [state] = await query<{ fresh: boolean; errorCode: string | null; fullSyncReason: string | null }>(
    `SELECT "lastFullSyncAt" > (now() AT TIME ZONE 'UTC') - interval '1 hour' AS fresh, "errorCode", "fullSyncReason" FROM "DistrictSync" WHERE "districtId" = $1`,
    [district.id],
  );
  // It says why it ran: the daily one, where the operator's was asked for.
  expect(state).toEqual({ fresh: true, errorCode: null, fullSyncReason: "daily" });

  await page.reload();
  await expect(studentDashboard.classItem(renamed)).toHaveCount(1);
  await expect(studentDashboard.classItem(district.sections.art.name)).toHaveCount(1);
  await expect(studentDashboard.classItem(district.sections.math.name)).toHaveCount(0);
  await accessible();
});

test("[SS-04] [district-rostering] a class and its term deleted in Clever are archived, kept and shown as archived, then restored under the same Clever IDs", async ({ district, signInTeacher, dashboard, classes, accessible }) => {
  test.setTimeout(150_000);
  // Art belongs to a term of the district.
  const termId = newId();
  // A term that runs now: a class whose term has ended is a past class.
  const term = { id: termId, district: district.id, name: unique("Spring term"), start_date: daysFromNow(-60), end_date: daysFromNow(120) };
  await sandbox.putV3Only("terms", termId, term);
  const art = (await sandbox.getData("sections", district.sections.art.id)).data;
  await sandbox.putData("sections", district.sections.art.id, { ...art, term_id: termId });
  await rosterNow(district.id);

  const sectionRow = async () =>
    (
      await query<{ archivedAt: Date | null; createdAt: Date; termId: string | null }>(`SELECT "archivedAt", "createdAt", "termId" FROM "Section" WHERE id = $1`, [
        district.sections.art.id,
      ])
    )[0];
  const termRow = async () => (await query<{ archivedAt: Date | null; createdAt: Date }>(`SELECT "archivedAt", "createdAt" FROM "Term" WHERE id = $1`, [termId]))[0];
  const links = async () =>
    query<{ kind: string; archived: boolean }>(
      `SELECT 'enrollment' AS kind, "archivedAt" IS NOT NULL AS archived FROM "Enrollment" WHERE "sectionId" = $1
       UNION ALL SELECT 'teacher' AS kind, "archivedAt" IS NOT NULL AS archived FROM "SectionTeacher" WHERE "sectionId" = $1 ORDER BY kind`,
      [district.sections.art.id],
    );
  const section = await sectionRow();
  const termBefore = await termRow();
  expect(section).toMatchObject({ archivedAt: null, termId });
  expect(termBefore?.archivedAt).toBeNull();
  expect(await links()).toEqual([
    { kind: "enrollment", archived: false },
    { kind: "teacher", archived: false },
  ]);

  await signInTeacher(teacherOf(district));
  const artCard = dashboard.card(district.sections.art.name);
  await expect(artCard).toHaveCount(1);

  // The term ends: Clever deletes the class and its term.
  await sandbox.deleteData("sections", district.sections.art.id);
  await sandbox.deleteV3Only("terms", termId);
  await rosterNow(district.id);
  // Archived, not deleted: the same rows, with their links, marked archived.
  expect(await sectionRow()).toMatchObject({ archivedAt: expect.any(Date), createdAt: section?.createdAt, termId });
  expect(await termRow()).toMatchObject({ archivedAt: expect.any(Date), createdAt: termBefore?.createdAt });
  expect(await links()).toEqual([
    { kind: "enrollment", archived: true },
    { kind: "teacher", archived: true },
  ]);
  // Her dashboard no longer lists the class; "Don't see a class?" names it, archived, with the date.
  await dashboard.goto();
  await expect(dashboard.card(district.sections.math.name)).toHaveCount(1);
  await expect(artCard).toHaveCount(0);
  await classes.goto();
  await expect(classes.missingArchived).toContainText(`${district.sections.art.name} (since ${today()})`);
  await accessible();

  // Clever shares them again under the same IDs: the same rows come back.
  await sandbox.putV3Only("terms", termId, term);
  await sandbox.putData("sections", district.sections.art.id, { ...art, term_id: termId });
  await rosterNow(district.id);
  expect(await sectionRow()).toEqual({ archivedAt: null, createdAt: section?.createdAt, termId });
  expect(await termRow()).toEqual({ archivedAt: null, createdAt: termBefore?.createdAt });
  expect(await links()).toEqual([
    { kind: "enrollment", archived: false },
    { kind: "teacher", archived: false },
  ]);
  await classes.goto();
  await expect(classes.missingArchived).toHaveCount(0);
  await dashboard.goto();
  await expect(artCard).toHaveCount(1);
  await expect(artCard).toContainText("1 student");
  await accessible();
});

test("[SS-06] [district-rostering] a student's record and history survive her unsharing over the summer and a rollover into a new class", async ({ page, district, newBrowser, studentDashboard, accessible }) => {
  test.setTimeout(150_000);
  const { math } = district.sections;
  await rosterNow(district.id);
  // She signs in: her account (found by Clever ID from then on) and her login's sync record.
  await instantLogin(page, district.student);
  await expect(studentDashboard.classItem(math.name)).toHaveCount(1);
  const userId = await signedInUserId(page.context());
  const userRow = async () =>
    (await query<{ id: string; createdAt: Date; archivedAt: Date | null; grade: string | null }>(`SELECT id, "createdAt", "archivedAt", grade FROM "User" WHERE "cleverId" = $1`, [district.student.id]))[0];
  const enrollments = async () =>
    query<{ sectionId: string; archived: boolean }>(`SELECT "sectionId", "archivedAt" IS NOT NULL AS archived FROM "Enrollment" WHERE "studentId" = $1 ORDER BY "createdAt"`, [userId]);
  const syncRuns = async () => Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "SyncRun" WHERE "userId" = $1`, [userId]))[0]?.n);
  const before = await userRow();
  expect(before?.id).toBe(userId);
  expect(await syncRuns()).toBe(1);

  // End of the year: the district stops sharing her (Clever deletes her record; Math goes on).
  await sandbox.deleteData("students", district.student.id);
  await rosterNow(district.id);
  // Her row is archived, not deleted; her Math enrollment is kept as history.
  expect(await userRow()).toMatchObject({ id: userId, createdAt: before?.createdAt, archivedAt: expect.any(Date) });
  expect(await enrollments()).toEqual([{ sectionId: math.id, archived: true }]);
  expect(await syncRuns()).toBe(1);
  // Her access ended with her sharing: the browser she signed in on is signed out, its session gone.
  await page.reload();
  await page.waitForURL((url) => url.pathname === "/logged-out");
  expect(Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "Session" WHERE "userId" = $1 AND "endedReason" IS NULL`, [userId]))[0]?.n)).toBe(0);
  // Her teacher still reads it: she left Math on this date.
  const teacherPage = await newBrowser();
  await cleverLogin(teacherPage, teacherOf(district));
  await new OnboardingPage(teacherPage).finish();
  const mathPage = new ClassPage(teacherPage);
  await mathPage.goto(math.id);
  await expect(mathPage.formerStudentItems).toHaveText([new RegExp(`Amaia Etxeberria\\s*Left on ${today()}`)]);
  await expectAccessible(teacherPage);

  // Rollover: Math 4 ends, Math 5 (a new section) begins, and Clever shares her again under her Clever ID, now in grade 5.
  await sandbox.putData("students", district.student.id, { id: district.student.id, district: district.id, school: district.school, name: { first: "Amaia", last: "Etxeberria" }, grade: "5" });
  await sandbox.deleteData("sections", math.id);
  const math5 = { id: newId(), name: unique("Math 5") };
  await sandbox.putData("sections", math5.id, { id: math5.id, district: district.id, school: district.school, name: math5.name, subject: "math", grade: "5", teacher: district.teacher, teachers: [district.teacher], students: [district.student.id] });
  await rosterNow(district.id);
  // The same row, restored: everything tied to it is still there, and the new class joins it.
  expect(await userRow()).toEqual({ id: userId, createdAt: before?.createdAt, archivedAt: null, grade: "5" });
  expect(await enrollments()).toEqual([
    { sectionId: math.id, archived: true },
    { sectionId: math5.id, archived: false },
  ]);
  expect(await syncRuns()).toBe(1);

  // She signs in again: the same account, with her new class.
  await instantLogin(page, district.student);
  expect(await signedInUserId(page.context())).toBe(userId);
  await expect(studentDashboard.classItem(math5.name)).toHaveCount(1);
  await expect(studentDashboard.classItem(math.name)).toHaveCount(0);
  expect(await syncRuns()).toBe(2);
  await accessible();
});

test("[ROLL-03] [ROLL-04] [district-rostering] a class shows its term; a term Clever recreates under a new ID duplicates nothing; when the term ends the class moves to Past classes", async ({ district, signInTeacher, dashboard, classes, accessible }) => {
  test.setTimeout(150_000);
  const { math } = district.sections;
  const name = unique("Full Year");
  const first = { id: newId(), district: district.id, name, start_date: daysFromNow(-30), end_date: daysFromNow(150) };
  await sandbox.putV3Only("terms", first.id, first);
  const record = (await sandbox.getData("sections", math.id)).data;
  await sandbox.putData("sections", math.id, { ...record, term_id: first.id });
  await rosterNow(district.id);

  await signInTeacher(teacherOf(district));
  const card = dashboard.card(math.name);
  await expect(card.getByTestId("section-term")).toContainText(`Term: ${name} · `);

  // Clever deletes the term and makes it again under a new ID (ROLL-03).
  const second = { ...first, id: newId() };
  await sandbox.deleteV3Only("terms", first.id);
  await sandbox.putV3Only("terms", second.id, second);
  await sandbox.putData("sections", math.id, { ...record, term_id: second.id });
  await rosterNow(district.id);
  expect(await query(`SELECT id, "termId", "archivedAt" FROM "Section" WHERE name = $1`, [math.name])).toEqual([{ id: math.id, termId: second.id, archivedAt: null }]);
  expect(await query(`SELECT id, "archivedAt" IS NOT NULL AS archived FROM "Term" WHERE name = $1 ORDER BY archived`, [name])).toEqual([
    { id: second.id, archived: false },
    { id: first.id, archived: true },
  ]);
  await dashboard.goto();
  await expect(dashboard.card(math.name)).toHaveCount(1);

  // The term ends (Clever moves its last day to yesterday): Math is a past class.
  await sandbox.putV3Only("terms", second.id, { ...second, end_date: daysFromNow(-1) });
  await rosterNow(district.id);
  await dashboard.goto();
  await expect(dashboard.card(math.name)).toHaveCount(0);
  await classes.goto();
  const past = classes.pastClasses;
  await past.getByText(/Past classes \(1\)/).click();
  await expect(classes.pastClassItems).toHaveCount(1);
  await expect(classes.pastClassItems).toContainText(math.name);
  await expect(past.getByTestId("section-term")).toContainText(name);
  const pastMath = await classes.openPastClass(math.name);
  await expect(pastMath.pastNote).toBeVisible();
  await expect(pastMath.studentNames).toHaveText(["Amaia Etxeberria"]);
  await accessible();
});
