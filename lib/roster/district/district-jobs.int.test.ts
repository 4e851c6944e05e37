// The district roster on the real job queue and the login's freshness check,
// against the in-process local Clever and a real PostgreSQL: two workers
// roster two districts at once, each district once; logins of a rostered
// district's users make no per-user Data API call, and a morning's burst of
// logins reads the district's events once.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { fixtures } from "@/sandbox/fixtures";
import { generatedDistrictId } from "@/sandbox/generated-district";
import { DEMO_APP } from "@/sandbox/test/helpers";
import type { SyncDeps } from "@/lib/clever/deps";
import { startWorker } from "@/lib/platform/jobs/worker";
import { startBoss } from "@/lib/platform/jobs/boss";
import { enqueue } from "@/lib/platform/jobs/enqueue";
import { ensureQueues } from "@/lib/platform/jobs/queues";
import { countingDb, type CountingDb, logIn, sandboxControl, testDeps } from "@/tests/support/sync-testbed";
import type { ControlClient } from "@/sandbox/control-client";
import { syncUser } from "@/lib/roster/sync/sync";
import { log } from "@/lib/platform/log";
import { districtRosterJobs, scheduleDistricts, syncDistrictJob } from "./jobs";
import { runFullSync } from "./full-sync";
import { purgeDisconnectedDistricts } from "./connections";
import { createSessionRow, lookUpSession } from "@/lib/session/session-store";

const SIZE = { students: 60, teachers: 6, sections: 12, schools: 2, seed: 11 };
const GENERATED = generatedDistrictId(SIZE.seed);

let sandbox: Sandbox;
let clever: ControlClient;
let counting: CountingDb;
const savedEnv = { CLEVER_API_URL: process.env.CLEVER_API_URL, CLEVER_OAUTH_URL: process.env.CLEVER_OAUTH_URL, JOBS_SCHEMA: process.env.JOBS_SCHEMA };

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, mode: "test", apps: [DEMO_APP], generatedDistrict: SIZE });
  clever = sandboxControl(sandbox);
  counting = countingDb(process.env.DATABASE_URL ?? "");
  // The jobs read the app's configuration: point it at this local Clever, and
  // keep this file's queues apart from the other files' (one database).
  const env = testDeps(sandbox, counting.db);
  Object.assign(process.env, { CLEVER_API_URL: env.apiUrl, CLEVER_OAUTH_URL: env.oauthUrl, JOBS_SCHEMA: "pgboss_district_jobs" });
});
afterAll(async () => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await counting?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  sandbox.reset();
  await counting.db.$executeRawUnsafe(`TRUNCATE "User", "Section", "School", "District", "Term", "CleverToken", "RateLimit" CASCADE`);
});

const deps = async (overrides: Partial<SyncDeps> = {}) => testDeps(sandbox, counting.db, { districtPageLimit: 20, ...overrides });

describe("district roster jobs", () => {
  test("[district-rostering] two workers take the two districts' full syncs at once; each district is rostered once", async () => {
    const boss = await startBoss();
    await ensureQueues(boss, districtRosterJobs);
    const workers = await Promise.all([0, 1].map(() => startWorker({ definitions: districtRosterJobs, concurrency: 1, pollingIntervalSeconds: 0.5 })));
    try {
      for (const districtId of [fixtures.district.id, GENERATED]) await enqueue(syncDistrictJob, { districtId }, { boss });
      // A double click queues nothing more.
      expect((await enqueue(syncDistrictJob, { districtId: GENERATED }, { boss })).status).toBe("duplicate");
      await expect
        .poll(async () => (await counting.db.districtSync.findMany({ where: { lastFullSyncAt: { not: null } } })).length, { timeout: 60_000 })
        .toBe(2);
      const generatedStudents = sandbox.store.list("students").filter((s) => s.district === GENERATED).length;
      expect(await counting.db.user.count({ where: { districtId: GENERATED, roles: { has: "student" } } })).toBe(generatedStudents);
      const completed = await boss.fetch(syncDistrictJob.name);
      expect(completed).toEqual([]);
    } finally {
      await Promise.all(workers.map((w) => w.stop(5)));
      await boss.stop({ graceful: false });
    }
  });
});

describe("the schedule and a full sync under way", () => {
  test("[district-rostering] a full sync found under way is carried on, never followed by another; a request for a new one still queues", async () => {
    const boss = await startBoss();
    await ensureQueues(boss, districtRosterJobs);
    try {
      await boss.deleteQueuedJobs(syncDistrictJob.name);
      const d = await deps();
      // Under way: started, then its slice ended before the first page.
      expect(await runFullSync(d, fixtures.district.id, { until: 0 })).toMatchObject({ status: "paused" });
      // The schedule's tick while it runs asks for it to be carried on...
      await scheduleDistricts();
      // ...which does not swallow an operator's request for a new full sync.
      expect((await enqueue(syncDistrictJob, { districtId: fixtures.district.id }, { boss })).status).toBe("queued");
      const waiting = (await boss.fetch<{ districtId: string; resume?: boolean }>(syncDistrictJob.name, { batchSize: 10 })).filter((job) => job.data.districtId === fixtures.district.id);
      expect(waiting.map((job) => job.data.resume ?? false).sort()).toEqual([false, true]);

      // The sync finishes before the resume runs: the resume starts nothing.
      expect(await runFullSync(d, fixtures.district.id, { until: Date.now() + 60_000 })).toMatchObject({ status: "done" });
      const finished = await counting.db.districtSync.findUniqueOrThrow({ where: { districtId: fixtures.district.id } });
      const context = { jobId: "resume", attempt: 1, maxAttempts: 6, signal: new AbortController().signal, log };
      await syncDistrictJob.handle({ districtId: fixtures.district.id, resume: true }, context);
      const after = await counting.db.districtSync.findUniqueOrThrow({ where: { districtId: fixtures.district.id } });
      expect(after).toMatchObject({ fullStep: null, fullStartedAt: finished.fullStartedAt, lastFullSyncAt: finished.lastFullSyncAt });
    } finally {
      await boss.deleteQueuedJobs(syncDistrictJob.name);
      await boss.stop({ graceful: false });
    }
  });
});

