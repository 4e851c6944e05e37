// `npm run worker`: works every registered job (lib/jobs/registry.ts) until
// SIGTERM or SIGINT, then takes no new job, lets running ones finish for
// JOBS_SHUTDOWN_GRACE_SECONDS and hands back what is still running (retried
// under its policy). Run as many as you like, on as many machines: they share
// the queues without doing a job twice. Configuration: the app's (lib/env.ts).
import { env } from "../lib/env";
import { registeredJobs } from "../lib/jobs/registry";
import { startWorker } from "../lib/jobs/worker";
import { log } from "../lib/log";

const { JOBS_CONCURRENCY, JOBS_POLLING_SECONDS, JOBS_SHUTDOWN_GRACE_SECONDS } = env();
const worker = await startWorker({
  definitions: registeredJobs,
  concurrency: JOBS_CONCURRENCY,
  pollingIntervalSeconds: JOBS_POLLING_SECONDS,
});
if (registeredJobs.length === 0) log.warn("no jobs are registered (lib/jobs/registry.ts): the worker only supervises the queues");

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  log.info({ signal, graceSeconds: JOBS_SHUTDOWN_GRACE_SECONDS }, "job worker stopping");
  await worker.stop(JOBS_SHUTDOWN_GRACE_SECONDS);
  process.exit(0);
}
process.on("SIGTERM", (signal) => void shutdown(signal));
process.on("SIGINT", (signal) => void shutdown(signal));
