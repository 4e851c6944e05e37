// A login's sync for a user of a district the district sync keeps: no
// per-user reads, only a freshness check. Events read in the last poll
// period: nothing to do. Older: this login reads them now (a few seconds at
// most), under a lease on the district's row so that a morning's thousand
// logins read the feed once, the others waiting for that read. A district
// not rostered yet (or rostered manually and not yet) keeps the per-user sync.
import type { SyncDeps } from "@/lib/clever";
import { env, log } from "@/lib/platform";
import { enqueue } from "@/lib/platform/jobs";
import { pollEvents } from "./events";
import { syncDistrictJob } from "./jobs";

/** How long a login may spend on its district's events (read or waited for). */
const LOGIN_EVENTS_MS = 8_000;

export type Freshness = "current" | "not_rostered";

export async function districtFreshness(deps: SyncDeps, districtId: string): Promise<Freshness> {
  const state = await deps.db.districtSync.findUnique({ where: { districtId } });
  if (!state?.lastFullSyncAt) return "not_rostered";
  const periodMs = env().DISTRICT_EVENTS_POLL_SECONDS * 1000;
  const started = deps.now();
  if (state.lastEventsAt && started.getTime() - state.lastEventsAt.getTime() < periodMs) return "current";
  const until = Date.now() + LOGIN_EVENTS_MS;
  // The lease, only while the events are still stale: a read that ended
  // since the row above was fetched leaves nothing to read again.
  const stale = new Date(started.getTime() - periodMs);
  const leased = await deps.db.districtSync.updateMany({
    where: {
      districtId,
      AND: [{ OR: [{ eventsReadUntil: null }, { eventsReadUntil: { lt: started } }] }, { OR: [{ lastEventsAt: null }, { lastEventsAt: { lte: stale } }] }],
    },
    data: { eventsReadUntil: new Date(started.getTime() + LOGIN_EVENTS_MS) },
  });
  if (leased.count === 1) {
    try {
      const outcome = await pollEvents(deps, districtId, { until });
      if (outcome.status === "full_sync_under_way") {
        // Carried on, never a new one after it: the roster is being read now.
        await enqueue(syncDistrictJob, { districtId, resume: true }).catch(() => undefined);
        return "not_rostered";
      }
      if (outcome.status === "full_sync_needed") {
        log.info({ districtId, reason: outcome.reason }, "a login found its district's events unusable; a full sync is queued");
        await enqueue(syncDistrictJob, { districtId, reason: outcome.reason }).catch(() => undefined);
        return "not_rostered";
      }
      return "current";
    } finally {
      await deps.db.districtSync.update({ where: { districtId }, data: { eventsReadUntil: null } }).catch(() => undefined);
    }
  }
  // Another login (or the poll job's reader) is reading: wait for its end.
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await deps.db.districtSync.findUnique({ where: { districtId }, select: { lastEventsAt: true, eventsReadUntil: true } });
    if (!now?.eventsReadUntil || (now.lastEventsAt && now.lastEventsAt >= started)) return "current";
  }
  return "current";
}
