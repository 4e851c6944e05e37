// Test support for the job engine: test-only job definitions on queues of
// their own (a fresh name per test, as the files share one database), boss
// instances on the run's database, and polling for a condition.
import { randomUUID } from "node:crypto";
import type { JobWithMetadata, PgBoss } from "pg-boss";
import { z } from "zod";
import { startBoss } from "@/lib/platform/jobs/boss";
import { defineJob, type JobContext, type JobDefinition, type RetryPolicy } from "@/lib/platform/jobs/define";
import { ensureQueues } from "@/lib/platform/jobs/queues";

const testPayload = z.object({ n: z.number().int(), key: z.string().optional() });
export type TestPayload = z.output<typeof testPayload>;
export type TestJob = JobDefinition<typeof testPayload>;

export interface TestJobOptions {
  retry?: Partial<RetryPolicy>;
  expireInSeconds?: number;
  dedupe?: boolean;
}

/** A test-only definition on a queue no other test uses. */
export function testJob(label: string, handle: (payload: TestPayload, context: JobContext) => Promise<void>, options: TestJobOptions = {}): TestJob {
  return defineJob({
    name: `test.${label}-${randomUUID().slice(0, 8)}`,
    payload: testPayload,
    retry: { retryLimit: 0, retryDelay: 0, retryBackoff: false, ...options.retry },
    expireInSeconds: options.expireInSeconds ?? 60,
    ...(options.dedupe ? { singletonKey: (payload: TestPayload) => payload.key ?? String(payload.n) } : {}),
    handle,
  });
}

/** A started instance with the definitions' queues; stopped by the caller. */
export async function testBoss(definitions: readonly JobDefinition[], options: { supervise?: boolean; superviseIntervalSeconds?: number } = {}): Promise<PgBoss> {
  const boss = await startBoss(options);
  await ensureQueues(boss, definitions);
  return boss;
}

/** A queue's jobs in the given states, read from the job table now (pg-boss
 * 12's own counts come from a cache its monitor refreshes). Default: waiting. */
export async function countJobs(boss: PgBoss, queue: string, states: readonly JobWithMetadata["state"][] = ["created", "retry"]): Promise<number> {
  const jobs = await boss.findJobs(queue, { limit: 100_000 });
  return jobs.filter((job) => states.includes(job.state)).length;
}

/** Waiting or running: what is not finished yet. */
export const UNFINISHED = ["created", "retry", "active"] as const;

/** One job with its metadata, or null. */
export async function jobById(boss: PgBoss, queue: string, id: string): Promise<JobWithMetadata<unknown> | null> {
  const [job] = await boss.findJobs<unknown>(queue, { id });
  return job ?? null;
}

/** Polls until `check` answers a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
