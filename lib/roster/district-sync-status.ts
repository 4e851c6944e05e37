// What admins are told about their district's roster sync, from the
// DistrictSync row the district sync (lib/roster/district/) keeps: when it last
// worked, and whether a later run failed, with the support reference. Never
// the error code or text: those are for operators and the server log.
import "server-only";
import { db } from "@/lib/platform";
import type { DistrictSync } from "@/lib/generated/prisma/client";
import { fullSyncReasonText } from "@/lib/roster/district/steps";
import { adminScopeOf, type AdminReader } from "./admin-access";

export type DistrictSyncStatus =
  /** No run has finished yet (no row, or a first full sync under way). */
  | { state: "never" }
  | {
      /** "failing": the latest finished run failed; "ok": it succeeded. */
      state: "ok" | "failing";
      lastSucceededAt: Date | null;
      lastFailedAt: Date | null;
      /** The failure's reference (ERR-…), to give support. */
      errorRef: string | null;
      /** The last full read of the roster, and why it ran (null: none yet, or a reason not recorded). */
      lastFullSync: { at: Date; why: string | null } | null;
    };

/** The status a row says (pure). */
function syncStatusOf(
  row: Pick<DistrictSync, "lastSucceededAt" | "lastFailedAt" | "errorRef" | "lastFullSyncAt" | "fullStep" | "fullSyncReason"> | null,
): DistrictSyncStatus {
  if (!row || (!row.lastSucceededAt && !row.lastFailedAt)) return { state: "never" };
  const { lastSucceededAt, lastFailedAt } = row;
  const failing = lastFailedAt !== null && (lastSucceededAt === null || lastFailedAt > lastSucceededAt);
  // While a new full sync is under way the reason is its own, not the last finished one's.
  const lastFullSync = row.lastFullSyncAt ? { at: row.lastFullSyncAt, why: row.fullStep ? null : fullSyncReasonText(row.fullSyncReason) } : null;
  return { state: failing ? "failing" : "ok", lastSucceededAt, lastFailedAt, errorRef: lastFailedAt ? row.errorRef : null, lastFullSync };
}

/** The admin's district's sync status; null for anyone who is not an admin of a district. */
export async function districtSyncStatus(user: AdminReader): Promise<DistrictSyncStatus | null> {
  const scope = adminScopeOf(user);
  if (!scope) return null;
  const row = await db.districtSync.findUnique({
    where: { districtId: scope.districtId },
    select: { lastSucceededAt: true, lastFailedAt: true, errorRef: true, lastFullSyncAt: true, fullStep: true, fullSyncReason: true },
  });
  return syncStatusOf(row);
}
