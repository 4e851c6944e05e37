// Rosters a teacher can trust (issue #18): who left a class and when, what the
// last sync changed in it, people renamed in Clever, why a student sees no
// classes, a student's classes from their own login's sync (first seen at it,
// or taken out of one), and whose account it is, in full, on a 320 px phone.
// Fresh sandbox users keep parallel browsers apart; the teachers are
// district-shared so onboarding needs no school search.
import { type FixtureHandle, fixtures, instantLogin, sandbox } from "./support/clever";
import { apiPath } from "./support/clever-api";
import { query, storedCleverIds, syncWindowPasses, userByCleverId } from "./support/db";
import { type DashboardPage, expect, test } from "./support/fixtures";
import { signedInUserId } from "./support/session";
import { expectNoHorizontalScroll, freshStudent, freshTeacher, newId, snap, waitForSync } from "./ui-support";

async function sectionOf(teacher: FixtureHandle): Promise<string> {
  const [row] = await query<{ id: string }>(
    `SELECT s.id FROM "Section" s JOIN "SectionTeacher" t ON t."sectionId" = s.id JOIN "User" u ON u.id = t."teacherId" WHERE u."cleverId" = ANY($1)`,
    [storedCleverIds(teacher.id)],
  );
  return row?.id ?? "";
}

/** Presses "Sync my classes" once and waits for its answer. Only after the
 * login's sync has finished (waitForSync), so nothing else holds the sync,
 * and once the page is interactive: the one press is never retried. */
async function syncOnce(dashboard: DashboardPage): Promise<void> {
  await dashboard.page.waitForLoadState("networkidle");
  await dashboard.syncButton.click();
  await expect(dashboard.syncStatus).toContainText("Synced with Clever", { timeout: 30_000 });
}

const today = () => new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date());

test("[LIB-R06] [LIB-12] [LIG-04] [roster-trust] a student Clever no longer lists shows under “No longer in this class”, with the date, and comes back", async ({ page, signedInTeacher, dashboard, classPage, accessible }, testInfo) => {
  const [stays, leaves] = [await freshStudent("Ana", "Stays"), await freshStudent("Zoë", "Leaves")];
  const teacher = await signedInTeacher("Tru", "Roster", [{ name: "Trust Math", subject: "math", grade: "4", students: [stays.id, leaves.id] }]);
  const sectionId = await sectionOf(teacher);

  await classPage.goto(sectionId);
  await expect(classPage.changes).toContainText("Clever owns this roster");
  await expect(classPage.changes).toContainText("That sync added this class.");
  await expect(classPage.formerStudents).toHaveCount(0);

  // Upstream: Zoë leaves the class.
  const current = (await sandbox.getData("sections", sectionId)).data;
  await sandbox.putData("sections", sectionId, { ...current, students: [stays.id] });
  await dashboard.goto();
  await dashboard.sync();
  await classPage.goto(sectionId);
  await expect(classPage.rosterCount).toHaveText("(1)");
  await expect(classPage.roster).not.toContainText("Zoë Leaves");
  await expect(classPage.formerStudentsToggle).toContainText("No longer in this class in Clever (1)");
  await expect(classPage.formerStudentItems).toHaveText([new RegExp(`Zoë Leaves\\s*Left on ${today()}`)]);
  await expect(classPage.changeList).toContainText("Left: Zoë Leaves");
  // No way to delete a rostered student: Clever owns the roster.
  await expect(page.getByRole("button", { name: /remove|delete/i })).toHaveCount(0);
  await accessible();
  await snap(page, testInfo, "former-students");
  // The teacher can hide the list.
  await classPage.formerStudentsToggle.click();
  await expect(classPage.formerStudentItems).toBeHidden();

  // Upstream: the class is renamed and Zoë is back.
  await sandbox.putData("sections", sectionId, { ...current, name: "Trust Math — Año 2", students: [stays.id, leaves.id] });
  await dashboard.goto();
  await dashboard.sync();
  await classPage.goto(sectionId);
  await expect(classPage.heading).toHaveText("Trust Math — Año 2");
  await expect(classPage.rosterCount).toHaveText("(2)");
  await expect(classPage.formerStudents).toHaveCount(0);
  // Both names: the old one is stored with the sync that renamed it.
  await expect(classPage.changeList.getByTestId("class-renamed")).toHaveText("Renamed from “Trust Math” to “Trust Math — Año 2”");
  await expect(classPage.changeList).toContainText("Joined: Zoë Leaves");
  await accessible();
});

