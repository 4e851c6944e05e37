// Working the queues from a serverless function (/api/cron/jobs): no process
// lives between invocations, so each call runs pg-boss's supervision (failing
// attempts of crashed workers so they are retried, deleting old jobs), then
// fetches and runs jobs in batches until the queues are empty or the time
// budget is spent. A job is only *started* within the budget; the rest of the
// function's maxDuration is the room for the last batch to finish. A function
// killed mid-job loses nothing: the job stays active until its expiry, then
// it is retried.
import "server-only";
import type { JobWithMetadata, PgBoss } from "pg-boss";
import { atOnce, type JobDefinition } from "./define";
import { ensureQueue } from "./queues";
import { attemptSignal, runAttempt } from "./run";

export interface DrainOptions {
  definitions: readonly JobDefinition[];
  /** No batch is fetched once this much time has passed since the start. */
  budgetMs: number;
  /** Jobs fetched, and run in parallel, per queue per round. */
  batchSize: number;
  /** Milliseconds; tests pass a clock of their own. */
  now?: () => number;
}

export interface DrainResult {
  completed: number;
  failed: number;
  /** "empty": every queue answered no job; "budget": time ran out first. */
  stoppedBy: "empty" | "budget";
  elapsedMs: number;
}

export async function drainQueues(boss: PgBoss, options: DrainOptions): Promise<DrainResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const spent = () => now() - started >= options.budgetMs;
  const result = { completed: 0, failed: 0 };
  await boss.supervise();
  // No enqueue may have made a queue yet on this instance.
  for (const definition of options.definitions) await ensureQueue(boss, definition);

  // Round-robin over the queues that still had jobs, one batch each per round.
  let busy = [...options.definitions];
  while (busy.length > 0) {
    const stillBusy: JobDefinition[] = [];
    for (const definition of busy) {
      if (spent()) return { ...result, stoppedBy: "budget", elapsedMs: now() - started };
      const jobs = await boss.fetch<unknown>(definition.name, { batchSize: atOnce(definition, options.batchSize), includeMetadata: true });
      if (jobs.length === 0) continue;
      stillBusy.push(definition);
      const outcomes = await Promise.all(jobs.map((job) => settle(boss, definition, job)));
      for (const outcome of outcomes) result[outcome] += 1;
    }
    busy = stillBusy;
  }
  return { ...result, stoppedBy: "empty", elapsedMs: now() - started };
}

/** Runs one attempt and records it, as pg-boss's work() does: completed, or
 * failed with the error (retried or dead-lettered by the queue's policy),
 * also when the attempt outlives the job's expiry. */
async function settle(boss: PgBoss, definition: JobDefinition, job: JobWithMetadata<unknown>): Promise<"completed" | "failed"> {
  const signal = attemptSignal(job);
  const expired = new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(new Error(`job outlived its expiry (${job.expireInSeconds} s)`)), { once: true }));
  try {
    await Promise.race([runAttempt(definition, job, signal), expired]);
    // The job itself (its ID and tries used) settles only this attempt: one
    // that outlived its expiry and was retried elsewhere is left alone.
    await boss.complete(definition.name, job);
    return "completed";
  } catch (err) {
    await boss.fail(definition.name, job, err instanceof Error ? err : { message: String(err) });
    return "failed";
  }
}
