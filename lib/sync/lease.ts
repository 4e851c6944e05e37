// One record of a running sync (issue #13): a sync's SyncRun row, inserted as
// `running` before Clever is asked anything, is its lease. The partial unique
// index "SyncRun_userId_running_key" (migration sync_run_lease) allows one
// running row per user, so a second sync's insert finds the first and reports
// "already running", with no database connection held while Clever answers.
// The pages read the same row ("Importing your classes…"), and the run ends by
// turning it into its result.
//
// A crashed run leaves its row running. Each row carries its own deadlineAt,
// past which it is stale: the next sync marks it failed ("abandoned") and runs.
// Correctness never rests on that timing: a run commits its roster only in the
// transaction that turns its own row from running to succeeded (finishRun,
// called by sync.ts), so a run whose row was taken over writes nothing.
import { randomUUID } from "node:crypto";
import { Prisma, type SyncTrigger } from "@/lib/generated/prisma/client";
import { log, newReference } from "@/lib/log";
import type { Db } from "@/lib/deps";

/** The write transaction's limits (sync.ts); the lease must outlast them. */
export const WRITE_TRANSACTION = { maxWait: 10_000, timeout: 30_000 } as const;
/** Before and between the Clever reads and the writes: a few statements, a slow process. */
const SLACK_MS = 20_000;

/** How long a run holds its lease: its Clever budget (no request outlives it,
 * lib/clever/client.ts), then the write transaction's wait and length. */
export function leaseMs(deadlineMs: number): number {
  return deadlineMs + WRITE_TRANSACTION.maxWait + WRITE_TRANSACTION.timeout + SLACK_MS;
}

/** The staleness rule, for the database: running, and past its deadline (or
 * with none, which no sync writes: not a live run either). */
const staleRunning = (now: Date, userId?: string): Prisma.SyncRunWhereInput => ({
  ...(userId === undefined ? {} : { userId }),
  outcome: "running",
  OR: [{ deadlineAt: null }, { deadlineAt: { lte: now } }],
});

/** Ends stale running rows as failed ("abandoned", with a reference in the
 * log): one user's, before a new claim, or everyone's (the maintenance purge,
 * so a crashed run's notice shows even if the user never syncs again).
 * Returns how many it ended. */
export async function endAbandonedRuns(db: Db, now: Date, userId?: string): Promise<number> {
  const reference = newReference();
  const abandoned = await db.syncRun.updateManyAndReturn({
    where: staleRunning(now, userId),
    data: { outcome: "failed", finishedAt: now, errorCode: "abandoned", errorRef: reference },
    select: { id: true, userId: true, startedAt: true, trigger: true },
  });
  for (const run of abandoned) {
    log.warn({ reference, userId: run.userId, runId: run.id, trigger: run.trigger, startedAt: run.startedAt }, "roster sync abandoned: it outlived its deadline");
  }
  return abandoned.length;
}

/** The same rule for the pages: a sync is under way while its row is running
 * and within its deadline. */
export function isRunning(run: { outcome: string; deadlineAt: Date | null }, now: Date): boolean {
  return run.outcome === "running" && run.deadlineAt !== null && run.deadlineAt > now;
}

export interface Claim {
  runId: string;
  userId: string;
  trigger: SyncTrigger;
  startedAt: Date;
}

/** Inserts the user's running row unless one exists. Raw SQL for one
 * statement with the conflict named (Prisma's createManyAndReturn adds a
 * transaction around it, and create would make a double click an error); the
 * ID is a UUID, as opaque as Prisma's cuid default. */
async function insertRunning(db: Db, userId: string, trigger: SyncTrigger, now: Date, deadlineMs: number): Promise<Claim | null> {
  const deadlineAt = new Date(now.getTime() + leaseMs(deadlineMs));
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    INSERT INTO "SyncRun" ("id", "userId", "trigger", "outcome", "startedAt", "deadlineAt")
    VALUES (${randomUUID()}, ${userId}, ${trigger}::"SyncTrigger", 'running', ${now}, ${deadlineAt})
    ON CONFLICT ("userId") WHERE "outcome" = 'running' DO NOTHING
    RETURNING "id"`);
  const row = rows[0];
  return row ? { runId: row.id, userId, trigger, startedAt: now } : null;
}

/** Claims the user's sync: null while another live sync holds it. A stale
 * running row is ended as failed ("abandoned", with a reference in the log)
 * and the claim made again; of two syncs taking one over, one gets it. */
export async function claimRun(db: Db, userId: string, trigger: SyncTrigger, now: Date, deadlineMs: number): Promise<Claim | null> {
  const claim = await insertRunning(db, userId, trigger, now, deadlineMs);
  if (claim) return claim;
  if ((await endAbandonedRuns(db, now, userId)) === 0) return null;
  return insertRunning(db, userId, trigger, now, deadlineMs);
}

/** Records a run's result in its row, only while the row is still its running
 * lease; false when it was taken over. Inside the write transaction this is
 * the fence: the row lock it takes makes a takeover wait for the commit, and a
 * takeover that came first leaves nothing to update, so the caller rolls back. */
export async function finishRun(db: Db, runId: string, result: Prisma.SyncRunUpdateManyMutationInput & { outcome: "succeeded" | "failed" }): Promise<boolean> {
  const { count } = await db.syncRun.updateMany({ where: { id: runId, outcome: "running" }, data: result });
  return count === 1;
}