test("[LIB-R09] [LIB-12] [roster-trust] the class page says which co-teachers the last sync added and removed", async ({ signedInTeacher, dashboard, classPage }) => {
  const [coA, coB] = [await freshTeacher("Cora", "Cohort", { district: true }), await freshTeacher("Rex", "Retired", { district: true })];
  const teacher = await signedInTeacher("Lea", "Lead", [{ name: "Team Trust", subject: "science", grade: "4", students: [], coTeachers: [coB.id] }]);
  const sectionId = await sectionOf(teacher);
  const current = (await sandbox.getData("sections", sectionId)).data;
  await sandbox.putData("sections", sectionId, { ...current, teachers: [teacher.id, coA.id] });
  await dashboard.goto();
  await dashboard.sync();
  await classPage.goto(sectionId);
  await expect(classPage.changeList).toContainText(`Co-teachers added: ${coA.name}`);
  await expect(classPage.changeList).toContainText(`Co-teachers removed: ${coB.name}`);
});

test("[LIB-05] [roster-trust] a district student without classes hears they have not been shared yet", async ({ signedInStudent, studentDashboard, accessible }) => {
  await signedInStudent("Dara", "Nosections");
  await expect(studentDashboard.empty).toContainText("Your classes have not been shared with this app yet");
  await accessible();
});

test("[LIB-05] [roster-trust] a Library student without classes hears their teacher still has to set up Clever Classroom", async ({ signedInStudent, studentDashboard, accessible }) => {
  await signedInStudent("Lio", "Library", { library: true });
  await expect(studentDashboard.empty).toContainText("Your teacher still has to set up Clever Classroom");
  await accessible();
});

test("[DSSO-03] [LIB-13] [LIB-14] [roster-trust] the banner shows a 40-character name, role and school in full at 320 px, log out one tap away", async ({ page, signedInTeacher, banner, accessible }) => {
  // 40 characters, UTF-8: accents, a hyphen and a long last name.
  const [first, last] = ["Maria-José Ñúñez", "Montenegro-Åkerström Ba"];
  expect(`${first} ${last}`).toHaveLength(40);
  await page.setViewportSize({ width: 320, height: 700 });
  await signedInTeacher(first, last, [], { email: false });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(banner.name).toHaveText(`${first} ${last}`);
  await expect(banner.name).toHaveAttribute("dir", "auto");
  for (const part of [banner.name, banner.role, banner.place]) {
    // Unclipped: its content fits its box, and the box fits the phone.
    const clipped = await part.evaluate((el) => {
      const line = el.closest("p");
      const box = el.getBoundingClientRect();
      const style = line ? getComputedStyle(line) : null;
      return !line || line.scrollWidth > line.clientWidth + 1 || style?.textOverflow === "ellipsis" || box.right > window.innerWidth + 1 || box.left < 0;
    });
    expect(clipped, `${await part.textContent()} clipped`).toBe(false);
  }
  await expect(banner.logOutButton).toBeInViewport();
  await expectNoHorizontalScroll(page);
  await accessible();
});

test("[LIB-R07] [LIB-R06] [roster-trust] “Don't see a class?” names a hidden class (one-click show), an archived one with its date, and who to ask", async ({ signedInTeacher, dashboard, classes, accessible }) => {
  const teacher = await signedInTeacher("Wen", "Whereclass", [
    { name: "Hide Me", subject: "math", grade: "4", students: [] },
    { name: "Goes Away", subject: "science", grade: "4", students: [] },
  ]);
  await classes.goto();
  await expect(classes.missingNotShared).toContainText("ask your Clever admin");
  // The Clever ID of the API version the deployment speaks (on v3.1, her v3 ID).
  const stored = await userByCleverId(teacher.id);
  await expect(classes.missingNotShared).toContainText(stored?.cleverId ?? teacher.id);
  await classes.item("Hide Me").getByRole("button", { name: /Hide/ }).click();
  await expect(classes.missingHidden).toContainText("You hid 1 class from your dashboard");
  // Each hidden class is listed once: in the chooser, with its Show button.
  await expect(classes.item("Hide Me")).toHaveCount(1);
  await expect(classes.missing).not.toContainText("Hide Me");
  await expect(classes.showButton("Hide Me")).toHaveCount(1);
  await accessible();
  await classes.showButton("Hide Me").click();
  await expect(classes.missingHidden).toHaveCount(0);
  await expect(classes.item("Hide Me").getByTestId("choice-state")).toHaveText("On your dashboard");

  const [gone] = await query<{ id: string }>(
    `SELECT s.id FROM "Section" s JOIN "SectionTeacher" t ON t."sectionId" = s.id JOIN "User" u ON u.id = t."teacherId" WHERE u."cleverId" = ANY($1) AND s.name = 'Goes Away'`,
    [storedCleverIds(teacher.id)],
  );
  await sandbox.deleteData("sections", gone?.id ?? "");
  await dashboard.goto();
  await dashboard.sync();
  await classes.goto();
  await expect(classes.missingArchived).toContainText(`Goes Away (since ${today()})`);
});

