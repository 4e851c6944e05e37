// The cron drain (/api/cron/jobs): it runs jobs until the queues are empty or
// its time budget is spent, leaving the rest queued; it recovers the jobs of
// a function killed mid-job; the route answers only Vercel Cron's secret.
import { afterAll, describe, expect, it } from "vitest";
import { appBoss } from "./app-boss";
import { drainQueues } from "./drain";
import { enqueue } from "./enqueue";
import { countJobs, jobById, sleep, testBoss, testJob, UNFINISHED } from "@/tests/support/job-queue";

const CRON_SECRET = "cron-secret-for-the-drain-test";
process.env.CRON_SECRET = CRON_SECRET;

afterAll(async () => {
  await (await appBoss()).stop({ graceful: false });
});

describe("drainQueues", () => {
  it("takes no new job once the budget is spent, and leaves the rest queued for the next call", async () => {
    // A clock of its own: each job "takes" 300 ms, the budget is 1000 ms.
    let clock = 0;
    const ran: number[] = [];
    const job = testJob("budget", async (payload) => {
      ran.push(payload.n);
      clock += 300;
    });
    const boss = await testBoss([job]);
    try {
      for (let n = 0; n < 10; n++) await enqueue(job, { n }, { boss });
      const first = await drainQueues(boss, { definitions: [job], budgetMs: 1000, batchSize: 1, now: () => clock });
      // Started at 0, 300, 600 and 900 ms; at 1200 ms the budget is spent.
      expect(first).toMatchObject({ completed: 4, failed: 0, stoppedBy: "budget", elapsedMs: 1200 });
      expect(ran).toEqual([0, 1, 2, 3]);
      expect(await countJobs(boss, job.name)).toBe(6);

      const second = await drainQueues(boss, { definitions: [job], budgetMs: 60_000, batchSize: 4, now: () => clock });
      expect(second).toMatchObject({ completed: 6, failed: 0, stoppedBy: "empty" });
      expect(ran.toSorted((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await countJobs(boss, job.name, UNFINISHED)).toBe(0);
    } finally {
      await boss.stop({ graceful: false });
    }
  });

  it("[district-rostering] runs a job limited per worker one at a time, however large its batches", async () => {
    let busy = 0;
    let most = 0;
    const job = {
      ...testJob("one-at-a-time", async () => {
        busy += 1;
        most = Math.max(most, busy);
        await sleep(50);
        busy -= 1;
      }),
      perWorker: 1,
    };
    const boss = await testBoss([job]);
    try {
      for (let n = 0; n < 4; n++) await enqueue(job, { n }, { boss });
      expect(await drainQueues(boss, { definitions: [job], budgetMs: 60_000, batchSize: 4 })).toMatchObject({ completed: 4, stoppedBy: "empty" });
      expect(most).toBe(1);
    } finally {
      await boss.stop({ graceful: false });
    }
  });

  it("records a failing job as a failed attempt, retried under its policy", async () => {
    const job = testJob("drain-fails", async () => {
      throw new Error("district not shared");
    }, { retry: { retryLimit: 1, retryDelay: 30 } });
    const boss = await testBoss([job]);
    try {
      const queued = await enqueue(job, { n: 1 }, { boss });
      expect(await drainQueues(boss, { definitions: [job], budgetMs: 10_000, batchSize: 2 })).toMatchObject({ completed: 0, failed: 1, stoppedBy: "empty" });
      const row = queued.status === "queued" ? await jobById(boss, job.name, queued.id) : null;
      expect(row).toMatchObject({ state: "retry", retryCount: 0, output: { message: "district not shared" } });
    } finally {
      await boss.stop({ graceful: false });
    }
  });

  it("runs the job of a function killed mid-job once its expiry passes", async () => {
    const attempts: number[] = [];
    const job = testJob("drain-crash", async (_payload, context) => {
      attempts.push(context.attempt);
    }, { retry: { retryLimit: 1 }, expireInSeconds: 1 });
    const boss = await testBoss([job]);
    try {
      await enqueue(job, { n: 1 }, { boss });
      // The killed invocation took the job and never finished it.
      expect(await boss.fetch(job.name)).toHaveLength(1);
      expect(await drainQueues(boss, { definitions: [job], budgetMs: 10_000, batchSize: 1 })).toMatchObject({ completed: 0, stoppedBy: "empty" });
      await sleep(1500);
      expect(await drainQueues(boss, { definitions: [job], budgetMs: 10_000, batchSize: 1 })).toMatchObject({ completed: 1, stoppedBy: "empty" });
      expect(attempts).toEqual([2]);
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});

describe("GET /api/cron/jobs", () => {
  it("answers 401 without Vercel Cron's secret; with it, queues the districts' roster schedule and drains the registered queues", async () => {
    // This worker's database served the files before this one: a retry they
    // left queued (a failed roster schedule) must not be drained here.
    await (await appBoss()).deleteAllJobs();
    const { GET } = await import("@/app/api/cron/jobs/route");
    expect((await GET(new Request("http://localhost/api/cron/jobs"))).status).toBe(401);
    expect((await GET(new Request("http://localhost/api/cron/jobs", { headers: { authorization: "Bearer wrong-secret-wrong-secret" } }))).status).toBe(401);
    const response = await GET(new Request("http://localhost/api/cron/jobs", { headers: { authorization: `Bearer ${CRON_SECRET}` } }));
    expect(response.status).toBe(200);
    // The schedule job ran (here Clever's token endpoint is not reachable, so it failed and waits for its retry).
    const { drained } = (await response.json()) as { drained: { completed: number; failed: number; stoppedBy: string } };
    expect(drained.completed + drained.failed).toBe(1);
    expect(drained.stoppedBy).toBe("empty");
  });
});
