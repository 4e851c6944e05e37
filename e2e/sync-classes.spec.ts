// Roster sync in the browser: what a login imports (LIG-01, LIG-02, LIG-03,
// LIB-R09, LIB-08), and "Sync my classes" after upstream changes (LIG-04,
// LIB-12, LIB-R06), including a failed sync that keeps the last data and
// offers a retry. Fresh sandbox users keep parallel browsers apart; teachers
// are district-shared so their onboarding needs no school search.
import { fixtures, sandbox } from "./support/clever";
import { apiPath } from "./support/clever-api";
import { query, storedCleverIds } from "./support/db";
import { DashboardPage, expect, test } from "./support/fixtures";
import { cleverLogin, freshStudent, freshTeacher, newId, signInTeacher, waitForSync } from "./ui-support";

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
    await signInTeacher(page, me);
    const card = new DashboardPage(page).card("Team Science");
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

test("[SS-07] [LIB-08] [LIG-02] a Library student in two teachers' sections is provisioned on first login and sees both teachers", async ({ browser, signInStudent, studentDashboard, accessible }) => {
  // A Library student's token reads only their own record: their classes are
  // what their teachers' syncs stored, so both teachers have signed in first.
  const student = await freshStudent("Kiri", "Twoteachers", { district: false });
  const kid = student.id;
  const rosa = await freshTeacher("Rosalind", "Reading", { sections: [{ name: "Reading Nook", subject: "english/language arts", grade: "4", students: [kid] }] });
  const sam = await freshTeacher("Samir", "Studio", { sections: [{ name: "Art Loft", subject: "arts and music", grade: "4", students: [kid] }] });
  for (const teacher of [rosa, sam]) {
    const context = await browser.newContext();
    await cleverLogin(await context.newPage(), teacher);
    await waitForSync(teacher.id);
    await context.close();
  }
  await signInStudent(student);
  await expect(studentDashboard.teachers).toContainText(rosa.name);
  await expect(studentDashboard.teachers).toContainText(sam.name);
  await expect(studentDashboard.classes).toContainText("Reading Nook");
  await expect(studentDashboard.classes).toContainText("Art Loft");
  await accessible();
});

test("[LIG-04] [LIB-12] [LIB-R06] [LIB-Q4] Sync my classes picks up upstream changes and says what changed", async ({ signedInTeacher, dashboard, accessible }) => {
  const students = roster(2);
  await putStudents(students, ["Iñaki", "Zoë"]);
  const teacher = await signedInTeacher("Sia", "Syncwell", [{ name: "Reading Room", subject: "english/language arts", grade: "4", students: students.slice(0, 1) }]);
  await expect(dashboard.classCards).toHaveCount(1);
  await expect(dashboard.syncButton).toBeVisible();

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

  const summary = await dashboard.sync();
  expect(summary).toContain("Synced with Clever: 1 new class, 1 class updated, 1 student added.");
  await expect(dashboard.classCards).toHaveCount(2);
  await expect(dashboard.classList).toContainText("Reading Room — Año 2");
  await expect(dashboard.classList).toContainText("Poetry Club");
  await accessible();

  // It disappears upstream: archived, not shown, and the summary says so.
  await sandbox.deleteData("sections", newSection);
  expect(await dashboard.sync()).toContain("1 class archived");
  await expect(dashboard.classCards).toHaveCount(1);
});

test("[LIB-R06] a failed sync changes nothing, gives a reference, and can be retried", async ({ page, signedInTeacher, dashboard }) => {
  const teacher = await signedInTeacher("Fay", "Faultline", [{ name: "Steady Class", subject: "math", grade: "4", students: [] }]);
  await expect(dashboard.classCards).toHaveCount(1);

  // Every attempt (first try + retries) on this teacher's sections fails.
  await sandbox.addFault({ path: apiPath.teacherSections(teacher.id), status: 500, times: 5 });
  const failed = await dashboard.sync(/Reference ERR-/);
  expect(failed).toMatch(/Reference ERR-[A-Z2-9]{6}/);
  await expect(dashboard.classList).toContainText("Steady Class");

  await page.reload();
  await expect(dashboard.syncFailedNotice).toContainText("didn't finish");
  expect(await dashboard.sync()).toContain("Synced with Clever");
  await page.reload();
  await expect(dashboard.syncFailedNotice).toHaveCount(0);
});
