// A job that keeps failing is retried with pg-boss's exponential backoff and,
// after its last try, failed and copied to its dead-letter queue, on a real
// PostgreSQL through the long-running worker.
import { afterAll, describe, expect, it } from "vitest";
import { deadLetterQueueOf } from "./define";
import { enqueue } from "./enqueue";
import { queueStatus } from "./status";
import { startWorker, type RunningWorker } from "./worker";
import { countJobs, eventually, jobById, testBoss, testJob } from "@/tests/support/job-queue";

const running: RunningWorker[] = [];
afterAll(async () => {
  await Promise.all(running.map((worker) => worker.stop(1)));
});

describe("retries and the dead-letter queue", () => {
  it("a failing job runs retryLimit + 1 times, each retry waiting twice as long, then lands in the dead-letter queue", async () => {
    const attempts: { attempt: number; maxAttempts: number; at: number }[] = [];
    const job = testJob(
      "always-fails",
      async (_payload, context) => {
        attempts.push({ attempt: context.attempt, maxAttempts: context.maxAttempts, at: Date.now() });
        throw new Error(`Clever refused attempt ${context.attempt}`);
      },
      { retry: { retryLimit: 2, retryDelay: 1, retryBackoff: true } },
    );
    const worker = await startWorker({ definitions: [job], concurrency: 1, pollingIntervalSeconds: 0.5 });
    running.push(worker);
    const queued = await enqueue(job, { n: 7 }, { boss: worker.boss });
    if (queued.status !== "queued") throw new Error("not queued");

    const failed = await eventually(async () => {
      const row = await jobById(worker.boss, job.name, queued.id);
      return row?.state === "failed" ? row : undefined;
    });
    expect(attempts.map(({ attempt, maxAttempts }) => ({ attempt, maxAttempts }))).toEqual([
      { attempt: 1, maxAttempts: 3 },
      { attempt: 2, maxAttempts: 3 },
      { attempt: 3, maxAttempts: 3 },
    ]);
    expect(failed.retryCount).toBe(2);
    expect(failed.output).toMatchObject({ message: "Clever refused attempt 3" });
    // Backoff: the first retry waits at least retryDelay (1 s), the second at
    // least twice that; a constant delay would make the second gap ~1 s.
    const [first, second, third] = attempts.map((a) => a.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(1000);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(2000);

    // One copy in the dead-letter queue, with the payload and the last error.
    expect(await countJobs(worker.boss, deadLetterQueueOf(job.name))).toBe(1);
    const { deadLettered } = await queueStatus({ boss: worker.boss });
    expect(deadLettered.filter((entry) => entry.queue === job.name)).toEqual([
      expect.objectContaining({ queue: job.name, error: "Clever refused attempt 3", payload: { n: 7 } }),
    ]);
  });

  it("a job whose stored payload no longer validates fails its attempts instead of reaching the handler", async () => {
    let handled = 0;
    const job = testJob("bad-payload", async () => {
      handled += 1;
    });
    const boss = await testBoss([job]);
    try {
      // Written as an older release might have: bypassing enqueue's validation.
      const id = await boss.send(job.name, { n: "seven" });
      const worker = await startWorker({ definitions: [job], concurrency: 1, pollingIntervalSeconds: 0.5 });
      running.push(worker);
      const failed = await eventually(async () => {
        const row = id ? await jobById(boss, job.name, id) : null;
        return row?.state === "failed" ? row : undefined;
      });
      expect(handled).toBe(0);
      expect(JSON.stringify(failed.output)).toContain("invalid_type");
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});
