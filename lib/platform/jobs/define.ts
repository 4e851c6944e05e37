// What a job is: a queue name, a zod-validated payload, a handler, and the
// retry and expiry policy its queue is created with (lib/platform/jobs/queues.ts).
// Definitions are plain values; lib/jobs/registry.ts lists the app's.
import type { Logger } from "pino";
import type { z } from "zod";

/** Payloads are JSON objects: pg-boss stores them as jsonb. Keep them to IDs
 * (a district's Clever ID), never tokens or rosters. */
export type PayloadSchema = z.ZodType<Record<string, unknown>>;

/** pg-boss's own retry settings, applied to the job's queue. */
export interface RetryPolicy {
  /** Retries after the first try: a job runs at most `retryLimit + 1` times,
   * then it is failed and a copy goes to its dead-letter queue. */
  retryLimit: number;
  /** Seconds before a retry (whole seconds, pg-boss's unit). */
  retryDelay: number;
  /** Exponential backoff with jitter: retry n waits between
   * retryDelay·2^(n-1) and retryDelay·2^n seconds (pg-boss's failJobs SQL). */
  retryBackoff: boolean;
}

/** What a handler receives besides its payload. */
export interface JobContext {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  /** `retryLimit + 1`. */
  maxAttempts: number;
  /** Aborted when the job's expiry passes (the attempt then counts as failed)
   * or the worker's shutdown grace runs out: stop cleanly, the job is retried. */
  signal: AbortSignal;
  log: Logger;
}

export interface JobDefinition<Schema extends PayloadSchema = PayloadSchema> {
  /** The queue's name, e.g. "roster.sync-district". */
  readonly name: string;
  readonly payload: Schema;
  readonly retry: RetryPolicy;
  /** An attempt still running this long is taken for a crashed worker: it is
   * failed (and retried under `retry`). Longer than the slowest honest run. */
  readonly expireInSeconds: number;
  /** At most this many of this job at once in one worker process (never more
   * than the worker's own concurrency); unset: the worker's. */
  readonly perWorker?: number;
  /** Deduplication: while a job with this key waits in the queue, enqueueing
   * another with the same key does nothing (pg-boss's `short` policy). */
  singletonKey?(payload: z.output<Schema>): string;
  /** Throwing fails the attempt; returning completes the job. Handlers must be
   * idempotent: an attempt cut off by a crash or an expiry runs again. */
  handle(payload: z.output<Schema>, context: JobContext): Promise<void>;
}

/** Jobs of each queue one process runs at once (a job's `perWorker` may ask
 * for fewer): a worker's loops per queue, and the cron drain's batch. Small,
 * as the worker's heap is (scripts/lib/worker-heap.ts); more work at once
 * means more workers, which share the queues. */
export const JOB_CONCURRENCY = 2;

/** How many of this job one process runs at once, given its own concurrency. */
export function atOnce(definition: Pick<JobDefinition, "perWorker">, concurrency: number): number {
  return Math.min(definition.perWorker ?? concurrency, concurrency);
}

/** The dead-letter queue every job gets: where it lands after its last try. */
export function deadLetterQueueOf(name: string): string {
  return `${name}${DEAD_LETTER_SUFFIX}`;
}
const DEAD_LETTER_SUFFIX = ".dead-letter";

const queueName = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*$/;

/** Checks the definition once, where it is written, so a typo in a policy
 * fails at start-up instead of in pg-boss's queue creation. */
export function defineJob<Schema extends PayloadSchema>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  const { name, retry, expireInSeconds, perWorker } = definition;
  const problems = [
    !queueName.test(name) && `name "${name}" must be lowercase words separated by "." or "-"`,
    name.endsWith(DEAD_LETTER_SUFFIX) && `name "${name}" must not end with ${DEAD_LETTER_SUFFIX} (reserved for dead-letter queues)`,
    !(Number.isInteger(retry.retryLimit) && retry.retryLimit >= 0) && "retry.retryLimit must be a whole number ≥ 0",
    !(Number.isInteger(retry.retryDelay) && retry.retryDelay >= 0) && "retry.retryDelay must be whole seconds ≥ 0",
    // pg-boss refuses expirations of 24 hours or more.
    !(Number.isInteger(expireInSeconds) && expireInSeconds >= 1 && expireInSeconds < 24 * 3600) && "expireInSeconds must be whole seconds from 1 to under 24 hours",
    perWorker !== undefined && !(Number.isInteger(perWorker) && perWorker >= 1) && "perWorker must be a whole number ≥ 1",
  ].filter((problem): problem is string => typeof problem === "string");
  if (problems.length > 0) throw new Error(`Job ${name}: ${problems.join("; ")}`);
  return definition;
}
