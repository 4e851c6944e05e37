// Reads about syncs for the pages.
import "server-only";
import { db } from "@/lib/db";
import type { SyncRun } from "@/lib/generated/prisma/client";

export type LastSyncRun = SyncRun & {
  /** When the last successful sync finished: what the data on screen is as of. */
  lastSucceededAt: Date | null;
};

/** The user's latest sync that ran (any outcome but `skipped`: a skipped
 * login read nothing, so it neither hides a failure nor stands for "last
 * synced"), or null when they never synced. */
export async function lastSyncRun(userId: string): Promise<LastSyncRun | null> {
  const [last, success] = await Promise.all([
    db.syncRun.findFirst({ where: { userId, outcome: { not: "skipped" } }, orderBy: { startedAt: "desc" } }),
    db.syncRun.findFirst({ where: { userId, outcome: "succeeded" }, orderBy: { startedAt: "desc" }, select: { finishedAt: true } }),
  ]);
  return last ? { ...last, lastSucceededAt: success?.finishedAt ?? null } : null;
}
