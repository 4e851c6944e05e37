// Rosters a teacher can trust (issue #18): who left a class and when, what the
// last sync changed in it, people renamed in Clever, why a student sees no
// classes, a student's classes from their own login's sync (first seen at it,
// or taken out of one), and whose account it is, in full, on a 320 px phone.
// Fresh sandbox users keep parallel browsers apart; the teachers are
// district-shared so onboarding needs no school search.
import { expect, type Page, test } from "@playwright/test";
import { type FixtureHandle, fixtures, instantLogin, sandbox } from "./support/clever";
import { apiPath } from "./support/clever-api";
import { query, storedCleverIds, syncWindowPasses, userByCleverId } from "./support/db";
import { signedInUserId } from "./support/session";
import { cleverLogin, expectAccessible, expectNoHorizontalScroll, finishOnboarding, freshTeacher, newId, snap, syncNow, waitForSync } from "./ui-support";

async function putStudent(id: string, first: string, last: string, district: boolean): Promise<void> {
  await sandbox.putData("students", id, district ? { id, district: fixtures.district.id, school: fixtures.schoolElementary.id, name: { first, last }, grade: "4" } : { id, name: { first, middle: "", last }, grade: "4" });
}

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
async function syncOnce(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Sync my classes" }).click();
  await expect(page.getByTestId("sync-status")).toContainText("Synced with Clever", { timeout: 30_000 });
}

const today = () => new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date());

test("[LIB-R06] [LIB-12] [LIG-04] [roster-trust] a student Clever no longer lists shows under “No longer in this class”, with the date, and comes back", async ({ page }, testInfo) => {
  const [stays, leaves] = [newId(), newId()];
  await putStudent(stays, "Ana", "Stays", true);
  await putStudent(leaves, "Zoë", "Leaves", true);
  const teacher = await freshTeacher("Tru", "Roster", { district: true, sections: [{ name: "Trust Math", subject: "math", grade: "4", students: [stays, leaves] }] });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await finishOnboarding(page);
  const sectionId = await sectionOf(teacher);
  const classPage = `/dashboard/sections/${encodeURIComponent(sectionId)}`;

  await page.goto(classPage);
  await expect(page.getByTestId("class-changes")).toContainText("Clever owns this roster");
  await expect(page.getByTestId("class-changes")).toContainText("That sync added this class.");
  await expect(page.getByTestId("former-students")).toHaveCount(0);

  // Upstream: Zoë leaves the class.
  const current = (await sandbox.getData("sections", sectionId)).data;
  await sandbox.putData("sections", sectionId, { ...current, students: [stays] });
  await page.goto("/dashboard");
  await syncNow(page);
  await page.goto(classPage);
  await expect(page.getByTestId("roster-count")).toHaveText("(1)");
  await expect(page.getByTestId("roster")).not.toContainText("Zoë Leaves");
  const former = page.getByTestId("former-students");
  await expect(former.locator("summary")).toContainText("No longer in this class in Clever (1)");
  await expect(former.getByTestId("former-student")).toHaveText([new RegExp(`Zoë Leaves\\s*Left on ${today()}`)]);
  await expect(page.getByTestId("class-change-list")).toContainText("Left: Zoë Leaves");
  // No way to delete a rostered student: Clever owns the roster.
  await expect(page.getByRole("button", { name: /remove|delete/i })).toHaveCount(0);
  await expectAccessible(page);
  await snap(page, testInfo, "former-students");
  // The teacher can hide the list.
  await former.locator("summary").click();
  await expect(former.getByTestId("former-student")).toBeHidden();

  // Upstream: the class is renamed and Zoë is back.
  await sandbox.putData("sections", sectionId, { ...current, name: "Trust Math — Año 2", students: [stays, leaves] });
  await page.goto("/dashboard");
  await syncNow(page);
  await page.goto(classPage);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trust Math — Año 2");
  await expect(page.getByTestId("roster-count")).toHaveText("(2)");
  await expect(page.getByTestId("former-students")).toHaveCount(0);
  const changes = page.getByTestId("class-change-list");
  // Both names: the old one is stored with the sync that renamed it.
  await expect(changes.getByTestId("class-renamed")).toHaveText("Renamed from “Trust Math” to “Trust Math — Año 2”");
  await expect(changes).toContainText("Joined: Zoë Leaves");
  await expectAccessible(page);
});

