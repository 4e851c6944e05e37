// Each job definition is a pg-boss queue: its retry policy, expiry, dedup
// policy and dead-letter queue live on the queue, so every send and every
// worker gets them from one place.
import "server-only";
import type { PgBoss, Queue } from "pg-boss";
import { deadLetterQueueOf, type JobDefinition } from "./define";

/** Finished jobs (completed or failed) stay in the job table this long, so a
 * failure can be looked into; their dead-letter copies are what `npm run jobs
 * -- status` lists (those stay until retried or purged, up to pg-boss's
 * 14-day retention of waiting jobs). */
const FINISHED_KEPT_SECONDS = 14 * 24 * 3600;

/** The queues each boss instance has made sure of (see `assertQueueReady`). */
const ensured = new WeakMap<PgBoss, Set<string>>();

export function queueOptions(definition: JobDefinition): Omit<Queue, "name"> & { policy: string } {
  return {
    // `short`: at most one *waiting* job per singletonKey. Not `stately`
    // (also one active per key): in pg-boss 10 a fetch that met a second
    // job of an active key failed on the unique index and returned nothing,
    // stalling every key behind it until the active one ended. A queue's
    // policy is fixed when it is created (pg-boss 12's updateQueue leaves it).
    policy: definition.singletonKey ? "short" : "standard",
    retryLimit: definition.retry.retryLimit,
    retryDelay: definition.retry.retryDelay,
    retryBackoff: definition.retry.retryBackoff,
    expireInSeconds: definition.expireInSeconds,
    deadLetter: deadLetterQueueOf(definition.name),
    deleteAfterSeconds: FINISHED_KEPT_SECONDS,
  };
}

/** Creates the queues (and their dead-letter queues) that do not exist, and
 * brings existing ones to the definitions' policy, so a deploy that changes a
 * policy applies it. Idempotent; safe for instances starting together. */
export async function ensureQueues(boss: PgBoss, definitions: readonly JobDefinition[]): Promise<void> {
  const names = ensured.get(boss) ?? new Set<string>();
  ensured.set(boss, names);
  for (const definition of definitions) {
    const { policy, ...updatable } = queueOptions(definition);
    // The dead-letter queue first: a queue's deadLetter references it.
    await retryOnDeadlock(() => boss.createQueue(deadLetterQueueOf(definition.name), { policy: "standard", deleteAfterSeconds: FINISHED_KEPT_SECONDS }));
    await retryOnDeadlock(() => boss.createQueue(definition.name, { policy, ...updatable }));
    await retryOnDeadlock(() => boss.updateQueue(definition.name, updatable));
    names.add(definition.name);
  }
}

/** Workers starting together create the same new queue at once, and pg-boss
 * 10's create_queue (a partition created and attached to its job table)
 * deadlocked: PostgreSQL aborts one of them (SQLSTATE 40P01), atomically. Run
 * again, it finds the queue the other created and does nothing. pg-boss 12
 * creates queues under an advisory lock instead; the retry stays, harmless. */
async function retryOnDeadlock(action: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const deadlock = error instanceof Error && "code" in error && error.code === "40P01";
      if (!deadlock || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** pg-boss's send() answers null both for a deduplicated job and for a queue
 * that does not exist, so enqueue makes sure of its queue first: once per
 * instance. (That the worker works it is lib/jobs/registry.test.ts's
 * concern: every defined job is registered.) */
export async function ensureQueue(boss: PgBoss, definition: JobDefinition): Promise<void> {
  if (!ensured.get(boss)?.has(definition.name)) await ensureQueues(boss, [definition]);
}
