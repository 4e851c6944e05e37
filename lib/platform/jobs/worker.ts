// The long-running worker (`npm run worker`): pg-boss polling loops for every
// queue, `concurrency` per queue (each work() loop runs one job at a time;
// a job's `perWorker` may ask for fewer),
// and supervision (expired attempts of crashed workers are failed and so
// retried). Any number of worker processes, on any number of machines, share
// the queues: pg-boss takes each job with FOR UPDATE SKIP LOCKED.
import "server-only";
import type { JobWithMetadata, PgBoss } from "pg-boss";
import { log } from "@/lib/platform";
import { startBoss, type BossOptions } from "./boss";
import { atOnce, type JobDefinition } from "./define";
import { ensureQueues } from "./queues";
import { attemptSignal, runAttempt } from "./run";

export interface WorkerOptions extends BossOptions {
  definitions: readonly JobDefinition[];
  /** Jobs at once per queue in this process. */
  concurrency: number;
  pollingIntervalSeconds: number;
}

export interface RunningWorker {
  boss: PgBoss;
  /** Takes no new job, waits up to `graceSeconds` for running ones, then
   * aborts their signals and hands them back to the queue as failed attempts
   * (retried under their policy), and closes the pool. */
  stop(graceSeconds: number): Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const boss = await startBoss({ ...options, supervise: options.supervise ?? true });
  await ensureQueues(boss, options.definitions);
  const shutdown = new AbortController();
  for (const definition of options.definitions) {
    for (let loop = 0; loop < atOnce(definition, options.concurrency); loop++) {
      await boss.work(definition.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds }, async (jobs: JobWithMetadata<unknown>[]) => {
        // pg-boss completes the job when this resolves, fails it when it
        // rejects or outlives the job's expiry.
        for (const job of jobs) await runAttempt(definition, job, attemptSignal(job, shutdown.signal));
      });
    }
  }
  log.info({ queues: options.definitions.map((d) => d.name), concurrency: options.concurrency }, "job worker started");
  return {
    boss,
    async stop(graceSeconds) {
      const graceMs = graceSeconds * 1000;
      const abortAtEnd = setTimeout(() => shutdown.abort(new Error("worker shutting down")), graceMs);
      try {
        await boss.stop({ graceful: true, timeout: graceMs });
      } finally {
        clearTimeout(abortAtEnd);
      }
      log.info("job worker stopped");
    },
  };
}
