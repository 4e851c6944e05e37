// District rostering (Secure Sync) end to end: a district of its own is
// connected in the local Clever and rostered in full by the stack's job
// worker on an operator's request (`npm run roster -- sync`, as
// DISTRICT_ROSTERING=manual asks); its student then sees her classes on her
// first login, before any teacher has signed in, and a transfer made in
// Clever reaches her dashboard through the Events feed, with no login in
// between. Fresh records per test (the suite shares one local Clever).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, type Page, test } from "@playwright/test";
import { testPorts, testStackEnv } from "../scripts/lib/test-stack";
import { type FixtureHandle, instantLogin, isLanding, sandbox } from "./support/clever";
import { query } from "./support/db";
import { expectAccessible, newId, unique } from "./ui-support";

const run = promisify(execFile);

interface District {
  id: string;
  school: string;
  teacher: string;
  student: FixtureHandle;
  sections: { math: { id: string; name: string }; art: { id: string; name: string } };
}

/** A connected district with one school, a teacher, a student in Math and another in Art. */
async function freshDistrict(): Promise<District> {
  const [id, school, teacher, studentId, other, math, art] = [newId(), newId(), newId(), newId(), newId(), newId(), newId()];
  const name = unique("Rosterville Unified");
  await sandbox.putData("districts", id, { id, name });
  await sandbox.putData("schools", school, { id: school, district: id, name: `${name} Elementary`, low_grade: "Kindergarten", high_grade: "5" });
  await sandbox.putData("teachers", teacher, { id: teacher, district: id, school, schools: [school], name: { first: "Teo", last: "Rostova" }, email: `teo.${teacher.slice(0, 6)}@rosterville.example` });
  await sandbox.putData("students", studentId, { id: studentId, district: id, school, name: { first: "Amaia", last: "Etxeberria" }, grade: "4" });
  await sandbox.putData("students", other, { id: other, district: id, school, name: { first: "Yusuf", last: "Demir" }, grade: "4" });
  const sections = { math: { id: math, name: unique("Math 4") }, art: { id: art, name: unique("Art 4") } };
  await sandbox.putData("sections", math, { id: math, district: id, school, name: sections.math.name, subject: "math", grade: "4", teacher, teachers: [teacher], students: [studentId] });
  await sandbox.putData("sections", art, { id: art, district: id, school, name: sections.art.name, subject: "arts and music", grade: "4", teacher, teachers: [teacher], students: [other] });
  await sandbox.connect(id, true);
  const student: FixtureHandle = { key: `ui:${studentId}`, id: studentId, type: "student", name: "Amaia Etxeberria", districtId: id, email: null, tags: ["ui-test", "district-roster"] };
  return { id, school, teacher, student, sections };
}

/** The operator's on-demand full sync, then the worker's run of it. */
async function rosterNow(districtId: string): Promise<void> {
  const env = { ...process.env, ...testStackEnv(testPorts()), DATABASE_URL: process.env.DATABASE_URL ?? "" };
  const { stdout } = await run("npm", ["run", "--silent", "roster", "--", "sync", districtId], { env, timeout: 60_000 });
  expect(stdout).toContain("queued");
  await expect
    .poll(async () => (await query<{ at: Date | null }>(`SELECT "lastFullSyncAt" AS at FROM "DistrictSync" WHERE "districtId" = $1`, [districtId]))[0]?.at ?? null, {
      timeout: 60_000,
      message: `full sync of ${districtId}`,
    })
    .not.toBeNull();
}

const classCards = (page: Page) => page.getByTestId("student-classes").getByRole("listitem");

test("[LIG-04] [district-rostering] a student of a rostered district sees her classes on her first login, before any teacher has signed in", async ({ page }) => {
  const district = await freshDistrict();
  await rosterNow(district.id);
  // Nobody of the district has signed in: the roster came from the district sync.
  expect(await query(`SELECT a.id FROM "Account" a JOIN "User" u ON u.id = a."userId" WHERE u."districtId" = $1`, [district.id])).toEqual([]);

  await instantLogin(page, district.student, { waitForLanding: false });
  await page.waitForURL(isLanding);
  await expect(classCards(page).filter({ hasText: district.sections.math.name })).toHaveCount(1);
  await expect(classCards(page).filter({ hasText: district.sections.art.name })).toHaveCount(0);
  await expectAccessible(page);
});

test("[LIG-04] [district-rostering] a transfer made in Clever reaches the student's dashboard through Events, with no login in between", async ({ page }) => {
  const district = await freshDistrict();
  await rosterNow(district.id);
  await instantLogin(page, district.student, { waitForLanding: false });
  await page.waitForURL(isLanding);
  await expect(classCards(page).filter({ hasText: district.sections.math.name })).toHaveCount(1);

  // The district moves her from Math to Art.
  const math = (await sandbox.getData("sections", district.sections.math.id)).data;
  const art = (await sandbox.getData("sections", district.sections.art.id)).data;
  await sandbox.putData("sections", district.sections.math.id, { ...math, students: [] });
  await sandbox.putData("sections", district.sections.art.id, { ...art, students: [...((art.students as string[] | undefined) ?? []), district.student.id] });

  // The worker's next event poll (every two seconds here) applies it; a reload shows it.
  await expect(async () => {
    await page.reload();
    await expect(classCards(page).filter({ hasText: district.sections.art.name })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(classCards(page).filter({ hasText: district.sections.math.name })).toHaveCount(0);
  const logins = await query<{ n: string }>(`SELECT count(*) AS n FROM "SyncRun" r JOIN "User" u ON u.id = r."userId" WHERE u."cleverId" = $1`, [district.student.id]);
  expect(Number(logins[0]?.n)).toBe(1);
});
