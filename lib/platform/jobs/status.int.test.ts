// What operators see: queueStatus() (for a later admin page) and
// `npm run jobs -- status`, and sending a dead-lettered job back.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { deadLetterQueueOf } from "./define";
import { drainQueues } from "./drain";
import { enqueue } from "./enqueue";
import { retryDeadLettered } from "./operate";
import { queueStatus } from "./status";
import { countJobs, testBoss, testJob } from "@/tests/support/job-queue";

// The integration database is shared by every test file at once: other
// files' dead letters must not push this file's out of the listing's page.
const ALL = 10_000;
let fail = true;
const job = testJob("status", async (payload) => {
  if (fail) throw new Error(`district ${payload.n} is not shared with the app`);
});
let boss: PgBoss;
beforeAll(async () => {
  boss = await testBoss([job]);
  await enqueue(job, { n: 42 }, { boss });
  await enqueue(job, { n: 43 }, { boss });
  // retryLimit 0: one try each, then dead-lettered.
  await drainQueues(boss, { definitions: [job], budgetMs: 10_000, batchSize: 1 });
  fail = false;
  await enqueue(job, { n: 44 }, { boss });
});
afterAll(() => boss.stop({ graceful: false }));

describe("queueStatus", () => {
  it("counts jobs per queue and state, and lists the dead-lettered ones with their error and payload", async () => {
    const status = await queueStatus({ boss, deadLetterLimit: ALL });
    expect(status.queues.find((q) => q.name === job.name)).toEqual({
      name: job.name,
      deadLetter: deadLetterQueueOf(job.name),
      counts: { created: 1, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 2 },
    });
    expect(status.queues.find((q) => q.name === deadLetterQueueOf(job.name))).toMatchObject({ deadLetter: null, counts: { created: 2 } });
    const mine = status.deadLettered.filter((entry) => entry.queue === job.name);
    expect(mine.map(({ error, payload }) => ({ error, payload })).sort((a, b) => a.error.localeCompare(b.error))).toEqual([
      { error: "district 42 is not shared with the app", payload: { n: 42 } },
      { error: "district 43 is not shared with the app", payload: { n: 43 } },
    ]);
    expect(mine.every((entry) => entry.deadLetteredAt instanceof Date && /^[0-9a-f-]{36}$/.test(entry.id))).toBe(true);
  });

  it("`npm run jobs -- status` prints the counts and each dead-lettered job's ID, error and payload", () => {
    const result = jobsCli("status");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const row = result.stdout.split("\n").find((line) => line.startsWith(`${job.name} `));
    // queue, created, retry, active, completed, cancelled, failed
    expect(row?.split(/\s+/)).toEqual([job.name, "1", "0", "0", "0", "0", "2"]);
    expect(result.stdout).toContain("error:   district 42 is not shared with the app");
    expect(result.stdout).toContain('payload: {"n":43}');
  });

  it("`npm run jobs` exits non-zero for an unknown command or a dead-letter ID that does not exist", () => {
    expect(jobsCli("statuss")).toMatchObject({ status: 1, stderr: expect.stringContaining("Usage: npm run jobs") });
    expect(jobsCli("retry", "00000000-0000-4000-8000-000000000000")).toMatchObject({ status: 1, stderr: expect.stringContaining("No dead-lettered job") });
  });
});

function jobsCli(...args: string[]) {
  const root = path.resolve(import.meta.dirname, "../../..");
  return spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/jobs.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "", LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
}

describe("retryDeadLettered", () => {
  it("sends a dead-lettered job back to its queue with fresh tries and removes the entry", async () => {
    const entry = (await queueStatus({ boss, deadLetterLimit: ALL })).deadLettered.find((e) => e.queue === job.name && JSON.stringify(e.payload) === '{"n":42}');
    if (!entry) throw new Error("no dead-letter entry");
    const retried = await retryDeadLettered(boss, [job], entry.id);
    expect(retried).toMatchObject({ status: "queued" });
    expect(await countJobs(boss, job.name)).toBe(2);
    expect(await countJobs(boss, deadLetterQueueOf(job.name))).toBe(1);
    expect(await drainQueues(boss, { definitions: [job], budgetMs: 10_000, batchSize: 5 })).toMatchObject({ completed: 2, failed: 0 });

    expect(await retryDeadLettered(boss, [job], entry.id)).toEqual({ status: "not_found" });
    expect(await retryDeadLettered(boss, [job], "not-a-uuid")).toEqual({ status: "not_found" });
    const other = (await queueStatus({ boss, deadLetterLimit: ALL })).deadLettered.find((e) => e.queue === job.name);
    expect(other && (await retryDeadLettered(boss, [], other.id))).toEqual({ status: "unknown_job", queue: job.name });
  });
});
