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
import { log, newReference } from "@/lib/platform";
import type { Db } from "@/lib/clever";

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

/** A login's sync not run because the user's roster is fresh: its row is
 * already `skipped`, nothing follows. */
export interface Skipped {
  skipped: true;
  runId: string;
  userId: string;
}

/** When a login may skip its sync (LOGIN_SYNC_FRESH_SECONDS), as one SQL
 * condition on what the database can vouch for: the user's latest run
 * (skipped ones aside) succeeded, and either
 * - it finished after `freshAfter`, or
 * - the user is only a student, with at least one class, and every class of
 *   theirs has a teacher whose sync read it (with the district token, or a
 *   Library teacher's own) and succeeded after `freshAfter`: a teacher's sync
 *   writes the class's students, the student's own record among them, and
 *   its teachers, which is what a student's own sync reads for those classes
 *   (lib/roster/sync/fetch.ts; a district student's also lists their sections).
 * A running, failed or never-run latest sync means sync. What no row can
 * vouch for: a class Clever added to or dropped from a student's list since
 * their teachers last synced; "Sync my classes", or the first login after
 * the window, finds it. */
function freshRoster(userId: string, freshAfter: Date): Prisma.Sql {
  const after = Prisma.sql`${freshAfter}::timestamp(3)`;
  return Prisma.sql`(
    SELECT own.outcome = 'succeeded' AND (
      own."finishedAt" > ${after}
      OR (
        EXISTS (SELECT 1 FROM "User" u WHERE u.id = ${userId} AND u.role = 'student' AND u.roles <@ ARRAY['student']::"Role"[])
        AND EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."studentId" = ${userId} AND e."archivedAt" IS NULL)
        AND NOT EXISTS (
          SELECT 1 FROM "Enrollment" e
          WHERE e."studentId" = ${userId} AND e."archivedAt" IS NULL
            AND NOT EXISTS (
              SELECT 1 FROM "SectionTeacher" t
              JOIN "User" tu ON tu.id = t."teacherId"
              JOIN "SyncRun" r ON r."userId" = t."teacherId"
              WHERE t."sectionId" = e."sectionId" AND t."archivedAt" IS NULL
                AND r.outcome = 'succeeded' AND r."finishedAt" > ${after}
                AND (r.source = 'district_token' OR tu."authorizedBy" = 'teacher'))))
    )
    FROM (SELECT outcome, "finishedAt" FROM "SyncRun" WHERE "userId" = ${userId} AND outcome <> 'skipped' ORDER BY "startedAt" DESC LIMIT 1) own
  )`;
}

/** Inserts the user's running row unless one exists, or, when `freshAfter`
 * is given and the roster is fresh (freshRoster), a finished `skipped` row:
 * one statement either way, the check inside the insert. Raw SQL for one
 * statement with the conflict named (Prisma's createManyAndReturn adds a
 * transaction around it, and create would make a double click an error); the
 * ID is a UUID, as opaque as Prisma's cuid default. A skipped row is not
 * running, so the lease's unique index never sees it. */
async function insertRun(db: Db, userId: string, trigger: SyncTrigger, now: Date, deadlineMs: number, freshAfter: Date | null): Promise<Claim | Skipped | null> {
  const deadlineAt = new Date(now.getTime() + leaseMs(deadlineMs));
  const fresh = freshAfter ? freshRoster(userId, freshAfter) : Prisma.sql`false`;
  const rows = await db.$queryRaw<{ id: string; outcome: string }[]>(Prisma.sql`
    INSERT INTO "SyncRun" ("id", "userId", "trigger", "outcome", "startedAt", "deadlineAt", "finishedAt")
    SELECT ${randomUUID()}, ${userId}, ${trigger}::"SyncTrigger",
      (CASE WHEN f.fresh THEN 'skipped' ELSE 'running' END)::"SyncOutcome", ${now}::timestamp(3),
      CASE WHEN f.fresh THEN NULL ELSE ${deadlineAt}::timestamp(3) END, CASE WHEN f.fresh THEN ${now}::timestamp(3) END
    FROM (SELECT COALESCE(${fresh}, false) AS fresh) f
    ON CONFLICT ("userId") WHERE "outcome" = 'running' DO NOTHING
    RETURNING "id", "outcome"::text AS outcome`);
  const row = rows[0];
  if (!row) return null;
  return row.outcome === "skipped" ? { skipped: true, runId: row.id, userId } : { runId: row.id, userId, trigger, startedAt: now };
}

/** Claims the user's sync: null while another live sync holds it. A stale
 * running row is ended as failed ("abandoned", with a reference in the log)
 * and the claim made again; of two syncs taking one over, one gets it. */
export async function claimRun(db: Db, userId: string, trigger: SyncTrigger, now: Date, deadlineMs: number): Promise<Claim | null> {
  const claim = await claimWithin(db, userId, trigger, now, deadlineMs, null);
  // Without a freshness bound nothing is skipped; the check keeps the type honest.
  return claim && "skipped" in claim ? null : claim;
}

/** A login's claim: as claimRun, but a fresh roster (freshRoster, within
 * `freshSeconds`; 0: never) records a skipped run instead. */
export async function claimLoginRun(db: Db, userId: string, now: Date, deadlineMs: number, freshSeconds: number): Promise<Claim | Skipped | null> {
  return claimWithin(db, userId, "login", now, deadlineMs, freshSeconds > 0 ? new Date(now.getTime() - freshSeconds * 1000) : null);
}

async function claimWithin(db: Db, userId: string, trigger: SyncTrigger, now: Date, deadlineMs: number, freshAfter: Date | null): Promise<Claim | Skipped | null> {
  const claim = await insertRun(db, userId, trigger, now, deadlineMs, freshAfter);
  if (claim) return claim;
  if ((await endAbandonedRuns(db, now, userId)) === 0) return null;
  return insertRun(db, userId, trigger, now, deadlineMs, freshAfter);
}

/** Records a run's result in its row, only while the row is still its running
 * lease; false when it was taken over. Inside the write transaction this is
 * the fence: the row lock it takes makes a takeover wait for the commit, and a
 * takeover that came first leaves nothing to update, so the caller rolls back. */
export async function finishRun(db: Db, runId: string, result: Prisma.SyncRunUpdateManyMutationInput & { outcome: "succeeded" | "failed" }): Promise<boolean> {
  const { count } = await db.syncRun.updateMany({ where: { id: runId, outcome: "running" }, data: result });
  return count === 1;
}
