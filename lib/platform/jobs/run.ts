// One attempt of one job, the same for the long-running worker and the cron
// drain: the stored payload is validated again (it may predate a schema
// change), the handler runs, and a failure is logged before pg-boss records it.
import "server-only";
import type { JobWithMetadata } from "pg-boss";
import { log } from "@/lib/platform";
import type { JobContext, JobDefinition } from "./define";

/** Aborts when the job's expiry passes, or when `stop` (a shutdown) aborts. */
export function attemptSignal(job: JobWithMetadata<unknown>, stop?: AbortSignal): AbortSignal {
  const expiry = AbortSignal.timeout(job.expireInSeconds * 1000);
  return stop ? AbortSignal.any([expiry, stop]) : expiry;
}

export async function runAttempt(definition: JobDefinition, job: JobWithMetadata<unknown>, signal: AbortSignal): Promise<void> {
  const attempt = job.retryCount + 1;
  const context: JobContext = {
    jobId: job.id,
    attempt,
    maxAttempts: job.retryLimit + 1,
    signal,
    log: log.child({ job: definition.name, jobId: job.id, attempt }),
  };
  try {
    const payload = definition.payload.parse(job.data);
    await definition.handle(payload, context);
  } catch (err) {
    const last = attempt >= context.maxAttempts;
    context.log.warn({ err, maxAttempts: context.maxAttempts }, last ? "job failed on its last try: dead-lettered" : "job attempt failed: will retry");
    throw err;
  }
}
