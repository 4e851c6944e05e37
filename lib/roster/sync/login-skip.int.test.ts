// A login's sync only when it can change something (issue #17, item 4):
// within LOGIN_SYNC_FRESH_SECONDS of a successful sync of the user's roster,
// the login records a `skipped` run and asks Clever nothing; "Sync my
// classes" always syncs. Against the local Clever and a real PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures } from "@/sandbox/fixtures";
import { db as appDb } from "@/lib/platform/db";
import type { SyncDeps } from "@/lib/clever/deps";
import { importInProgress } from "@/lib/roster/importing";
import { missingClassReasons } from "@/lib/roster/missing-classes";
import { lastSyncRun } from "./queries";
import { claimLoginSync } from "./login-sync";
import { claimSync, runSync, syncUser } from "./sync";
import { logIn, syncTestbed } from "@/tests/support/sync-testbed";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });
afterAll(() => appDb.$disconnect());

const FRESH_SECONDS = 300;
const deps = (overrides: Partial<SyncDeps> = {}) => ({ ...bed.deps(), loginSyncFreshSeconds: FRESH_SECONDS, ...overrides });
/** Deps whose clock is this far in the past: a sync that finished then. */
const minutesAgo = (minutes: number) => deps({ now: () => new Date(Date.now() - minutes * 60_000) });
const stats = async () => (await bed.clever.stats()).endpoints;
const runsOf = (userId: string) => bed.counting.db.syncRun.findMany({ where: { userId }, orderBy: { startedAt: "asc" } });

async function syncedTeacher(cleverId: string, synced = deps()) {
  const { user } = await logIn(bed.sandbox, deps(), cleverId);
  expect(await syncUser(user.id, "login", synced)).toMatchObject({ status: "succeeded" });
  return user;
}

describe("a login within LOGIN_SYNC_FRESH_SECONDS of a successful sync", () => {
  test("[LIG-04] is recorded as skipped, asks Clever nothing, and the pages still show the sync that ran", async () => {
    const user = await syncedTeacher(fixtures.libraryTeacher.id);
    const [succeeded] = await runsOf(user.id);
    await bed.clever.resetStats();
    const readsBefore = await stats();

    const claim = await claimLoginSync(user.id, deps());
    expect(claim).toEqual({ skipped: true, runId: expect.any(String), userId: user.id });
    expect(await stats()).toEqual(readsBefore);
    const runs = await runsOf(user.id);
    expect(runs.map((r) => r.outcome)).toEqual(["succeeded", "skipped"]);
    expect(runs[1]).toMatchObject({ trigger: "login", deadlineAt: null, source: null, finishedAt: expect.any(Date) });

    // "Last synced" is the sync that read Clever; nothing is importing or failed.
    const last = await lastSyncRun(user.id);
    expect(last).toMatchObject({ id: succeeded?.id, outcome: "succeeded", lastSucceededAt: succeeded?.finishedAt });
    expect(importInProgress(last)).toBe(false);
    expect((await missingClassReasons(user.id)).lastSyncFailed).toBeNull();
  });

  test("[LIG-04] a login that changed what the sync reads (a new role, Clever ID, sharing or district) syncs anyway", async () => {
    const user = await syncedTeacher(fixtures.libraryTeacher.id);
    // The same login again changes nothing of the sort; a first login always does.
    expect((await logIn(bed.sandbox, deps(), fixtures.libraryTeacher.id)).rosterScopeChanged).toBe(false);
    const claim = await claimLoginSync(user.id, deps(), { rosterScopeChanged: true });
    expect(claim).toMatchObject({ runId: expect.any(String), userId: user.id, trigger: "login" });
    expect(claim && "skipped" in claim).toBe(false);
    expect((await runsOf(user.id)).map((r) => r.outcome)).toEqual(["succeeded", "running"]);
  });

  test("[LIG-04] [LIB-R06] Sync my classes never skips: it reads Clever right after a sync and after a skipped login", async () => {
    const user = await syncedTeacher(fixtures.libraryTeacher.id);
    expect(await claimLoginSync(user.id, deps())).toMatchObject({ skipped: true });
    await bed.clever.resetStats();
    expect(await syncUser(user.id, "button", deps())).toMatchObject({ status: "succeeded", source: "user_token" });
    expect(Object.keys(await stats()).length).toBeGreaterThan(0);
    expect((await runsOf(user.id)).map((r) => `${r.trigger} ${r.outcome}`)).toEqual(["login succeeded", "login skipped", "button succeeded"]);
  });

  test("[LIG-04] a skipped login still waits for a running sync: the running row answers first", async () => {
    const user = await syncedTeacher(fixtures.libraryTeacher.id);
    const running = await claimSync(user.id, "button", deps());
    expect(running).not.toBeNull();
    expect(await claimLoginSync(user.id, deps())).toBeNull();
    if (running) expect(await runSync(running, deps())).toMatchObject({ status: "succeeded" });
    expect(await claimLoginSync(user.id, deps())).toMatchObject({ skipped: true });
  });
});