test("[LIB-R06] [LIB-12] [roster-trust] “Don't see a class?” gives a failed sync's reason and reference, and the way to try again", async ({ page, signedInTeacher, dashboard, classes, accessible }, testInfo) => {
  const teacher = await signedInTeacher("Fen", "Failsafe", [{ name: "Kept Class", subject: "math", grade: "4", students: [] }]);
  // Every attempt (first try and its retries) at this teacher's sections fails.
  await sandbox.addFault({ path: apiPath.teacherSections(teacher.id), status: 500, times: 5 });
  await dashboard.goto();
  const answer = await dashboard.sync(/Reference ERR-/);
  const reference = /ERR-[A-Z2-9]{6}/.exec(answer)?.[0] ?? "";

  await classes.goto();
  const reason = classes.missingSyncFailed;
  await expect(reason).toContainText(`The last sync with Clever didn't finish on ${today()}: Clever had a problem answering.`);
  // The same reference the sync gave, for support.
  await expect(reason.locator("strong")).toHaveText(reference);
  await expect(classes.missingNotShared).toContainText("Otherwise, your district or Clever has not shared it");
  await expect(classes.item("Kept Class")).toHaveCount(1);
  await accessible();
  await snap(page, testInfo, "missing-class-failed-sync");

  await reason.getByRole("link", { name: /try again/ }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
  await dashboard.sync();
  await classes.goto();
  await expect(classes.missingSyncFailed).toHaveCount(0);
});

test("[LIB-12] [LIB-R06] [roster-trust] an expired Clever sign-in offers “Reconnect to Clever”, which returns to the same page with a fresh sync", async ({ page, signedInLibraryTeacher, dashboard, classes, accessible }, testInfo) => {
  // A Library teacher: her syncs read Clever with her own token (a district-shared teacher's use the district's).
  const teacher = await signedInLibraryTeacher("Rey", "Reconnect", "Boise", [{ name: "Token Class", subject: "math", grade: "4", students: [] }]);
  await query(`UPDATE "CleverToken" SET "expiresAt" = now() - interval '1 minute' WHERE "userId" IN (SELECT id FROM "User" WHERE "cleverId" = ANY($1))`, [storedCleverIds(teacher.id)]);
  // A sync now fails for want of a token: its answer is the reconnect, not a retry.
  await dashboard.sync(/Your Clever sign-in has expired/);
  await expect(page.getByRole("button", { name: "Reconnect to Clever" })).toBeVisible();
  // Meanwhile she adds a class in Clever: only a sync after the reconnect can bring it.
  const added = newId();
  await sandbox.putData("sections", added, { id: added, name: "Arrived After Reconnect", subject: "science", grade: "4", teacher: teacher.id, teachers: [teacher.id], students: [] });

  // A filtered page: the reconnect comes back to it, query and all.
  await classes.goto("?subject=math");
  const reason = classes.missingToken;
  await expect(reason).toContainText("Your Clever sign-in has expired");
  await accessible();
  await snap(page, testInfo, "missing-class-reconnect");
  await reason.getByRole("button", { name: "Reconnect to Clever" }).click();
  await page.waitForURL((url) => url.pathname === "/classes", { timeout: 30_000 });
  expect(new URL(page.url()).search).toBe("?subject=math");
  await expect(classes.missingToken).toHaveCount(0);
  // The reconnect's login synced: the new class is there.
  await waitForSync(teacher.id, 2);
  // The signing-in page may deliver its code a second time, which lands on
  // this page again: a visit of our own can be cut short by it.
  await expect(async () => {
    await classes.goto();
    await expect(classes.item("Arrived After Reconnect")).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
});

test("[LIG-04] [LIB-12] [LIB-R06] [LIB-R09] [roster-trust] a student and a co-teacher renamed in Clever show their new names after Sync my classes, the old ones gone", async ({ page, signedInTeacher, dashboard, classPage, accessible }) => {
  const student = await freshStudent("Bea", "Oldname");
  const coTeacher = await freshTeacher("Cole", "Oldname", { district: true });
  const teacher = await signedInTeacher("Rhea", "Renames", [{ name: "Name Check", subject: "math", grade: "4", students: [student.id], coTeachers: [coTeacher.id] }]);
  const sectionId = await sectionOf(teacher);
  const card = dashboard.card("Name Check");
  await expect(card).toContainText("Co-teachers: Cole Oldname");
  await classPage.goto(sectionId);
  await expect(classPage.studentNames).toHaveText(["Bea Oldname"]);

  // Upstream: both are renamed in Clever, under the same Clever IDs.
  const studentRecord = (await sandbox.getData("students", student.id)).data;
  await sandbox.putData("students", student.id, { ...studentRecord, name: { first: "Beatriz", last: "Núñez" } });
  const coRecord = (await sandbox.getData("teachers", coTeacher.id)).data;
  await sandbox.putData("teachers", coTeacher.id, { ...coRecord, name: { first: "Colette", last: "Newname" } });
  await dashboard.goto();
  await syncOnce(dashboard);
  await expect(card).toContainText("Co-teachers: Colette Newname");
  await expect(card).not.toContainText("Oldname");
  await classPage.goto(sectionId);
  await expect(classPage.studentNames).toHaveText(["Beatriz Núñez"]);
  await expect(page.locator("main")).not.toContainText("Oldname");
  await accessible();
});

test("[LIB-12] [LIG-04] [roster-trust] a student Clever takes out of a class no longer sees it after their own next login", async ({ signInStudent, studentDashboard, accessible }) => {
  const student = await freshStudent("Oona", "Outgoing");
  const id = student.id;
  const stays = await freshTeacher("Stella", "Stays", { district: true, sections: [{ name: "Kept Math", subject: "math", grade: "4", students: [id] }] });
  const leaves = await freshTeacher("Lionel", "Leaves", { district: true, sections: [{ name: "Dropped Art", subject: "arts and music", grade: "4", students: [id] }] });
  await signInStudent(student);
  await expect(studentDashboard.classItem("Kept Math")).toHaveCount(1);
  await expect(studentDashboard.classItem("Dropped Art")).toHaveCount(1);

  // Upstream: Clever takes her out of Art; no teacher signs in or syncs.
  const [art] = await query<{ id: string }>(
    `SELECT s.id FROM "Section" s JOIN "SectionTeacher" t ON t."sectionId" = s.id JOIN "User" u ON u.id = t."teacherId" WHERE u."cleverId" = ANY($1)`,
    [storedCleverIds(leaves.id)],
  );
  const current = (await sandbox.getData("sections", art?.id ?? "")).data;
  await sandbox.putData("sections", art?.id ?? "", { ...current, students: [] });
  // Her next login is later: her roster is no longer fresh (LOGIN_SYNC_FRESH_SECONDS), so that login syncs.
  await syncWindowPasses(id);
  await signInStudent(student, 2);
  await expect(studentDashboard.classItem("Kept Math")).toHaveCount(1);
  await expect(studentDashboard.classItem("Dropped Art")).toHaveCount(0);
  await expect(studentDashboard.teachers).toContainText(stays.name);
  await expect(studentDashboard.teachers).not.toContainText(leaves.name);
  await accessible();
});

test("[LIB-02] [SS-Q6] [roster-trust] a district student first seen at their own login, before any teacher has synced, is provisioned from nothing and sees their classes", async ({ page, context, banner, studentDashboard, accessible }) => {
  const student = await freshStudent("Nia", "Newcomer");
  const id = student.id;
  const science = await freshTeacher("Sami", "Science", { district: true, sections: [{ name: "First Science", subject: "science", grade: "4", students: [id] }] });
  const reading = await freshTeacher("Rosa", "Reading", { district: true, sections: [{ name: "First Reading", subject: "english/language arts", grade: "4", students: [id] }] });
  const everyone = [id, science.id, reading.id].flatMap(storedCleverIds);
  // Nothing in the app knows her, her teachers or their classes: nobody has signed in or synced.
  expect(await query(`SELECT id FROM "User" WHERE "cleverId" = ANY($1)`, [everyone])).toEqual([]);

  await instantLogin(page, student);
  await expect(banner.name).toHaveText("Nia Newcomer");
  const rows = await query<{ id: string; role: string; authorizedBy: string | null; districtId: string | null }>(
    `SELECT id, role::text AS role, "authorizedBy"::text AS "authorizedBy", "districtId" FROM "User" WHERE "cleverId" = ANY($1)`,
    [storedCleverIds(id)],
  );
  expect(rows).toEqual([{ id: rows[0]?.id, role: "student", authorizedBy: "district", districtId: fixtures.district.id }]);
  expect(await signedInUserId(context)).toBe(rows[0]?.id);

  // Her own login's sync (the district token) brings her classes and teachers.
  await waitForSync(id);
  await page.reload();
  await expect(studentDashboard.classItem("First Science")).toHaveCount(1);
  await expect(studentDashboard.classItem("First Reading")).toHaveCount(1);
  await expect(studentDashboard.teachers).toContainText(science.name);
  await expect(studentDashboard.teachers).toContainText(reading.name);
  // No teacher of hers has synced: the classes came from her own sync.
  expect(await query(`SELECT r.id FROM "SyncRun" r JOIN "User" u ON u.id = r."userId" WHERE u."cleverId" = ANY($1)`, [[science.id, reading.id].flatMap(storedCleverIds)])).toEqual([]);
  await accessible();
});
