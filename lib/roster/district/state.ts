// A district sync's bookkeeping beside its DistrictSync row: the slice a
// job may spend, and a failure recorded for admins and operators.
import { CleverApiError, type SyncDeps } from "@/lib/clever";
import { log, newReference } from "@/lib/platform";
import { forgetDistrictToken } from "@/lib/people";

/** A page's write transaction may take this long (ten thousand records with
 * their enrollments on a busy database), well inside a job's expiry. */
export const PAGE_TRANSACTION_MS = 10 * 60_000;

export interface SliceOptions {
  /** Stop starting pages after this (epoch ms): the job continues in another slice. */
  until: number;
  signal?: AbortSignal;
}

/** Marks the sync failed for admins and operators (the reference goes to the
 * log with the details), and rethrows so the job is retried. */
export async function recordFailure(deps: SyncDeps, districtId: string, error: unknown, what: string): Promise<never> {
  const reference = newReference();
  const code = error instanceof CleverApiError ? error.code : "internal";
  log.error(
    { reference, districtId, errorCode: code, endpoint: error instanceof CleverApiError ? error.details.endpoint : undefined, reason: error instanceof Error ? error.message : String(error) },
    `${what} failed; it resumes where it stopped`,
  );
  // A token Clever refuses is dropped: the retry asks for the current one.
  if (error instanceof CleverApiError && error.code === "unauthorized") await forgetDistrictToken(deps.db, districtId).catch(() => undefined);
  await deps.db.districtSync
    .upsert({ where: { districtId }, create: { districtId, lastFailedAt: deps.now(), errorRef: reference, errorCode: code }, update: { lastFailedAt: deps.now(), errorRef: reference, errorCode: code } })
    .catch(() => undefined);
  throw error;
}
