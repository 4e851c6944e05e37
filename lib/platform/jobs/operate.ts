// What an operator does about a dead-lettered job (`npm run jobs`): send it
// back to the queue it failed in, as a new job with a fresh set of tries, or
// clear a queue's waiting jobs.
import "server-only";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import { jobsSchema } from "./boss";
import type { JobDefinition } from "./define";
import { enqueue, type EnqueueResult } from "./enqueue";

const entryRow = z.object({ dead_letter: z.string(), queue: z.string(), data: z.unknown() });

export type RetryResult = EnqueueResult | { status: "not_found" } | { status: "unknown_job"; queue: string };

/** Re-enqueues a dead-letter entry through its job's definition (validation
 * and dedup as for any enqueue), then removes the entry. */
export async function retryDeadLettered(boss: PgBoss, definitions: readonly JobDefinition[], id: string): Promise<RetryResult> {
  if (!z.uuid().safeParse(id).success) return { status: "not_found" };
  const { rows } = await boss.getDb().executeSql(
    `SELECT j.name AS dead_letter, q.name AS queue, j.data
       FROM ${jobsSchema()}.job j JOIN ${jobsSchema()}.queue q ON q.dead_letter = j.name
      WHERE j.id = $1 AND j.state < 'active'`,
    [id],
  );
  const [entry] = z.array(entryRow).parse(rows);
  if (!entry) return { status: "not_found" };
  const definition = definitions.find((d) => d.name === entry.queue);
  if (!definition) return { status: "unknown_job", queue: entry.queue };
  const result = await enqueue(definition, z.record(z.string(), z.unknown()).parse(entry.data), { boss });
  await boss.deleteJob(entry.dead_letter, id);
  return result;
}

/** Deletes a queue's waiting jobs (created or retry; active ones run on). */
export async function purgeWaiting(boss: PgBoss, queue: string): Promise<boolean> {
  if (!(await boss.getQueue(queue))) return false;
  await boss.deleteQueuedJobs(queue);
  return true;
}
