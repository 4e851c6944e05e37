// One record of a running sync (issue #13): the running SyncRun row is the
// lease. Concurrent syncs of one user, a stale row taken over, a sync that
// outlived its lease, and a process that died halfway through its writes,
// against the local Clever and a real PostgreSQL.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures, twelveSections } from "@/sandbox/fixtures";
import { db as appDb } from "@/lib/platform/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { importInProgress } from "@/lib/roster/importing";
import { leaseMs } from "./lease";
import { lastSyncRun } from "./queries";
import { claimSync, runSync, syncUser } from "./sync";
import { deferred, hookedDb } from "@/tests/support/sync-hooks";
import { dumpRoster, logIn, syncTestbed } from "@/tests/support/sync-testbed";

const databaseUrl = () => process.env.DATABASE_URL ?? "";
const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl });
afterAll(() => appDb.$disconnect());

const stats = async () => (await bed.clever.stats()).endpoints;
const runsOf = (userId: string) => bed.counting.db.syncRun.findMany({ where: { userId }, orderBy: { startedAt: "asc" } });

/** A sync stopped once it has read Clever, until `release()`. */
function gatedSync(userId: string) {
  const reached = deferred();
  const gate = deferred();
  const db = hookedDb(bed.counting.db, {
    beforeTransaction: async () => {
      reached.resolve();
      await gate.promise;
    },
  });
  const result = syncUser(userId, "button", { ...bed.deps(), db });
  return { reached: reached.promise, release: () => gate.resolve(), result };
}

describe("one running sync per user", () => {
  test("[LIG-04] two syncs of one user at once: one runs, the other reports already running without asking Clever", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.teacherTwelveSections.id);
    await bed.clever.resetStats();
    const first = gatedSync(user.id);
    await first.reached;
    // The first has read Clever and holds the user's running row: what the pages show.
    const [running] = await runsOf(user.id);
    expect(running).toMatchObject({ outcome: "running", trigger: "button", finishedAt: null });
    expect(importInProgress(await lastSyncRun(user.id))).toBe(true);
    const readsBefore = await stats();

    expect(await syncUser(user.id, "login", bed.deps())).toEqual({ status: "already_running" });
    expect(await stats()).toEqual(readsBefore);

    first.release();
    expect(await first.result).toMatchObject({ status: "succeeded", runId: running?.id });
    expect(await runsOf(user.id)).toEqual([expect.objectContaining({ id: running?.id, outcome: "succeeded", source: "district_token" })]);
    expect(importInProgress(await lastSyncRun(user.id))).toBe(false);
    expect(await bed.counting.db.section.count()).toBe(twelveSections.length);
  });

  test("[LIG-04] a claimed sync shows as importing before it asks Clever anything, until its result is recorded", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    const claim = await claimSync(user.id, "login", bed.deps());
    expect(claim).not.toBeNull();
    expect(importInProgress(await lastSyncRun(user.id))).toBe(true);
    expect(await claimSync(user.id, "button", bed.deps())).toBeNull();
    if (claim) expect(await runSync(claim, bed.deps())).toMatchObject({ status: "succeeded", runId: claim.runId });
    expect(importInProgress(await lastSyncRun(user.id))).toBe(false);
  });

  test("the database refuses a second running row for a user; finished rows and other users are not limited", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    const { user: other } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher2.id);
    const run = (userId: string, outcome: "running" | "failed") => bed.counting.db.syncRun.create({ data: { userId, trigger: "login", outcome, deadlineAt: new Date(Date.now() + 60_000) } });
    await run(user.id, "running");
    await expect(run(user.id, "running")).rejects.toMatchObject({ code: "P2002" });
    await run(user.id, "failed");
    await run(user.id, "failed");
    await run(other.id, "running");
    expect(await bed.counting.db.syncRun.count({ where: { outcome: "running" } })).toBe(2);
  });
});

