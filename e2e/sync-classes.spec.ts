// Roster sync in the browser: what a login imports (LIG-01, LIG-02, LIG-03,
// LIB-R09, LIB-08), and "Sync my classes" after upstream changes (LIG-04,
// LIB-12, LIB-R06), including a failed sync that keeps the last data and
// offers a retry. Fresh sandbox users keep parallel browsers apart; teachers
// are district-shared so their onboarding needs no school search.
import { expect, test } from "@playwright/test";
import { fixtures, instantLogin, sandbox } from "./support/clever";
import { query, storedCleverIds } from "./support/db";
import { cleverLogin, expectAccessible, finishOnboarding, freshTeacher, newId, syncNow, waitForSync } from "./ui-support";
import { apiPath } from "./support/clever-api";

const roster = (n: number) => Array.from({ length: n }, () => newId());

async function putStudents(ids: string[], names: string[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    await sandbox.putData("students", id, {
      id,
      district: fixtures.district.id,
      school: fixtures.schoolElementary.id,
      name: { first: names[i] ?? `Kid ${i}`, last: "Sync" },
      grade: "4",
    });
  }
}

test("[SS-07] [LIG-01] [LIG-03] [LIB-R09] [LIB-Q5] co-teachers each see the shared class once, with each other", async ({ browser }) => {
  const students = roster(3);
  await putStudents(students, ["Ana", "Bo", "Cy"]);
  const partner = await freshTeacher("Pat", "Partner", { district: true });
  const lead = await freshTeacher("Lea", "Lead", {
    district: true,
    sections: [{ name: "Team Science", subject: "science", grade: "4", students, coTeachers: [partner.id] }],
  });

  for (const [me, other] of [
    [lead, partner],
    [partner, lead],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await cleverLogin(page, me);
    await waitForSync(me.id);
    await finishOnboarding(page);
    const card = page.getByTestId("class-card").filter({ hasText: "Team Science" });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText("3 students");
    await expect(card).toContainText(`Co-teachers: ${other.name}`);
    await context.close();
  }
  const rows = await query<{ n: string }>(
    `SELECT count(*) AS n FROM "SectionTeacher" t JOIN "User" u ON u.id = t."teacherId" WHERE u."cleverId" = ANY($1) AND t."archivedAt" IS NULL`,
    [[lead.id, partner.id].flatMap(storedCleverIds)],
  );
  expect(Number(rows[0]?.n)).toBe(2);
});

test("[SS-07] [LIB-08] [LIG-02] a Library student in two teachers' sections is provisioned on first login and sees both teachers", async ({ page, browser }) => {
  // A Library student's token reads only their own record: their classes are
  // what their teachers' syncs stored, so both teachers have signed in first.
  const kid = newId();
  await sandbox.putData("students", kid, { id: kid, name: { first: "Kiri", middle: "", last: "Twoteachers" }, grade: "4" });
  const rosa = await freshTeacher("Rosalind", "Reading", { sections: [{ name: "Reading Nook", subject: "english/language arts", grade: "4", students: [kid] }] });
  const sam = await freshTeacher("Samir", "Studio", { sections: [{ name: "Art Loft", subject: "arts and music", grade: "4", students: [kid] }] });
  for (const teacher of [rosa, sam]) {
    const context = await browser.newContext();
    await cleverLogin(await context.newPage(), teacher);
    await waitForSync(teacher.id);
    await context.close();
  }
  const student = { key: `ui:${kid}`, id: kid, type: "student" as const, name: "Kiri Twoteachers", districtId: null, email: null, tags: ["ui-test"] };
  await instantLogin(page, student, { consent: "allow" });
  await waitForSync(kid);
  await page.reload();
  const teachers = page.getByTestId("teacher-list");
  await expect(teachers).toContainText(rosa.name);
  await expect(teachers).toContainText(sam.name);
  await expect(page.getByTestId("student-classes")).toContainText("Reading Nook");
  await expect(page.getByTestId("student-classes")).toContainText("Art Loft");
  await expectAccessible(page);
});

test("[LIG-04] [LIB-12] [LIB-R06] [LIB-Q4] Sync my classes picks up upstream changes and says what changed", async ({ page }) => {
  const students = roster(2);
  await putStudents(students, ["Iñaki", "Zoë"]);
  const teacher = await freshTeacher("Sia", "Syncwell", {
    district: true,
    sections: [{ name: "Reading Room", subject: "english/language arts", grade: "4", students: students.slice(0, 1) }],
  });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await finishOnboarding(page);
  await expect(page.getByTestId("class-card")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Sync my classes" })).toBeVisible();

  // Upstream: the class is renamed and gains a student; a new class appears.
  const [section] = await query<{ id: string }>(
    `SELECT s.id FROM "Section" s JOIN "SectionTeacher" t ON t."sectionId" = s.id JOIN "User" u ON u.id = t."teacherId" WHERE u."cleverId" = ANY($1)`,
    [storedCleverIds(teacher.id)],
  );
  const current = (await sandbox.getData("sections", section?.id ?? "")).data;
  await sandbox.putData("sections", section?.id ?? "", { ...current, name: "Reading Room — Año 2", students });
  const newSection = newId();
  await sandbox.putData("sections", newSection, {
    id: newSection,
    district: fixtures.district.id,
    school: fixtures.schoolElementary.id,
    name: "Poetry Club",
    subject: "english/language arts",
    grade: "4",
    teacher: teacher.id,
    teachers: [teacher.id],
    students: [],
  });

  const summary = await syncNow(page);
  expect(summary).toContain("Synced with Clever: 1 new class, 1 class updated, 1 student added.");
  await expect(page.getByTestId("class-card")).toHaveCount(2);
  await expect(page.getByTestId("class-list")).toContainText("Reading Room — Año 2");
  await expect(page.getByTestId("class-list")).toContainText("Poetry Club");
  await expectAccessible(page);

  // It disappears upstream: archived, not shown, and the summary says so.
  await sandbox.deleteData("sections", newSection);
  expect(await syncNow(page)).toContain("1 class archived");
  await expect(page.getByTestId("class-card")).toHaveCount(1);
});

test("[LIB-R06] a failed sync changes nothing, gives a reference, and can be retried", async ({ page }) => {
  const teacher = await freshTeacher("Fay", "Faultline", { district: true, sections: [{ name: "Steady Class", subject: "math", grade: "4", students: [] }] });
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await finishOnboarding(page);
  await expect(page.getByTestId("class-card")).toHaveCount(1);

  // Every attempt (first try + retries) on this teacher's sections fails.
  await sandbox.addFault({ path: apiPath.teacherSections(teacher.id), status: 500, times: 5 });
  const failed = await syncNow(page, /Reference ERR-/);
  expect(failed).toMatch(/Reference ERR-[A-Z2-9]{6}/);
  await expect(page.getByTestId("class-list")).toContainText("Steady Class");

  await page.reload();
  await expect(page.getByTestId("sync-failed-notice")).toContainText("didn't finish");
  expect(await syncNow(page)).toContain("Synced with Clever");
  await page.reload();
  await expect(page.getByTestId("sync-failed-notice")).toHaveCount(0);
});