describe("a login in a rostered district", () => {
  test("[district-rostering] makes no per-user Data API call; fifty logins at once read the district's events once", async () => {
    const d = await deps();
    expect(await runFullSync(d, fixtures.district.id, { until: Date.now() + 60_000 })).toMatchObject({ status: "done" });
    // Events last read long ago: the next logins must read them.
    await counting.db.districtSync.update({ where: { districtId: fixtures.district.id }, data: { lastEventsAt: new Date(Date.now() - 10 * 60_000) } });
    const { user } = await logIn(sandbox, d, fixtures.teacher.id);
    await clever.clearRequests();
    const results = await Promise.all(Array.from({ length: 50 }, () => syncUser(user.id, "login", d)));
    expect(results.filter((r) => r.status === "succeeded").length).toBeGreaterThanOrEqual(1);
    const districtCalls = await clever.requests({ district: fixtures.district.id });
    expect(districtCalls.filter((r) => r.endpoint.includes("/events")).length).toBeLessThanOrEqual(2);
    expect(districtCalls.filter((r) => !r.endpoint.includes("/events"))).toEqual([]);
    expect(await clever.requests({ user: fixtures.teacher.id })).toEqual([]);

    // Different users at once: one reads the events, the others wait for it.
    await counting.db.districtSync.update({ where: { districtId: fixtures.district.id }, data: { lastEventsAt: new Date(Date.now() - 10 * 60_000) } });
    const people = [fixtures.student, fixtures.coTeacherA, fixtures.coTeacherB, fixtures.coTeacherC];
    const users = [];
    for (const person of people) users.push((await logIn(sandbox, d, person.id)).user);
    await clever.clearRequests();
    const burst = await Promise.all(users.map((u) => syncUser(u.id, "login", d)));
    expect(burst.every((r) => r.status === "succeeded")).toBe(true);
    const reads = (await clever.requests({ district: fixtures.district.id })).filter((r) => r.endpoint.includes("/events"));
    expect(reads.length).toBe(1);
  });
});

describe("a district that leaves", () => {
  test("[ROLL-09] [LIG-M7] a district that stops sharing with the app: its people's sessions end at once, a reconnect restores everything, and after the retention period its data is deleted (a Library teacher's account stays)", async () => {
    const boss = await startBoss();
    await ensureQueues(boss, districtRosterJobs);
    try {
      expect(await runFullSync(await deps(), GENERATED, { until: Date.now() + 60_000 })).toMatchObject({ status: "done" });
      const student = await counting.db.user.findFirstOrThrow({ where: { districtId: GENERATED, roles: { has: "student" } } });
      const library = await counting.db.user.create({ data: { cleverId: "5e1ec7ab1e0000000000ee01", role: "teacher", roles: ["teacher"], authorizedBy: "teacher", districtId: GENERATED, name: "Library Teacher" } });
      const [studentSession, librarySession] = await Promise.all([createSessionRow(student.id), createSessionRow(library.id)]);
      const before = await counting.db.user.count({ where: { districtId: GENERATED } });

      // Clever's token list no longer has the district.
      await clever.connect(GENERATED, false);
      await scheduleDistricts();
      expect((await counting.db.district.findUniqueOrThrow({ where: { id: GENERATED } })).disconnectedAt).not.toBeNull();
      expect(await counting.db.cleverToken.count({ where: { districtId: GENERATED } })).toBe(0);
      expect(await lookUpSession(studentSession.sessionToken)).toEqual({ ended: "district_disconnected" });
      // A Library teacher's access is her own install's, not the district's.
      expect(await lookUpSession(librarySession.sessionToken)).toMatchObject({ user: { id: library.id } });
      // The fixture district, still connected, is untouched.
      expect((await counting.db.district.findUnique({ where: { id: fixtures.district.id } }))?.disconnectedAt ?? null).toBeNull();

      // Back within the retention period: nothing was lost.
      await clever.connect(GENERATED, true);
      await scheduleDistricts();
      expect((await counting.db.district.findUniqueOrThrow({ where: { id: GENERATED } })).disconnectedAt).toBeNull();
      expect(await counting.db.user.count({ where: { districtId: GENERATED } })).toBe(before);
      expect(await purgeDisconnectedDistricts(counting.db, new Date(Date.now() + 365 * 86_400_000), 30)).toEqual([]);

      // Gone again, and past the retention period: its data goes.
      await clever.connect(GENERATED, false);
      await scheduleDistricts();
      expect(await purgeDisconnectedDistricts(counting.db, new Date(Date.now() + 29 * 86_400_000), 30)).toEqual([]);
      const purged = await purgeDisconnectedDistricts(counting.db, new Date(Date.now() + 31 * 86_400_000), 30);
      expect(purged).toEqual([expect.objectContaining({ districtId: GENERATED, users: before - 1 })]);
      expect(await counting.db.user.findMany({ where: { districtId: GENERATED }, select: { id: true } })).toEqual([{ id: library.id }]);
      expect(await counting.db.section.count({ where: { districtId: GENERATED } })).toBe(0);
      expect(await counting.db.districtSync.count({ where: { districtId: GENERATED } })).toBe(0);
    } finally {
      await boss.deleteQueuedJobs(syncDistrictJob.name);
      await boss.stop({ graceful: false });
    }
  });
});
