// Whether the user's classes are being imported: their latest sync run is
// still running (its row is the sync's lease, lib/roster/sync/lease.ts). The login
// claims that row before the browser lands on a page, so there is nothing to
// guess; a crashed run stops counting at its deadline.
import { isRunning } from "@/lib/roster/sync/lease";

export function importInProgress(run: { outcome: string; deadlineAt: Date | null } | null, now: Date = new Date()): boolean {
  return run !== null && isRunning(run, now);
}
