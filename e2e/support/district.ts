// A district of its own in the local Clever, rostered in full on an
// operator's request (`npm run roster -- sync`, as DISTRICT_ROSTERING=manual
// asks) and then kept current by the stack's worker from Clever's events:
// shared by the journeys about district rostering and departures.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect } from "@playwright/test";
import { testPorts, testStackEnv } from "../../scripts/lib/test-stack";
import { type FixtureHandle, sandbox } from "./clever";
import { query } from "./db";
import { newId, unique } from "../ui-support";

const run = promisify(execFile);

export interface District {
  id: string;
  school: string;
  teacher: string;
  student: FixtureHandle;
  sections: { math: { id: string; name: string }; art: { id: string; name: string } };
}

/** A connected district with one school, a teacher, a student in Math and another in Art. */
export async function freshDistrict(): Promise<District> {
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

/** Waits until a full sync of the district that started after `since` has finished. */
export async function fullSyncSince(districtId: string, since: Date, message: string, timeout = 60_000): Promise<void> {
  await expect
    .poll(
      async () => {
        // Prisma keeps DateTime columns as UTC timestamps without a zone.
        const [row] = await query<{ done: boolean }>(
          `SELECT "fullStep" IS NULL AND "fullStartedAt" > ($2::timestamptz AT TIME ZONE 'UTC') AND "lastFullSyncAt" >= "fullStartedAt" AS done
           FROM "DistrictSync" WHERE "districtId" = $1`,
          [districtId, since.toISOString()],
        );
        return row?.done ?? false;
      },
      { timeout, message },
    )
    .toBe(true);
}

/** The operator's on-demand full sync, then the worker's run of it. */
export async function rosterNow(districtId: string): Promise<void> {
  const since = new Date();
  const env = { ...process.env, ...testStackEnv(testPorts()), DATABASE_URL: process.env.DATABASE_URL ?? "" };
  const { stdout } = await run("npm", ["run", "--silent", "roster", "--", "sync", districtId], { env, timeout: 60_000 });
  expect(stdout).toContain("queued");
  await fullSyncSince(districtId, since, `full sync of ${districtId}`);
  const [state] = await query<{ fullSyncReason: string | null }>(`SELECT "fullSyncReason" FROM "DistrictSync" WHERE "districtId" = $1`, [districtId]);
  expect(state?.fullSyncReason).toBe("operator");
}

/** The district's teacher, to sign in as. */
export function teacherOf(district: District): FixtureHandle {
  return { key: `ui:${district.teacher}`, id: district.teacher, type: "teacher", name: "Teo Rostova", districtId: district.id, email: `teo.${district.teacher.slice(0, 6)}@rosterville.example`, tags: ["ui-test", "district-roster"] };
}

