// The job engine: pg-boss on the app's own PostgreSQL, in a schema of its own
// ("pgboss") that pg-boss creates and migrates itself on start. Prisma never
// sees it: the datasource has no `schemas` list, so Prisma manages only the
// connection's default schema (public), and `npm run db:new-migration` diffs
// two schema files, never the database.
//
// Why pg-boss rather than graphile-worker (checked 2026-12 with `npm view` and
// node_modules/pg-boss): the newest lines of both need Node 22 (pg-boss 12:
// node >=22.12; graphile-worker 0.18: node >=22.18), which the project's Node
// 24 has. What decided it is what pg-boss has built in and we would otherwise
// write: per-queue retry policy (retryLimit, retryDelay, exponential
// retryBackoff), dead-letter queues (a job that used its last try is copied to
// the queue's `deadLetter`), an expiry per job that fails the attempt of a
// crashed worker (its supervision), queue policies that deduplicate by
// singletonKey (`short`: one waiting job per key), and both a polling `work()`
// for a long-running worker and a plain `fetch()`/`complete()`/`fail()` for a
// serverless drain. Jobs are taken with FOR UPDATE SKIP LOCKED, so any number
// of workers share a queue.
//
// pg-boss 12 cannot migrate a pg-boss 10 schema (its migrations start at
// pg-boss 11's schema, which was a rewrite): lib/platform/jobs/from-v10.ts sets the old
// schema aside and copies its unfinished jobs over, once, on start.
import "server-only";
import { PgBoss } from "pg-boss";
import { env, log } from "@/lib/platform";
import { copyV10Jobs, setAsideV10Schema } from "./from-v10";

/** The queue's schema (JOBS_SCHEMA; "pgboss"): a second app on the same
 * database, or a test file of its own, keeps its queues apart with another. */
export function jobsSchema(): string {
  return env().JOBS_SCHEMA;
}

export interface BossOptions {
  /** Default: DATABASE_URL. */
  connectionString?: string;
  /** A long-running worker supervises: every `superviseIntervalSeconds`
   * (default 60; one instance per queue at a time, pg-boss takes a lock) it
   * fails expired attempts so they are retried, and deletes old jobs. Web
   * requests and the CLI do not; the cron drain runs the same supervision
   * itself. */
  supervise?: boolean;
  superviseIntervalSeconds?: number;
}

/** A started pg-boss instance with its own small pool; `stop()` it when done. */
export async function startBoss(options: BossOptions = {}): Promise<PgBoss> {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  const connectionString = options.connectionString ?? DATABASE_URL;
  const supervise = options.supervise ?? false;
  const boss = new PgBoss({
    connectionString,
    max: DATABASE_POOL_SIZE,
    application_name: "clever-classroom-jobs",
    schema: jobsSchema(),
    // Creates or migrates the pgboss schema (under an advisory lock, so
    // instances starting together are safe).
    migrate: true,
    supervise,
    // Expiry runs in the monitor pass, which skips a queue monitored less than
    // monitorIntervalSeconds ago (default 60). A supervising worker keeps to
    // its own interval; an instance that does not supervise is the cron
    // drain's, whose supervise() once a minute must not be skipped.
    ...(options.superviseIntervalSeconds ? { superviseIntervalSeconds: options.superviseIntervalSeconds } : {}),
    ...(supervise ? (options.superviseIntervalSeconds ? { monitorIntervalSeconds: options.superviseIntervalSeconds } : {}) : { monitorIntervalSeconds: 1 }),
    // Scheduling is Vercel Cron's (vercel.json); pg-boss's cron stays off.
    schedule: false,
  });
  boss.on("error", (err) => log.error({ err }, "job queue error"));
  const fromV10 = await setAsideV10Schema(connectionString, jobsSchema());
  await boss.start();
  if (fromV10) await copyV10Jobs(boss, connectionString, jobsSchema());
  return boss;
}