describe("a login syncs", () => {
  test("[LIG-04] once the window has passed, or with LOGIN_SYNC_FRESH_SECONDS=0", async () => {
    const user = await syncedTeacher(fixtures.libraryTeacher.id, minutesAgo(10));
    const claim = await claimLoginSync(user.id, deps());
    expect(claim).toMatchObject({ runId: expect.any(String), trigger: "login" });
    if (claim && !("skipped" in claim)) expect(await runSync(claim, deps())).toMatchObject({ status: "succeeded" });
    const always = await claimLoginSync(user.id, deps({ loginSyncFreshSeconds: 0 }));
    expect(always).toMatchObject({ trigger: "login" });
    expect(always && "skipped" in always).toBe(false);
  });

  test("[LIG-04] after a failed sync, even one right after a success", async () => {
    const user = await syncedTeacher(fixtures.libraryTeacher.id, minutesAgo(1));
    await bed.counting.db.syncRun.create({ data: { userId: user.id, trigger: "button", outcome: "failed", finishedAt: new Date(), errorCode: "rate_limited", errorRef: "ref-1" } });
    const claim = await claimLoginSync(user.id, deps());
    expect(claim).toMatchObject({ trigger: "login" });
    expect(claim && "skipped" in claim).toBe(false);
  });

  test("[LIG-04] for a user who never synced", async () => {
    const { user } = await logIn(bed.sandbox, deps(), fixtures.libraryTeacher.id);
    expect(await claimLoginSync(user.id, deps())).toMatchObject({ trigger: "login" });
  });
});

describe("a Library student's classes refreshed by their teachers' syncs", () => {
  /** The student synced once, long ago; their teachers' syncs ran at `ages` minutes ago. */
  async function studentWithTeachersSynced(ages: [number, number]) {
    const { user } = await logIn(bed.sandbox, deps(), fixtures.libraryStudent.id);
    await syncedTeacher(fixtures.libraryTeacher.id, minutesAgo(ages[0]));
    await syncedTeacher(fixtures.libraryTeacher2.id, minutesAgo(ages[1]));
    const { user: student } = await logIn(bed.sandbox, deps(), fixtures.libraryStudent.id);
    expect(student.id).toBe(user.id);
    expect(await syncUser(student.id, "login", minutesAgo(60))).toMatchObject({ status: "succeeded" });
    return student;
  }

  test("[LIG-04] [LIB-08] every class's teacher synced within the window: the login is skipped", async () => {
    const student = await studentWithTeachersSynced([1, 2]);
    expect(await bed.counting.db.enrollment.count({ where: { studentId: student.id, archivedAt: null } })).toBe(2);
    expect(await claimLoginSync(student.id, deps())).toMatchObject({ skipped: true });
    // The student's own last sync (an hour ago) is what "Last synced" says.
    expect(await lastSyncRun(student.id)).toMatchObject({ outcome: "succeeded", trigger: "login" });
  });

  test("[LIG-04] [LIB-08] one class's teacher synced before the window: the login syncs", async () => {
    const student = await studentWithTeachersSynced([1, 10]);
    expect(await claimLoginSync(student.id, deps())).toMatchObject({ trigger: "login" });
  });

  test("[LIG-04] a teacher is covered only by their own sync, not by a co-teacher's", async () => {
    await syncedTeacher(fixtures.libraryTeacher.id);
    const coTeacher = await syncedTeacher(fixtures.libraryTeacher2.id, minutesAgo(10));
    const claim = await claimLoginSync(coTeacher.id, deps());
    expect(claim && "skipped" in claim).toBe(false);
  });
});
