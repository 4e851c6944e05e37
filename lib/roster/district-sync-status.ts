// What admins are told about their district's roster sync, from the
// DistrictSync row the district sync (lib/roster/district/) keeps: when it last
// worked, and whether a later run failed, with the support reference. Never
// the error code or text: those are for operators and the server log.
//
// A full sync held for review (district/hold.ts, SS-R6) is said with its
// counts, and a district admin may apply it (applyHeldSync, the dashboard's
// "Apply these changes"); a school admin is only told.
import "server-only";
import { db } from "@/lib/platform";
import type { DistrictSync } from "@/lib/generated/prisma/client";
import { type ArchiveKind, releaseHold } from "@/lib/roster/district/hold";
import { holdOf } from "@/lib/roster/district/status";
import { fullSyncReasonText } from "@/lib/roster/district/steps";
import { adminScopeOf, type AdminReader } from "./admin-access";

/** What a held sync would have archived, as the admin reads it. */
export interface HeldSync {
  at: Date;
  /** The hold's reference (HOLD-…): what "Apply these changes" applies, and what support and the log know it by. */
  reference: string;
  /** Per kind: "180 of 400 students (45%)". */
  parts: string[];
  /** The share that holds a sync (DISTRICT_HOLD_PERCENT when it was held). */
  percent: number;
  /** A district admin may apply it; a school admin is only told. */
  canApply: boolean;
}

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
      /** The last full sync, held: nothing it would archive was archived. */
      held: HeldSync | null;
    };

const KIND_NAMES: Record<ArchiveKind, string> = {
  students: "students",
  teachers: "teachers",
  sections: "classes",
  school_admins: "school staff",
  district_admins: "district administrators",
  schools: "schools",
  terms: "terms",
  enrollments: "students' places in classes",
  section_teachers: "teachers' places in classes",
};

function heldSyncOf(row: Pick<DistrictSync, "heldAt" | "holdRef" | "holdCounts">, canApply: boolean): HeldSync | null {
  const hold = holdOf(row);
  if (!hold) return null;
  const parts = Object.entries(hold.counts.kinds).map(([kind, { archive, active }]) => {
    const share = active > 0 ? Math.round((archive * 100) / active) : 100;
    return `${archive} of ${active} ${KIND_NAMES[kind as ArchiveKind]} (${share}%)`;
  });
  return { at: hold.at, reference: hold.reference, parts, percent: hold.counts.percent, canApply };
}

/** The status a row says (pure). */
function syncStatusOf(
  row: Pick<DistrictSync, "lastSucceededAt" | "lastFailedAt" | "errorRef" | "lastFullSyncAt" | "fullStep" | "fullSyncReason" | "heldAt" | "holdRef" | "holdCounts"> | null,
  canApply: boolean,
): DistrictSyncStatus {
  if (!row || (!row.lastSucceededAt && !row.lastFailedAt)) return { state: "never" };
  const { lastSucceededAt, lastFailedAt } = row;
  const failing = lastFailedAt !== null && (lastSucceededAt === null || lastFailedAt > lastSucceededAt);
  // While a new full sync is under way the reason is its own, not the last finished one's.
  const lastFullSync = row.lastFullSyncAt ? { at: row.lastFullSyncAt, why: row.fullStep ? null : fullSyncReasonText(row.fullSyncReason) } : null;
  return { state: failing ? "failing" : "ok", lastSucceededAt, lastFailedAt, errorRef: lastFailedAt ? row.errorRef : null, lastFullSync, held: heldSyncOf(row, canApply) };
}

/** The admin's district's sync status; null for anyone who is not an admin of a district. */
export async function districtSyncStatus(user: AdminReader): Promise<DistrictSyncStatus | null> {
  const scope = adminScopeOf(user);
  if (!scope) return null;
  const row = await db.districtSync.findUnique({
    where: { districtId: scope.districtId },
    select: { lastSucceededAt: true, lastFailedAt: true, errorRef: true, lastFullSyncAt: true, fullStep: true, fullSyncReason: true, heldAt: true, holdRef: true, holdCounts: true },
  });
  return syncStatusOf(row, scope.kind === "district");
}

type ApplyHeldSyncResult = { status: "applied" | "not_allowed" | "not_held" | "other_hold" };

/** "Apply these changes": the held full sync of the asking admin's own
 * district, the one they saw (`reference`), applied once however often
 * they click. Only a district admin: a school admin sees a part of the district. */
export async function applyHeldSync(user: AdminReader & { id: string }, reference: string): Promise<ApplyHeldSyncResult> {
  const scope = adminScopeOf(user);
  if (scope?.kind !== "district") return { status: "not_allowed" };
  const outcome = await releaseHold(db, scope.districtId, { reference, by: `district admin ${user.id}` });
  return { status: outcome.status === "released" ? "applied" : outcome.status };
}
