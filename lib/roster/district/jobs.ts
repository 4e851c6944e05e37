// The district roster's jobs (lib/jobs): every connected district is
// rostered in full before anyone logs in, then kept current through Events;
// a full sync runs again daily, or whenever the Events window was missed.
// Each job works for one slice (DISTRICT_SYNC_SLICE_SECONDS) and hands the
// rest to a new job of its own kind, so it fits a serverless function and a
// deploy interrupts nothing. One job per district at a time waits in each
// queue (singletonKey); districts run in parallel across workers.
import "server-only";
import { z } from "zod";
import { appDeps, isCleverId, type SyncDeps } from "@/lib/clever";
import { env, log } from "@/lib/platform";
import { defineJob, enqueue } from "@/lib/platform/jobs";
import { fetchDistrictTokens, saveDistrictToken } from "@/lib/people";
import { noteConnections } from "./connections";
import { pollEvents } from "./events";
import { runFullSync } from "./full-sync";
import { FULL_SYNC_REASON_CODES } from "./steps";
import { DISTRICT_FULL_SYNC_HOURS } from "./schedule";

const districtPayload = z.object({ districtId: z.string().refine(isCleverId, "not a Clever ID") });
/** `resume`: only carry on the full sync under way (a slice's continuation,
 * the schedule's safety net for a broken chain); when it has finished by the
 * time the job runs, the job does nothing. Without it: a full sync now (the
 * operator's, a due or a missed-events one), resuming the one under way if any. */
const syncPayload = districtPayload.extend({ resume: z.boolean().optional(), reason: z.enum(FULL_SYNC_REASON_CODES).optional() });
/** A district job works this long, then continues in a new job: it fits a
 * serverless function's time limit, and a resumed sync loses nothing. */
const DISTRICT_SYNC_SLICE_SECONDS = 40;
const slice = () => Date.now() + DISTRICT_SYNC_SLICE_SECONDS * 1000;
const retry = { retryLimit: 5, retryDelay: 30, retryBackoff: true };

export const syncDistrictJob = defineJob({
  name: "roster.sync-district",
  payload: syncPayload,
  retry,
  expireInSeconds: 15 * 60,
  // A full sync holds a roster page and a batch of its records: the largest
  // memory a worker has. One at a time per process keeps the worker's heap
  // inside its limit (scripts/lib/worker-heap.ts); more districts at once
  // means more workers, which share the queue.
  perWorker: 1,
  // A resume waits apart from a request for a new full sync: one queued while
  // a sync is under way must not swallow the other (the schedule asks for a
  // resume every poll period while a sync runs; had that resume been a new
  // full sync, each one would have queued the next, back to back, for ever).
  singletonKey: ({ districtId, resume }) => (resume ? `${districtId}:resume` : districtId),
  async handle({ districtId, resume, reason }, { signal }) {
    const deps = await appDeps();
    if (resume && !(await fullSyncUnderWay(deps, districtId))) return;
    const outcome = await runFullSync(deps, districtId, { until: slice(), signal, ...(reason ? { reason } : {}) });
    if (outcome.status === "paused") await enqueue(syncDistrictJob, { districtId, resume: true });
    else if (outcome.status === "done") await enqueue(pollEventsJob, { districtId });
  },
});

export const pollEventsJob = defineJob({
  name: "roster.poll-events",
  payload: districtPayload,
  retry,
  expireInSeconds: 15 * 60,
  singletonKey: ({ districtId }) => districtId,
  async handle({ districtId }, { signal }) {
    const outcome = await pollEvents(await appDeps(), districtId, { until: slice(), signal });
    if (outcome.status === "paused") await enqueue(pollEventsJob, { districtId });
    else if (outcome.status === "full_sync_under_way") await enqueue(syncDistrictJob, { districtId, resume: true });
    else if (outcome.status === "full_sync_needed") {
      log.info({ districtId, reason: outcome.reason }, "a full district sync is needed");
      await enqueue(syncDistrictJob, { districtId, reason: outcome.reason });
    }
  },
});

/** Whether a full sync of the district has started and not finished. */
async function fullSyncUnderWay(deps: SyncDeps, districtId: string): Promise<boolean> {
  const state = await deps.db.districtSync.findUnique({ where: { districtId }, select: { fullStep: true } });
  return Boolean(state?.fullStep);
}

/** Which job each connected district needs now: the full sync under way
 * carried on, a new full sync (never done, or older than
 * DISTRICT_FULL_SYNC_HOURS), else its events. With DISTRICT_ROSTERING=manual
 * a district never rostered waits for an operator. */
export async function scheduleDistricts(): Promise<{ fullSyncs: number; polls: number }> {
  const deps = await appDeps();
  const connected = await fetchDistrictTokens(deps);
  // Districts that left the list lose access; those back in it regain it.
  await noteConnections(deps, connected.map((entry) => entry.districtId));
  const states = await deps.db.districtSync.findMany({ where: { districtId: { in: connected.map((c) => c.districtId) } } });
  const byDistrict = new Map(states.map((s) => [s.districtId, s]));
  const dueBefore = deps.now().getTime() - DISTRICT_FULL_SYNC_HOURS * 3600 * 1000;
  let fullSyncs = 0;
  let polls = 0;
  for (const { districtId, token } of connected) {
    if (!isCleverId(districtId)) continue;
    await saveDistrictToken(deps.db, deps, districtId, token);
    const state = byDistrict.get(districtId);
    // Never rostered, and rostering is manual: left for an operator's `npm run roster -- sync`.
    if (!state?.lastFullSyncAt && !state?.fullStep && env().DISTRICT_ROSTERING === "manual") continue;
    if (state?.fullStep) {
      if ((await enqueue(syncDistrictJob, { districtId, resume: true })).status === "queued") fullSyncs += 1;
    } else if (!state?.lastFullSyncAt || state.lastFullSyncAt.getTime() < dueBefore) {
      if ((await enqueue(syncDistrictJob, { districtId, reason: state?.lastFullSyncAt ? "daily" : "first" })).status === "queued") fullSyncs += 1;
    } else if ((await enqueue(pollEventsJob, { districtId })).status === "queued") polls += 1;
  }
  return { fullSyncs, polls };
}

export const scheduleRosterJob = defineJob({
  name: "roster.schedule",
  payload: z.object({}),
  retry: { retryLimit: 2, retryDelay: 10, retryBackoff: true },
  expireInSeconds: 5 * 60,
  singletonKey: () => "all",
  async handle() {
    const queued = await scheduleDistricts();
    if (queued.fullSyncs + queued.polls > 0) log.info(queued, "district roster jobs queued");
  },
});

export const districtRosterJobs = [scheduleRosterJob, syncDistrictJob, pollEventsJob] as const;
