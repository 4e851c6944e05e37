// The sync under trouble: Clever failing halfway, rate limits, malformed
// bodies, and many syncs of one user at once (the lease itself, stale and
// crashed runs: sync-lease.int.test.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { FaultSpec } from "@/sandbox/control-client";
import { fixtures, twelveSections } from "@/sandbox/fixtures";
import type { CleverObject } from "@/sandbox/types";
import { syncUser } from "./sync";
import { dumpRoster, logIn, syncTestbed } from "@/tests/support/sync-testbed";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });

const fault = (spec: FaultSpec) => bed.clever.addFault(spec);
const stats = async () => (await bed.clever.stats()).endpoints;

describe("sync under trouble", () => {
  test("a 500 from Clever halfway through a sync leaves the database exactly as it was", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.coTeacherA.id);
    expect((await syncUser(user.id, "login", bed.deps())).status).toBe("succeeded");
    const section = await bed.clever.getData("sections", fixtures.sectionCoTaught.id);
    await bed.clever.putData("sections", fixtures.sectionCoTaught.id, { ...section.data, name: "Renamed upstream" });
    const before = await dumpRoster(bed.counting.db);

    // The co-teachers are read in the second round, after the sections and students.
    await fault({ path: `/v2.0/teachers/${fixtures.coTeacherB.id}`, status: 500 });
    const result = await syncUser(user.id, "button", bed.deps());
    expect(result).toMatchObject({ status: "failed", code: "server_error" });
    expect(result.status === "failed" && result.reference).toMatch(/^ERR-[A-Z2-9]{6}$/);
    expect(await dumpRoster(bed.counting.db)).toEqual(before);
    const run = await bed.counting.db.syncRun.findFirstOrThrow({ where: { userId: user.id }, orderBy: { startedAt: "desc" } });
    expect(run).toMatchObject({ outcome: "failed", trigger: "button", source: "district_token", errorCode: "server_error" });
    expect(run.errorRef).toBe(result.status === "failed" ? result.reference : "");
    // It was retried before giving up.
    expect((await stats())["GET /v2.0/teachers/{id}"]).toBeGreaterThan(3);
  });

  test("a 429 with Retry-After is waited out and the sync succeeds", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.teacherTwelveSections.id);
    await bed.clever.resetStats();
    await fault({ path: `/v2.0/teachers/${fixtures.teacherTwelveSections.id}/sections`, status: 429, retryAfter: 1, times: 1 });
    const result = await syncUser(user.id, "login", bed.deps());
    expect(result).toMatchObject({ status: "succeeded" });
    expect((await stats())["GET /v2.0/teachers/{id}/sections"]).toBe(2);
    expect(await bed.counting.db.section.count()).toBe(12);
  });

  test("a malformed Clever body fails the sync with a clear reason and writes nothing", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.teacherTwelveSections.id);
    const before = await dumpRoster(bed.counting.db);
    await fault({ path: `/v2.0/teachers/${fixtures.teacherTwelveSections.id}/students`, body: "malformed" });
    const result = await syncUser(user.id, "login", bed.deps());
    expect(result).toMatchObject({ status: "failed", code: "malformed_response" });
    expect(result.status === "failed" && result.message).toMatch(/couldn't read/);
    expect(await dumpRoster(bed.counting.db)).toEqual(before);
    expect(await bed.counting.db.section.count()).toBe(0);
  });

  test("ten concurrent syncs of one teacher leave exactly one copy of everything", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.teacherTwelveSections.id);
    await bed.clever.resetStats();
    const results = await Promise.all(Array.from({ length: 10 }, () => syncUser(user.id, "button", bed.deps())));
    const succeeded = results.filter((r) => r.status === "succeeded").length;
    expect(succeeded).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === "succeeded" || r.status === "already_running")).toBe(true);
    // The ones that found a sync running did not read Clever at all.
    expect((await stats())["GET /v2.0/teachers/{id}/sections"]).toBe(succeeded);
    // The running row is finished: the next sync runs.
    expect((await syncUser(user.id, "button", bed.deps())).status).toBe("succeeded");
    const db = bed.counting.db;
    expect(await db.section.count()).toBe(12);
    expect(await db.sectionTeacher.count()).toBe(12);
    expect(await db.sectionChoice.count()).toBe(12);
    const sectionIds = twelveSections.map((s) => s.id);
    const enrollments = await db.enrollment.findMany({ where: { sectionId: { in: sectionIds } } });
    expect(new Set(enrollments.map((e) => `${e.sectionId}/${e.studentId}`)).size).toBe(enrollments.length);
    const cleverIds = (await db.user.findMany({ select: { cleverId: true } })).map((u) => u.cleverId);
    expect(new Set(cleverIds).size).toBe(cleverIds.length);
  });

  test("a stale ID in a section's lists (a teacher or student Clever no longer has) is skipped, not fatal", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.teacherTwelveSections.id);
    const id = fixtures.twelveSection07.id;
    const section = (await bed.clever.getData("sections", id)) as { data: CleverObject & { students: string[]; teachers: string[] } };
    await bed.clever.putData("sections", id, {
      ...section.data,
      teachers: [...section.data.teachers, "00000000000000000000dead"],
      students: [...section.data.students, "00000000000000000000beef"],
    });
    const result = await syncUser(user.id, "login", bed.deps());
    expect(result).toMatchObject({ status: "succeeded" });
    const synced = await bed.counting.db.section.findUniqueOrThrow({ where: { id }, include: { teachers: true, enrollments: true } });
    expect(synced.teachers).toHaveLength(1);
    expect(synced.enrollments).toHaveLength(section.data.students.length);
  });

  test("a Library user whose token expired gets a friendly failure, not an exception", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    await bed.counting.db.cleverToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const result = await syncUser(user.id, "button", bed.deps());
    expect(result).toMatchObject({ status: "failed", code: "no_token" });
    expect(result.status === "failed" && result.message).toMatch(/Sign in with Clever again/);
  });
});