test("[LIB-R09] [LIB-12] [roster-trust] the class page says which co-teachers the last sync added and removed", async ({ page }) => {
  const [coA, coB] = [await freshTeacher("Cora", "Cohort", { district: true }), await freshTeacher("Rex", "Retired", { district: true })];
  const teacher = await freshTeacher("Lea", "Lead", { district: true, sections: [{ name: "Team Trust", subject: "science", grade: "4", students: [], coTeachers: [coB.id] }] });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await finishOnboarding(page);
  const sectionId = await sectionOf(teacher);
  const current = (await sandbox.getData("sections", sectionId)).data;
  await sandbox.putData("sections", sectionId, { ...current, teachers: [teacher.id, coA.id] });
  await page.goto("/dashboard");
  await syncNow(page);
  await page.goto(`/dashboard/sections/${encodeURIComponent(sectionId)}`);
  const changes = page.getByTestId("class-change-list");
  await expect(changes).toContainText(`Co-teachers added: ${coA.name}`);
  await expect(changes).toContainText(`Co-teachers removed: ${coB.name}`);
});

test("[LIB-05] [roster-trust] a district student without classes hears they have not been shared yet", async ({ page }) => {
  const id = newId();
  await putStudent(id, "Dara", "Nosections", true);
  const student: FixtureHandle = { key: `ui:${id}`, id, type: "student", name: "Dara Nosections", districtId: fixtures.district.id, email: null, tags: ["ui-test"] };
  await instantLogin(page, student);
  await waitForSync(id);
  await page.reload();
  await expect(page.getByTestId("student-empty")).toContainText("Your classes have not been shared with this app yet");
  await expectAccessible(page);
});

test("[LIB-05] [roster-trust] a Library student without classes hears their teacher still has to set up Clever Classroom", async ({ page }) => {
  const id = newId();
  await putStudent(id, "Lio", "Library", false);
  const student: FixtureHandle = { key: `ui:${id}`, id, type: "student", name: "Lio Library", districtId: null, email: null, tags: ["ui-test"] };
  await instantLogin(page, student, { consent: "allow" });
  await waitForSync(id);
  await page.reload();
  await expect(page.getByTestId("student-empty")).toContainText("Your teacher still has to set up Clever Classroom");
  await expectAccessible(page);
});

