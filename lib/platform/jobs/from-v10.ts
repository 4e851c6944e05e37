// The move from pg-boss 10 to 12. pg-boss 12 migrates its own schema on
// start, but only from pg-boss 11's (schema version 25): 11 rewrote the
// tables and ships no migration from 10's (version 24), and its release notes
// say to move the jobs over. So, on start, before pg-boss does anything:
//   1. a version-24 schema is renamed out of the way (`pgboss` → `pgboss_v10_pending`),
//      and pg-boss 12 then installs a fresh one under the old name;
//   2. after its start, the old queues are created again (dead-letter queue
//      links included), and the unfinished jobs — waiting, retrying, active,
//      and the dead-letter entries — are copied with their IDs, tries used,
//      start times and errors, in one transaction that also renames the old
//      schema to `pgboss_v10` (kept for its history; an operator drops it).
// Both steps hold one advisory lock, so instances starting together do each
// once, and a start that died between them finishes the copy on the next.
import "server-only";
import pg from "pg";
import type { PgBoss } from "pg-boss";

const V10_SCHEMA_VERSION = 24;

/** Where the old schema waits for its jobs to be copied, and where it stays after. */
export function v10Schemas(schema: string): { pending: string; kept: string } {
  return { pending: `${schema}_v10_pending`, kept: `${schema}_v10` };
}

async function withLock<T>(connectionString: string, schema: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, application_name: "clever-classroom-jobs" });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`${schema}: pg-boss 10 to 12`]);
    const result = await action(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

async function exists(client: pg.Client, schema: string): Promise<boolean> {
  const { rows } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
  return rows.length > 0;
}

async function schemaVersion(client: pg.Client, schema: string): Promise<number | null> {
  const { rows } = await client.query<{ table: string | null }>("SELECT to_regclass($1)::text AS table", [`${schema}.version`]);
  if (!rows[0]?.table) return null;
  const version = await client.query<{ version: number }>(`SELECT version FROM ${schema}.version`);
  return version.rows[0]?.version ?? null;
}

/** Step 1: renames a pg-boss 10 schema out of pg-boss 12's way. Answers
 * whether a set-aside schema waits for step 2 (this start's, or one a start
 * that died left). Under the lock even when there is nothing to do: another
 * instance may be renaming the schema between two unlocked reads. */
export async function setAsideV10Schema(connectionString: string, schema: string): Promise<boolean> {
  const { pending, kept } = v10Schemas(schema);
  return withLock(connectionString, schema, async (client) => {
    if ((await schemaVersion(client, schema)) !== V10_SCHEMA_VERSION) return exists(client, pending);
    for (const taken of [pending, kept]) {
      if (await exists(client, taken)) throw new Error(`Cannot set the pg-boss 10 schema ${schema} aside: ${taken} already exists`);
    }
    await client.query(`ALTER SCHEMA ${schema} RENAME TO ${pending}`);
    return true;
  });
}

interface V10Queue {
  name: string;
  policy: string | null;
  retry_limit: number | null;
  retry_delay: number | null;
  retry_backoff: boolean | null;
  expire_seconds: number | null;
  retention_minutes: number | null;
  dead_letter: string | null;
}

/** Step 2: copies the set-aside schema's queues and unfinished jobs into the
 * started pg-boss 12 schema, unless another instance has. */
export async function copyV10Jobs(boss: PgBoss, connectionString: string, schema: string): Promise<void> {
  const { pending, kept } = v10Schemas(schema);
  await withLock(connectionString, schema, async (client) => {
    if (!(await exists(client, pending))) return;
    const { rows: queues } = await client.query<V10Queue>(
      `SELECT name, policy, retry_limit, retry_delay, retry_backoff, expire_seconds, retention_minutes, dead_letter FROM ${pending}.queue ORDER BY name`,
    );
    // Through pg-boss's API (on its own connections, each idempotent), every
    // queue first, then the dead-letter links between them.
    for (const queue of queues) {
      await boss.createQueue(queue.name, {
        ...(queue.policy ? { policy: queue.policy } : {}),
        ...(queue.retry_limit !== null ? { retryLimit: queue.retry_limit } : {}),
        ...(queue.retry_delay !== null ? { retryDelay: queue.retry_delay } : {}),
        ...(queue.retry_backoff !== null ? { retryBackoff: queue.retry_backoff } : {}),
        ...(queue.expire_seconds !== null ? { expireInSeconds: queue.expire_seconds } : {}),
        ...(queue.retention_minutes !== null ? { retentionSeconds: queue.retention_minutes * 60 } : {}),
      });
    }
    for (const queue of queues) {
      if (queue.dead_letter) await boss.updateQueue(queue.name, { deadLetter: queue.dead_letter });
    }
    // One statement, in the locked transaction that also marks the copy done.
    // A job whose ID or singleton key is already taken (sent since step 1) is
    // skipped: a newer job with the same key does the same work. A dead-letter
    // entry keeps its failure where pg-boss 12 keeps it (source_output), with
    // the queue it failed in (source_name).
    await client.query(`
      INSERT INTO ${schema}.job (
        id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, retry_delay_max,
        expire_seconds, deletion_seconds, heartbeat_seconds, singleton_key, singleton_on,
        start_after, created_on, started_on, keep_until, output, dead_letter, policy,
        source_name, source_output)
      SELECT o.id, o.name, o.priority, o.data, o.state::text::${schema}.job_state, o.retry_limit, o.retry_count, o.retry_delay, o.retry_backoff, q.retry_delay_max,
        GREATEST(1, ceil(EXTRACT(epoch FROM o.expire_in)))::int, q.deletion_seconds, q.heartbeat_seconds, o.singleton_key, o.singleton_on,
        o.start_after, o.created_on, o.started_on, o.keep_until, o.output, q.dead_letter, q.policy,
        source.name, CASE WHEN source.name IS NULL THEN NULL ELSE o.output END
        FROM ${pending}.job o
        JOIN ${schema}.queue q ON q.name = o.name
        LEFT JOIN LATERAL (SELECT s.name FROM ${pending}.queue s WHERE s.dead_letter = o.name ORDER BY s.name LIMIT 1) source ON true
       WHERE o.state::text IN ('created', 'retry', 'active')
      ON CONFLICT DO NOTHING`);
    await client.query(`ALTER SCHEMA ${pending} RENAME TO ${kept}`);
    await client.query(`COMMENT ON SCHEMA ${kept} IS 'pg-boss 10 jobs: the unfinished ones were copied to ${schema}; drop this schema when its history is no longer needed'`);
  });
}
