// What an operator (and the admins' pages) know of each district's roster:
// when it was last rostered in full and read from Events, and the last failure's reference.
import type { Db } from "@/lib/clever";
import { fullSyncReasonText } from "./steps";

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
  }));
}
