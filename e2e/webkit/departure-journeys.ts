// Departures in the Safari engine (SS-04, SS-R7): a district of its own is
// rostered on an operator's request, then Clever takes a person away; the
// stack's worker reads the event, and the person's next click ends their
// session with the page that says why.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { testPorts, testStackEnv } from "../../scripts/lib/test-stack";
import type { FixtureHandle } from "../../sandbox/fixtures";
import { assert, click, waitForText, type Journey, type JourneyContext } from "./harness";
import { LoggedOutPage } from "./pages";
import { instantLogin, rows, sandboxControl } from "./steps";

const hex = () => randomBytes(12).toString("hex");

/** A connected district with a school, a student in one class, and a district admin. */
export async function freshDistrict(stack: JourneyContext["stack"]): Promise<{ id: string; className: string; student: FixtureHandle; admin: FixtureHandle }> {
  const control = sandboxControl(stack);
  const [id, school, teacher, student, section, admin] = [hex(), hex(), hex(), hex(), hex(), hex()];
  const stamp = id.slice(0, 4);
  const className = `Departures ${stamp}`;
  await control.putData("districts", id, { id, name: `Leaving Unified ${stamp}` });
  await control.putData("schools", school, { id: school, district: id, name: `Leaving Elementary ${stamp}`, low_grade: "1", high_grade: "5" });
  await control.putData("teachers", teacher, { id: teacher, district: id, school, schools: [school], name: { first: "Tala", last: `Teacher-${stamp}` } });
  await control.putData("students", student, { id: student, district: id, school, name: { first: "Sasha", last: `Student-${stamp}` }, grade: "4" });
  await control.putData("sections", section, { id: section, district: id, school, name: className, subject: "math", grade: "4", teacher, teachers: [teacher], students: [student] });
  await control.putData("district_admins", admin, { id: admin, district: id, name: { first: "Dora", last: `Admin-${stamp}` }, title: "Director of Technology" });
  await control.connect(id, true);
  const handle = (userId: string, type: FixtureHandle["type"], name: string): FixtureHandle => ({ key: `webkit:${userId}`, id: userId, type, name, districtId: id, email: null, tags: ["webkit"] });
  return { id, className, student: handle(student, "student", `Sasha Student-${stamp}`), admin: handle(admin, "district_admin", `Dora Admin-${stamp}`) };
}

/** `npm run roster -- sync ID`, then the worker's full sync of it (one that started after the request). */
export async function rosterNow(stack: JourneyContext["stack"], districtId: string): Promise<void> {
  const since = new Date();
  const env = { ...process.env, ...testStackEnv(testPorts()), DATABASE_URL: stack.databaseUrl ?? "" };
  await promisify(execFile)("npm", ["run", "--silent", "roster", "--", "sync", districtId], { env, timeout: 60_000 });
  // Prisma keeps DateTime columns as UTC timestamps without a zone.
  await until(
    stack,
    `SELECT "fullStep" IS NULL AND "fullStartedAt" > ($2::timestamptz AT TIME ZONE 'UTC') AND "lastFullSyncAt" >= "fullStartedAt" AS done FROM "DistrictSync" WHERE "districtId" = $1`,
    [districtId, since.toISOString()],
    `the full sync of ${districtId}`,
  );
}

/** Polls a one-row query whose `done` turns true. */
async function until(stack: JourneyContext["stack"], sql: string, params: unknown[], what: string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if ((await rows<{ done: boolean }>(stack, sql, params))[0]?.done) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const archived = (stack: JourneyContext["stack"], cleverId: string) =>
  until(stack, `SELECT "archivedAt" IS NOT NULL AS done FROM "User" WHERE "cleverId" = $1`, [cleverId], `the events to archive ${cleverId}`);

async function expectUnsharedPage(context: JourneyContext): Promise<void> {
  await new LoggedOutPage(context.browser).waitForUnshared();
  await context.capture();
}

export const departureJourneys: Journey[] = [
  {
    title: "[SS-04][SS-R7] A district admin Clever removes loses the admin view at the next events poll, with no login: the next click signs them out and says why",
    async run(context) {
      const { browser, stack } = context;
      const district = await freshDistrict(stack);
      await rosterNow(stack, district.id);
      await instantLogin(context, district.admin);
      await waitForText(browser, /Leaving Elementary/);
      await sandboxControl(stack).deleteData("district_admins", district.admin.id);
      await archived(stack, district.admin.id);
      await click(browser, /Leaving Elementary/);
      await expectUnsharedPage(context);
    },
  },
  {
    title: "[SS-04][SS-R7] A student Clever unshares is signed out on her next click and sees the friendly page",
    async run(context) {
      const { browser, stack } = context;
      const district = await freshDistrict(stack);
      await rosterNow(stack, district.id);
      await instantLogin(context, district.student);
      await waitForText(browser, new RegExp(district.className));
      await sandboxControl(stack).deleteData("students", district.student.id);
      await archived(stack, district.student.id);
      await browser.refresh();
      await expectUnsharedPage(context);
      const sessions = await rows(stack, `SELECT s.id FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u."cleverId" = $1 AND s."endedReason" IS NULL`, [district.student.id]);
      assert(sessions.length === 0, "her session outlived her unsharing");
    },
  },
];
