// What an operator (and a later admin status page) needs to see: jobs per
// queue and state, and the dead-lettered jobs with their error. pg-boss has
// no API that counts a queue's jobs by every state (getQueues() counts the
// waiting and active ones, from a cache its monitor refreshes), so these reads
// query its job and queue tables (as its own plans.js creates them), read-only.
import "server-only";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import { appBoss } from "./app-boss";
import { jobsSchema } from "./boss";

export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
type JobState = (typeof JOB_STATES)[number];

interface QueueCounts {
  name: string;
  /** The queue its failed jobs are copied to; null for a dead-letter queue. */
  deadLetter: string | null;
  counts: Record<JobState, number>;
}

interface DeadLetteredJob {
  /** The dead-letter entry's ID: what `npm run jobs -- retry <id>` takes. */
  id: string;
  /** The queue the job failed in. */
  queue: string;
  error: string;
  deadLetteredAt: Date;
  payload: unknown;
}

export interface QueueStatus {
  queues: QueueCounts[];
  deadLettered: DeadLetteredJob[];
}

const countRow = z.object({ name: z.string(), state: z.enum(JOB_STATES), count: z.coerce.number() });
const deadLetterRow = z.object({ id: z.string(), queue: z.string(), output: z.unknown(), created_on: z.date(), data: z.unknown() });

/** pg-boss stores a failure as the serialized Error ({ message, … }), or wraps
 * what is not an object as { value } (its expiry and shutdown messages). */
const failureOutput = z.union([
  z.object({ message: z.string() }).transform((output) => output.message),
  z.object({ value: z.object({ message: z.string() }) }).transform((output) => output.value.message),
  z.object({ value: z.string() }).transform((output) => output.value),
]);

function failureMessage(output: unknown): string {
  const parsed = failureOutput.safeParse(output);
  return parsed.success ? parsed.data : "(no error recorded)";
}

export async function queueStatus(options: { boss?: PgBoss; deadLetterLimit?: number } = {}): Promise<QueueStatus> {
  const boss = options.boss ?? (await appBoss());
  const db = boss.getDb();
  const [queues, counts, deadLettered] = await Promise.all([
    boss.getQueues(),
    db.executeSql(`SELECT name, state, count(*) AS count FROM ${jobsSchema()}.job GROUP BY name, state`, []),
    // pg-boss 12 keeps the failure of a dead-lettered job in source_output
    // (output is the copy's own); entries copied from pg-boss 10 have both.
    db.executeSql(
      `SELECT j.id, q.name AS queue, COALESCE(j.source_output, j.output) AS output, j.created_on, j.data
         FROM ${jobsSchema()}.job j JOIN ${jobsSchema()}.queue q ON q.dead_letter = j.name
        WHERE j.state < 'active'
        ORDER BY j.created_on DESC, j.id
        LIMIT $1`,
      [options.deadLetterLimit ?? 50],
    ),
  ]);
  const byQueue = new Map<string, Record<JobState, number>>();
  for (const row of z.array(countRow).parse(counts.rows)) {
    const queueCounts = byQueue.get(row.name) ?? emptyCounts();
    queueCounts[row.state] = row.count;
    byQueue.set(row.name, queueCounts);
  }
  return {
    queues: queues
      .map((queue) => ({ name: queue.name, deadLetter: queue.deadLetter ?? null, counts: byQueue.get(queue.name) ?? emptyCounts() }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    deadLettered: z
      .array(deadLetterRow)
      .parse(deadLettered.rows)
      .map((row) => ({ id: row.id, queue: row.queue, error: failureMessage(row.output), deadLetteredAt: row.created_on, payload: row.data })),
  };
}

function emptyCounts(): Record<JobState, number> {
  return { created: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0 };
}