test("[DSSO-03] [LIB-13] [LIB-14] [roster-trust] the banner shows a 40-character name, role and school in full at 320 px, log out one tap away", async ({ page }) => {
  // 40 characters, UTF-8: accents, a hyphen and a long last name.
  const [first, last] = ["Maria-José Ñúñez", "Montenegro-Åkerström Ba"];
  expect(`${first} ${last}`).toHaveLength(40);
  const teacher = await freshTeacher(first, last, { district: true, email: false });
  await page.setViewportSize({ width: 320, height: 700 });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await finishOnboarding(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  const banner = page.getByTestId("logged-in-banner");
  const name = banner.getByTestId("banner-name");
  await expect(name).toHaveText(`${first} ${last}`);
  await expect(name).toHaveAttribute("dir", "auto");
  for (const part of [name, banner.getByTestId("banner-role"), banner.getByTestId("banner-place")]) {
    // Unclipped: its content fits its box, and the box fits the phone.
    const clipped = await part.evaluate((el) => {
      const line = el.closest("p");
      const box = el.getBoundingClientRect();
      const style = line ? getComputedStyle(line) : null;
      return !line || line.scrollWidth > line.clientWidth + 1 || style?.textOverflow === "ellipsis" || box.right > window.innerWidth + 1 || box.left < 0;
    });
    expect(clipped, `${await part.textContent()} clipped`).toBe(false);
  }
  await expect(banner.getByRole("button", { name: "Log out" })).toBeInViewport();
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});

test("[LIB-R07] [LIB-R06] [roster-trust] “Don't see a class?” names a hidden class (one-click show), an archived one with its date, and who to ask", async ({ page }) => {
  const teacher = await freshTeacher("Wen", "Whereclass", { district: true, sections: [{ name: "Hide Me", subject: "math", grade: "4", students: [] }, { name: "Goes Away", subject: "science", grade: "4", students: [] }] });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await finishOnboarding(page);
  await page.goto("/classes");
  await expect(page.getByTestId("missing-not-shared")).toContainText("ask your Clever admin");
  // The Clever ID of the API version the deployment speaks (on v3.1, her v3 ID).
  const stored = await userByCleverId(teacher.id);
  await expect(page.getByTestId("missing-not-shared")).toContainText(stored?.cleverId ?? teacher.id);
  await page.getByTestId("chooser-item").filter({ hasText: "Hide Me" }).getByRole("button", { name: /Hide/ }).click();
  const hidden = page.getByTestId("missing-hidden");
  await expect(hidden).toContainText("You hid 1 class from your dashboard");
  // Each hidden class is listed once: in the chooser, with its Show button.
  await expect(page.getByTestId("chooser-item").filter({ hasText: "Hide Me" })).toHaveCount(1);
  await expect(page.getByTestId("missing-classes")).not.toContainText("Hide Me");
  await expect(page.getByRole("button", { name: "Show Hide Me" })).toHaveCount(1);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Show Hide Me" }).click();
  await expect(page.getByTestId("missing-hidden")).toHaveCount(0);
  await expect(page.getByTestId("chooser-item").filter({ hasText: "Hide Me" }).getByTestId("choice-state")).toHaveText("On your dashboard");

  const [gone] = await query<{ id: string }>(
    `SELECT s.id FROM "Section" s JOIN "SectionTeacher" t ON t."sectionId" = s.id JOIN "User" u ON u.id = t."teacherId" WHERE u."cleverId" = ANY($1) AND s.name = 'Goes Away'`,
    [storedCleverIds(teacher.id)],
  );
  await sandbox.deleteData("sections", gone?.id ?? "");
  await page.goto("/dashboard");
  await syncNow(page);
  await page.goto("/classes");
  await expect(page.getByTestId("missing-archived")).toContainText(`Goes Away (since ${today()})`);
});

test("[LIB-R06] [LIB-12] [roster-trust] “Don't see a class?” gives a failed sync's reason and reference, and the way to try again", async ({ page }, testInfo) => {
  const teacher = await freshTeacher("Fen", "Failsafe", { district: true, sections: [{ name: "Kept Class", subject: "math", grade: "4", students: [] }] });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await finishOnboarding(page);
  // Every attempt (first try and its retries) at this teacher's sections fails.
  await sandbox.addFault({ path: apiPath.teacherSections(teacher.id), status: 500, times: 5 });
  await page.goto("/dashboard");
  const answer = await syncNow(page, /Reference ERR-/);
  const reference = /ERR-[A-Z2-9]{6}/.exec(answer)?.[0] ?? "";

  await page.goto("/classes");
  const reason = page.getByTestId("missing-sync-failed");
  await expect(reason).toContainText(`The last sync with Clever didn't finish on ${today()}: Clever had a problem answering.`);
  // The same reference the sync gave, for support.
  await expect(reason.locator("strong")).toHaveText(reference);
  await expect(page.getByTestId("missing-not-shared")).toContainText("Otherwise, your district or Clever has not shared it");
  await expect(page.getByTestId("chooser-item").filter({ hasText: "Kept Class" })).toHaveCount(1);
  await expectAccessible(page);
  await snap(page, testInfo, "missing-class-failed-sync");

  await reason.getByRole("link", { name: /try again/ }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
  await syncNow(page);
  await page.goto("/classes");
  await expect(page.getByTestId("missing-sync-failed")).toHaveCount(0);
});

test("[LIB-12] [LIB-R06] [roster-trust] an expired Clever sign-in offers “Reconnect to Clever”, which returns to the same page with a fresh sync", async ({ page }, testInfo) => {
  // A Library teacher: her syncs read Clever with her own token (a district-shared teacher's use the district's).
  const teacher = await freshTeacher("Rey", "Reconnect", { sections: [{ name: "Token Class", subject: "math", grade: "4", students: [] }] });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await finishOnboarding(page, "Boise");
  await query(`UPDATE "CleverToken" SET "expiresAt" = now() - interval '1 minute' WHERE "userId" IN (SELECT id FROM "User" WHERE "cleverId" = ANY($1))`, [storedCleverIds(teacher.id)]);
  // A sync now fails for want of a token: its answer is the reconnect, not a retry.
  await syncNow(page, /Your Clever sign-in has expired/);
  await expect(page.getByRole("button", { name: "Reconnect to Clever" })).toBeVisible();
  // Meanwhile she adds a class in Clever: only a sync after the reconnect can bring it.
  const added = newId();
  await sandbox.putData("sections", added, { id: added, name: "Arrived After Reconnect", subject: "science", grade: "4", teacher: teacher.id, teachers: [teacher.id], students: [] });

  // A filtered page: the reconnect comes back to it, query and all.
  await page.goto("/classes?subject=math");
  const reason = page.getByTestId("missing-token");
  await expect(reason).toContainText("Your Clever sign-in has expired");
  await expectAccessible(page);
  await snap(page, testInfo, "missing-class-reconnect");
  await reason.getByRole("button", { name: "Reconnect to Clever" }).click();
  await page.waitForURL((url) => url.pathname === "/classes", { timeout: 30_000 });
  expect(new URL(page.url()).search).toBe("?subject=math");
  await expect(page.getByTestId("missing-token")).toHaveCount(0);
  // The reconnect's login synced: the new class is there.
  await waitForSync(teacher.id, 2);
  // The signing-in page may deliver its code a second time, which lands on
  // this page again: a visit of our own can be cut short by it.
  await expect(async () => {
    await page.goto("/classes");
    await expect(page.getByTestId("chooser-item").filter({ hasText: "Arrived After Reconnect" })).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
});

test("[LIG-04] [LIB-12] [LIB-R06] [LIB-R09] [roster-trust] a student and a co-teacher renamed in Clever show their new names after Sync my classes, the old ones gone", async ({ page }) => {
  const student = newId();
  await putStudent(student, "Bea", "Oldname", true);
  const coTeacher = await freshTeacher("Cole", "Oldname", { district: true });
  const teacher = await freshTeacher("Rhea", "Renames", { district: true, sections: [{ name: "Name Check", subject: "math", grade: "4", students: [student], coTeachers: [coTeacher.id] }] });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await finishOnboarding(page);
  const sectionId = await sectionOf(teacher);
  const classPage = `/dashboard/sections/${encodeURIComponent(sectionId)}`;
  const card = page.getByTestId("class-card").filter({ hasText: "Name Check" });
  await expect(card).toContainText("Co-teachers: Cole Oldname");
  await page.goto(classPage);
  await expect(page.getByTestId("roster").getByTestId("student-name")).toHaveText(["Bea Oldname"]);

  // Upstream: both are renamed in Clever, under the same Clever IDs.
  await putStudent(student, "Beatriz", "Núñez", true);
  const coRecord = (await sandbox.getData("teachers", coTeacher.id)).data;
  await sandbox.putData("teachers", coTeacher.id, { ...coRecord, name: { first: "Colette", last: "Newname" } });
  await page.goto("/dashboard");
  await syncOnce(page);
  await expect(card).toContainText("Co-teachers: Colette Newname");
  await expect(card).not.toContainText("Oldname");
  await page.goto(classPage);
  await expect(page.getByTestId("roster").getByTestId("student-name")).toHaveText(["Beatriz Núñez"]);
  await expect(page.locator("main")).not.toContainText("Oldname");
  await expectAccessible(page);
});

test("[LIB-12] [LIG-04] [roster-trust] a student Clever takes out of a class no longer sees it after their own next login", async ({ page }) => {
  const id = newId();
  await putStudent(id, "Oona", "Outgoing", true);
  const student: FixtureHandle = { key: `ui:${id}`, id, type: "student", name: "Oona Outgoing", districtId: fixtures.district.id, email: null, tags: ["ui-test"] };
  const stays = await freshTeacher("Stella", "Stays", { district: true, sections: [{ name: "Kept Math", subject: "math", grade: "4", students: [id] }] });
  const leaves = await freshTeacher("Lionel", "Leaves", { district: true, sections: [{ name: "Dropped Art", subject: "arts and music", grade: "4", students: [id] }] });
  const classes = page.getByTestId("student-classes").getByRole("listitem");
  await instantLogin(page, student);
  await waitForSync(id);
  await page.reload();
  await expect(classes.filter({ hasText: "Kept Math" })).toHaveCount(1);
  await expect(classes.filter({ hasText: "Dropped Art" })).toHaveCount(1);

  // Upstream: Clever takes her out of Art; no teacher signs in or syncs.
  const [art] = await query<{ id: string }>(
    `SELECT s.id FROM "Section" s JOIN "SectionTeacher" t ON t."sectionId" = s.id JOIN "User" u ON u.id = t."teacherId" WHERE u."cleverId" = ANY($1)`,
    [storedCleverIds(leaves.id)],
  );
  const current = (await sandbox.getData("sections", art?.id ?? "")).data;
  await sandbox.putData("sections", art?.id ?? "", { ...current, students: [] });
  // Her next login is later: her roster is no longer fresh (LOGIN_SYNC_FRESH_SECONDS), so that login syncs.
  await syncWindowPasses(id);
  await instantLogin(page, student);
  await waitForSync(id, 2);
  await page.reload();
  await expect(classes.filter({ hasText: "Kept Math" })).toHaveCount(1);
  await expect(classes.filter({ hasText: "Dropped Art" })).toHaveCount(0);
  await expect(page.getByTestId("teacher-list")).toContainText(stays.name);
  await expect(page.getByTestId("teacher-list")).not.toContainText(leaves.name);
  await expectAccessible(page);
});

test("[LIB-02] [SS-Q6] [roster-trust] a district student first seen at their own login, before any teacher has synced, is provisioned from nothing and sees their classes", async ({ page, context }) => {
  const id = newId();
  await putStudent(id, "Nia", "Newcomer", true);
  const student: FixtureHandle = { key: `ui:${id}`, id, type: "student", name: "Nia Newcomer", districtId: fixtures.district.id, email: null, tags: ["ui-test"] };
  const science = await freshTeacher("Sami", "Science", { district: true, sections: [{ name: "First Science", subject: "science", grade: "4", students: [id] }] });
  const reading = await freshTeacher("Rosa", "Reading", { district: true, sections: [{ name: "First Reading", subject: "english/language arts", grade: "4", students: [id] }] });
  const everyone = [id, science.id, reading.id].flatMap(storedCleverIds);
  // Nothing in the app knows her, her teachers or their classes: nobody has signed in or synced.
  expect(await query(`SELECT id FROM "User" WHERE "cleverId" = ANY($1)`, [everyone])).toEqual([]);

  await instantLogin(page, student);
  await expect(page.getByTestId("banner-name")).toHaveText("Nia Newcomer");
  const rows = await query<{ id: string; role: string; authorizedBy: string | null; districtId: string | null }>(
    `SELECT id, role::text AS role, "authorizedBy"::text AS "authorizedBy", "districtId" FROM "User" WHERE "cleverId" = ANY($1)`,
    [storedCleverIds(id)],
  );
  expect(rows).toEqual([{ id: rows[0]?.id, role: "student", authorizedBy: "district", districtId: fixtures.district.id }]);
  expect(await signedInUserId(context)).toBe(rows[0]?.id);

  // Her own login's sync (the district token) brings her classes and teachers.
  await waitForSync(id);
  await page.reload();
  const classes = page.getByTestId("student-classes").getByRole("listitem");
  await expect(classes.filter({ hasText: "First Science" })).toHaveCount(1);
  await expect(classes.filter({ hasText: "First Reading" })).toHaveCount(1);
  await expect(page.getByTestId("teacher-list")).toContainText(science.name);
  await expect(page.getByTestId("teacher-list")).toContainText(reading.name);
  // No teacher of hers has synced: the classes came from her own sync.
  expect(await query(`SELECT r.id FROM "SyncRun" r JOIN "User" u ON u.id = r."userId" WHERE u."cleverId" = ANY($1)`, [[science.id, reading.id].flatMap(storedCleverIds)])).toEqual([]);
  await expectAccessible(page);
});
