// The order a district's roster is read and written in, by the full sync and
// by a page of events alike.
import type { RosterKind } from "@/lib/clever";

/** A section's teachers, students, school and term exist before it. */
export const FULL_SYNC_STEPS: readonly RosterKind[] = ["schools", "terms", "teachers", "students", "school_admins", "district_admins", "sections"];

/** Why a full sync runs, as admins and operators are told it. */
const FULL_SYNC_REASONS = {
  first: "the district's first full sync",
  daily: "the daily full sync Clever asks for",
  events_window: "Clever's changes had not been read for 30 days, longer than Clever keeps them",
  events_gone: "Clever no longer had the changes made since they were last read",
  operator: "an operator asked for it",
} as const;
export type FullSyncReason = keyof typeof FULL_SYNC_REASONS;
export const FULL_SYNC_REASON_CODES = Object.keys(FULL_SYNC_REASONS) as [FullSyncReason, ...FullSyncReason[]];

/** A stored reason as its sentence; null for none or one this version does not know. */
export function fullSyncReasonText(code: string | null): string | null {
  return code !== null && code in FULL_SYNC_REASONS ? FULL_SYNC_REASONS[code as FullSyncReason] : null;
}
