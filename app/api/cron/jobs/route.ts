// Called by Vercel Cron (vercel.json) with `Authorization: Bearer CRON_SECRET`:
// works the job queues where no long-running worker runs (lib/platform/jobs/drain.ts).
import { log, refuseUnlessCron } from "@/lib/platform";
import { appBoss, drainQueues, enqueue, JOB_CONCURRENCY } from "@/lib/platform/jobs";
import { registeredJobs } from "@/lib/jobs";
import { scheduleRosterJob } from "@/lib/roster";

export const dynamic = "force-dynamic";
/** Seconds; a literal, as Next.js reads it at build time. */
export const maxDuration = 60;
/** New jobs start only in this share of maxDuration; the rest is room for the last batch to finish. */
const BUDGET_FRACTION = 0.8;

export async function GET(request: Request) {
  const refused = refuseUnlessCron(request);
  if (refused) return refused;
  // Each call (every minute) first queues the districts' roster work, as a worker does.
  await enqueue(scheduleRosterJob, {});
  const drained = await drainQueues(await appBoss(), {
    definitions: registeredJobs,
    budgetMs: maxDuration * 1000 * BUDGET_FRACTION,
    batchSize: JOB_CONCURRENCY,
  });
  log.info({ drained }, "drained job queues");
  return Response.json({ drained });
}
