// Roster sync against the in-process local Clever and a real PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from "vitest";
import { bigSectionStudents, fixtures, twelveSections } from "@/sandbox/fixtures";
import type { Sandbox } from "@/sandbox/server";
import { syncUser } from "./sync";
import { type CountingDb, countingDb, logIn, startLocalClever, testDeps } from "./testing";

let sandbox: Sandbox;
let counting: CountingDb;
const deps = () => testDeps(sandbox, counting.db);

beforeAll(async () => {
  sandbox = await startLocalClever();
  counting = countingDb(inject("databaseUrl") || (process.env.DATABASE_URL as string));
});
afterAll(async () => {
  await counting?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  sandbox.reset();
  await counting.db.$executeRawUnsafe(`TRUNCATE "User", "Section", "School", "District", "CleverToken", "RateLimit" CASCADE`);
});

async function activeSections(userId: string) {
  return counting.db.section.findMany({
    where: { archivedAt: null, teachers: { some: { teacherId: userId, archivedAt: null } } },
    include: { enrollments: { where: { archivedAt: null } }, teachers: { where: { archivedAt: null } } },
    orderBy: { id: "asc" },
  });
}

describe("teacher sync", () => {
  test("[LIB-09] a teacher with zero sections syncs to an empty class list", async () => {
    const { user } = await logIn(sandbox, deps(), fixtures.teacherZeroSections.id);
    const result = await syncUser(user.id, "login", deps());
    expect(result.status).toBe("succeeded");
    expect(await activeSections(user.id)).toEqual([]);
  });

  test("[LIB-09] a Library teacher with zero sections syncs to an empty class list", async () => {
    const { user } = await logIn(sandbox, deps(), fixtures.libraryTeacherZeroSections.id);
    const result = await syncUser(user.id, "login", deps());
    expect(result).toMatchObject({ status: "succeeded", source: "user_token" });
    expect(await activeSections(user.id)).toEqual([]);
  });

  test("[LIB-R10] [LIG-03] a teacher with 12 sections gets all 12 with subject, grade, number, period and students", async () => {
    const { user } = await logIn(sandbox, deps(), fixtures.teacherTwelveSections.id);
    const result = await syncUser(user.id, "login", deps());
    expect(result).toMatchObject({ status: "succeeded", source: "district_token" });
    const sections = await activeSections(user.id);
    expect(sections.map((s) => s.id).sort()).toEqual(twelveSections.map((s) => s.id).sort());
    const math = sections.find((s) => s.id === fixtures.twelveSection02.id);
    expect(math).toMatchObject({ name: "Math 3", subject: "math", grade: "3", period: "2" });
    expect(math?.sectionNumber).toMatch(/^SEC-/);
    expect(math?.enrollments.length).toBeGreaterThan(0);
    const choices = await counting.db.sectionChoice.count({ where: { teacherId: user.id, shown: true } });
    expect(choices).toBe(12);
  });

  test("[LIB-R11] [SYNC-03] the 125-student section through a district-app token (paged at Clever's limit)", async () => {
    const { user } = await logIn(sandbox, deps(), fixtures.teacherBigSection.id);
    const result = await syncUser(user.id, "login", deps());
    expect(result).toMatchObject({ status: "succeeded", source: "district_token" });
    const [section] = await activeSections(user.id);
    expect(section?.id).toBe(fixtures.sectionBig.id);
    expect(section?.enrollments).toHaveLength(125);
    const students = await counting.db.user.findMany({ where: { cleverId: { in: bigSectionStudents.map((s) => s.id) } } });
    expect(students).toHaveLength(125);
  });
});