describe("stale running rows", () => {
  test("a running row left by a crashed sync is taken over once it is stale, never while it is live", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    const left = await bed.counting.db.syncRun.create({ data: { userId: user.id, trigger: "login", outcome: "running", deadlineAt: new Date(Date.now() + 60_000) } });
    expect(await syncUser(user.id, "button", bed.deps())).toEqual({ status: "already_running" });
    await bed.counting.db.syncRun.update({ where: { id: left.id }, data: { deadlineAt: new Date(Date.now() - 1_000) } });
    // Past its deadline it is no longer "importing" on the pages either.
    expect(importInProgress(await lastSyncRun(user.id))).toBe(false);

    expect((await syncUser(user.id, "button", bed.deps())).status).toBe("succeeded");
    const abandoned = await bed.counting.db.syncRun.findUniqueOrThrow({ where: { id: left.id } });
    expect(abandoned).toMatchObject({ outcome: "failed", errorCode: "abandoned", finishedAt: expect.any(Date) as Date });
    expect(abandoned.errorRef).toMatch(/^ERR-[A-Z2-9]{6}$/);
    expect(await bed.counting.db.syncRun.count({ where: { userId: user.id, outcome: "running" } })).toBe(0);
  });

  test("of many syncs finding one stale row, exactly one takes it over", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    const left = await bed.counting.db.syncRun.create({ data: { userId: user.id, trigger: "login", outcome: "running", deadlineAt: new Date(Date.now() - 1_000) } });
    // The winner's first Clever call is slow, so it is still running when the
    // others look, however busy the machine (one that finished first would
    // rightly let a late one start a sync of its own).
    await bed.clever.addFault({ path: "/", latencyMs: 3_000, user: fixtures.libraryTeacher.id, times: 1 });
    const results = await Promise.all(Array.from({ length: 6 }, () => syncUser(user.id, "button", bed.deps())));
    expect(results.filter((r) => r.status === "succeeded")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already_running")).toHaveLength(5);
    const runs = await runsOf(user.id);
    expect(runs.map((r) => [r.id === left.id ? "left" : "new", r.outcome, r.errorCode])).toEqual([
      ["left", "failed", "abandoned"],
      ["new", "succeeded", null],
    ]);
  });

  test("a sync that outlived its lease commits nothing once another has taken over, and says so", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    // The slow sync reads all three of the teacher's classes, then stalls.
    const slow = gatedSync(user.id);
    await slow.reached;
    const [slowRun] = await runsOf(user.id);
    // Meanwhile Science Club is deleted upstream, the slow run's lease lapses, and a new sync takes over.
    await bed.clever.deleteData("sections", fixtures.librarySection3.id);
    await bed.counting.db.syncRun.update({ where: { id: slowRun?.id }, data: { deadlineAt: new Date(Date.now() - 1_000) } });
    expect(await syncUser(user.id, "button", bed.deps())).toMatchObject({ status: "succeeded", summary: "2 new classes, 7 students added, 1 co-teacher added" });
    const after = await dumpRoster(bed.counting.db);

    // The slow sync writes its older snapshot, finds its row no longer its own, and rolls back.
    slow.release();
    expect(await slow.result).toEqual({ status: "already_running" });
    expect(await dumpRoster(bed.counting.db)).toEqual(after);
    expect(await bed.counting.db.section.findUnique({ where: { id: fixtures.librarySection3.id } })).toBeNull();
    expect((await runsOf(user.id)).map((r) => [r.id === slowRun?.id, r.outcome, r.errorCode])).toEqual([
      [true, "failed", "abandoned"],
      [false, "succeeded", null],
    ]);
  });
});

describe("a crash halfway", () => {
  test("[LIG-04] a process dying mid-write leaves its row running and nothing written; after the timeout the next sync takes over and imports everything", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.teacherTwelveSections.id);
    const before = await dumpRoster(bed.counting.db);

    // The crashing process has its own connections, like any other server.
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 2 });
    // Its dropped connection has nobody left to tell.
    pool.on("connect", (client) => client.on("error", () => undefined));
    const crashing = new PrismaClient({ adapter: new PrismaPg(pool) });
    let dead = false;
    const inTransaction = deferred<number>();
    const killed = deferred();
    const db = hookedDb(crashing, {
      beforeCommit: async (tx) => {
        const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        inTransaction.resolve(row?.pid ?? 0);
        await killed.promise;
      },
      gone: () => dead,
    });
    try {
      const result = syncUser(user.id, "login", { ...bed.deps(), db });
      // Every row is written (its own row marked succeeded too), not committed: the process dies.
      const pid = await inTransaction.promise;
      dead = true;
      await bed.counting.db.$queryRaw`SELECT pg_terminate_backend(${pid}::int)::text`;
      while ((await bed.counting.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ${pid}::int`)[0]?.n) {
        await new Promise((r) => setTimeout(r, 20));
      }
      killed.resolve();
      await result.catch(() => undefined);
    } finally {
      await crashing.$disconnect().catch(() => undefined);
      // Not awaited: the dead connection is never handed back, so end() never
      // settles; it still closes the idle ones.
      void pool.end().catch(() => undefined);
    }

    // Postgres rolled the transaction back: nothing half-written, the row still running.
    expect(await dumpRoster(bed.counting.db)).toEqual(before);
    const [crashed] = await runsOf(user.id);
    expect(crashed).toMatchObject({ outcome: "running", finishedAt: null });
    // Until its deadline the row holds: the next sync does not run.
    expect(await syncUser(user.id, "button", bed.deps())).toEqual({ status: "already_running" });

    // After the timeout the next sync proceeds.
    const deps = bed.deps();
    const later = leaseMs(deps.deadlineMs ?? 0) + 1_000;
    const result = await syncUser(user.id, "button", { ...deps, now: () => new Date(Date.now() + later) });
    expect(result).toMatchObject({ status: "succeeded", source: "district_token" });
    expect((await runsOf(user.id)).map((r) => [r.id === crashed?.id, r.outcome, r.errorCode])).toEqual([
      [true, "failed", "abandoned"],
      [false, "succeeded", null],
    ]);
    expect(await bed.counting.db.section.count()).toBe(twelveSections.length);
    expect(await bed.counting.db.sectionChoice.count({ where: { teacherId: user.id } })).toBe(twelveSections.length);
    expect(await bed.counting.db.sectionTeacher.count({ where: { teacherId: user.id, archivedAt: null } })).toBe(twelveSections.length);
  });
});
