// Reads about syncs for the pages.
import "server-only";
import { db } from "@/lib/platform";
import type { Prisma, SyncRun } from "@/lib/generated/prisma/client";
import { NO_TOKEN } from "./messages";

export type LastSyncRun = SyncRun & {
  /** When the last successful sync finished: what the data on screen is as of. */
  lastSucceededAt: Date | null;
  /** It failed for want of a Clever token: a Clever login, not a retry, is the way on. */
  needsReconnect: boolean;
};

/** The latest run of each outcome that ran (running, succeeded, failed; not
 * `skipped`: a skipped login read nothing, so it neither hides a failure nor
 * stands for "last synced"): the latest run is the newest of them, the last
 * success is one of them, so one statement answers both (DISTINCT ON). A page
 * that reads more about its user selects `syncRuns` with this. */
export const latestRunPerOutcome = {
  where: { outcome: { not: "skipped" } },
  orderBy: [{ outcome: "asc" }, { startedAt: "desc" }],
  distinct: ["outcome"],
} satisfies Pick<Prisma.SyncRunFindManyArgs, "where" | "orderBy" | "distinct">;

/** The user's latest sync from `latestRunPerOutcome`'s rows. */
export function lastSyncRunOf(runs: readonly SyncRun[]): LastSyncRun | null {
  const last = runs.reduce<SyncRun | null>((latest, run) => (latest === null || run.startedAt > latest.startedAt ? run : latest), null);
  const success = runs.find((run) => run.outcome === "succeeded");
  return last ? { ...last, lastSucceededAt: success?.finishedAt ?? null, needsReconnect: last.outcome === "failed" && last.errorCode === NO_TOKEN } : null;
}

/** The user's latest sync that finished (succeeded or failed; not one still
 * running), from the same rows: what a failure's explanation is about. */
export async function lastFinishedSyncRun(userId: string): Promise<SyncRun | null> {
  const runs = await db.syncRun.findMany({ ...latestRunPerOutcome, where: { userId, ...latestRunPerOutcome.where } });
  return runs.filter((run) => run.outcome !== "running").reduce<SyncRun | null>((latest, run) => (latest === null || run.startedAt > latest.startedAt ? run : latest), null);
}

/** The user's latest sync that ran (any outcome but `skipped`), or null when
 * they never synced. */
export async function lastSyncRun(userId: string): Promise<LastSyncRun | null> {
  return lastSyncRunOf(await db.syncRun.findMany({ ...latestRunPerOutcome, where: { userId, ...latestRunPerOutcome.where } }));
}
