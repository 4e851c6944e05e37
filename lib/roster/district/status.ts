// What an operator (and the admins' pages) know of each district's roster:
// when it was last rostered in full and read from Events, the last failure's
// reference, and a full sync held for review (./hold.ts) with its counts.
import type { Db } from "@/lib/clever";
import { type HoldCounts, holdCountsFrom } from "./hold";
import { fullSyncReasonText } from "./steps";

/** A full sync held because it would archive an unusual share of the district. */
export interface DistrictHold {
  at: Date;
  reference: string;
  counts: HoldCounts;
}

export interface DistrictRosterStatus {
  districtId: string;
  name: string | null;
  lastFullSyncAt: Date | null;
  /** The full sync under way: its step and the last ID written in it. */
  fullSyncUnderWay: { step: string; after: string | null } | null;
  lastEventsAt: Date | null;
  lastSucceededAt: Date | null;
  lastFailedAt: Date | null;
  errorRef: string | null;
  /** Why the full sync under way, or the last one, ran. */
  fullSyncReason: string | null;
  /** When the district stopped sharing its data with the app (connections.ts). */
  disconnectedAt: Date | null;
  /** A full sync held for review: nothing it would archive was archived. */
  hold: DistrictHold | null;
}

/** A DistrictSync row's hold, if any (pure). */
export function holdOf(row: { heldAt: Date | null; holdRef: string | null; holdCounts: Parameters<typeof holdCountsFrom>[0] }): DistrictHold | null {
  const counts = holdCountsFrom(row.holdCounts);
  return row.heldAt && row.holdRef && counts ? { at: row.heldAt, reference: row.holdRef, counts } : null;
}

export async function districtRosterStatus(db: Db, districtIds?: string[]): Promise<DistrictRosterStatus[]> {
  const rows = await db.districtSync.findMany({
    where: districtIds ? { districtId: { in: districtIds } } : {},
    include: { district: { select: { name: true, disconnectedAt: true } } },
    orderBy: { districtId: "asc" },
  });
  return rows.map((row) => ({
    districtId: row.districtId,
    name: row.district.name || null,
    lastFullSyncAt: row.lastFullSyncAt,
    fullSyncUnderWay: row.fullStep ? { step: row.fullStep, after: row.fullCursor } : null,
    lastEventsAt: row.lastEventsAt,
    lastSucceededAt: row.lastSucceededAt,
    lastFailedAt: row.lastFailedAt,
    errorRef: row.errorRef,
    fullSyncReason: fullSyncReasonText(row.fullSyncReason),
    disconnectedAt: row.district.disconnectedAt,
    hold: holdOf(row),
  }));
}
