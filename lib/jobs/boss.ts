// The job engine: pg-boss on the app's own PostgreSQL, in a schema of its own
// ("pgboss") that pg-boss creates and migrates itself on start. Prisma never
// sees it: the datasource has no `schemas` list, so Prisma manages only the
// connection's default schema (public), and `npm run db:new-migration` diffs
// two schema files, never the database.
//
// Why pg-boss rather than graphile-worker (checked 2026-12 with `npm view` and
// node_modules/pg-boss): the newest lines of both need Node 22 (pg-boss 11+
// and 12.38: node >=22; graphile-worker 0.18: node >=22.18). The project now
// runs Node 24, so either line would; pg-boss stays on 10.4 until its move to
// 12 (a schema migration of existing queues) is made and tested. What decided it is
// what pg-boss 10 has built in and we would otherwise write: per-queue retry
// policy (retryLimit, retryDelay, exponential retryBackoff), dead-letter
// queues (failJobs copies a job that used its last try to the queue's
// `deadLetter`), an expiry per job that fails the attempt of a crashed worker
// (failJobsByTimeout in its maintenance), queue policies that deduplicate by
// singletonKey (`short`: one waiting job per key), and both a polling
// `work()` for a long-running worker and a plain `fetch()`/`complete()`/
// `fail()` for a serverless drain. Jobs are taken with FOR UPDATE SKIP LOCKED
// (fetchNextJob), so any number of workers share a queue.
import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/** The queue's schema (JOBS_SCHEMA; "pgboss"): a second app on the same
 * database, or a test file of its own, keeps its queues apart with another. */
export function jobsSchema(): string {
  return env().JOBS_SCHEMA;
}

/** Failed jobs stay in the job table (and retryable by pg-boss) this long;
 * their dead-letter copies are what `npm run jobs -- status` lists. */
const FAILED_KEPT_SECONDS = 14 * 24 * 3600;

export interface BossOptions {
  /** Default: DATABASE_URL. */
  connectionString?: string;
  /** A long-running worker supervises: every `maintenanceIntervalSeconds`
   * (one instance at a time, pg-boss takes a lock) it fails expired attempts
   * so they are retried, and archives old jobs. Web requests and the CLI do
   * not; the cron drain runs the same maintenance itself. */
  supervise?: boolean;
  maintenanceIntervalSeconds?: number;
}

/** A started pg-boss instance with its own small pool; `stop()` it when done. */
export async function startBoss(options: BossOptions = {}): Promise<PgBoss> {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
  const boss = new PgBoss({
    connectionString: options.connectionString ?? DATABASE_URL,
    max: DATABASE_POOL_SIZE,
    application_name: "clever-classroom-jobs",
    schema: jobsSchema(),
    // Creates or migrates the pgboss schema (under an advisory lock, so
    // instances starting together are safe).
    migrate: true,
    supervise: options.supervise ?? false,
    ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
    // Scheduling is Vercel Cron's (vercel.json); pg-boss's cron stays off.
    schedule: false,
    archiveFailedAfterSeconds: FAILED_KEPT_SECONDS,
  });
  boss.on("error", (err) => log.error({ err }, "job queue error"));
  await boss.start();
  return boss;
}
