// `npm run worker`: works every registered job (lib/jobs/registry.ts) until
// SIGTERM or SIGINT, then takes no new job, lets running ones finish for
// JOBS_SHUTDOWN_GRACE_SECONDS and hands back what is still running (retried
// under its policy). Run as many as you like, on as many machines: they share
// the queues without doing a job twice. Configuration: the app's (lib/platform/env.ts);
// its pace, scripts/lib/worker-options.ts.
import { createServer } from "node:http";
import { env } from "@/lib/platform/env";
import { enqueue } from "@/lib/platform/jobs/enqueue";
import { registeredJobs } from "../lib/jobs/registry";
import { startWorker } from "@/lib/platform/jobs/worker";
import { log } from "@/lib/platform/log";
import { scheduleRosterJob } from "@/lib/roster/district/jobs";
import { workerPace } from "./lib/worker-options";

const { JOBS_SHUTDOWN_GRACE_SECONDS, DISTRICT_EVENTS_POLL_SECONDS, JOBS_HEALTH_PORT } = env();
// A signal that comes while the worker starts still stops it cleanly: the
// handlers are in place first, and wait for the start.
const starting = startWorker({
  definitions: registeredJobs,
  ...workerPace(process.argv.slice(2)),
});
let stopping = false;
let scheduling: NodeJS.Timeout | undefined;
let health: ReturnType<typeof createServer> | undefined;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  log.info({ signal, graceSeconds: JOBS_SHUTDOWN_GRACE_SECONDS }, "job worker stopping");
  clearInterval(scheduling);
  health?.close();
  await (await starting).stop(JOBS_SHUTDOWN_GRACE_SECONDS);
  process.exit(0);
}
process.on("SIGTERM", (signal) => void shutdown(signal));
process.on("SIGINT", (signal) => void shutdown(signal));
await starting;
if (registeredJobs.length === 0) log.warn("no jobs are registered (lib/jobs/registry.ts): the worker only supervises the queues");

// Every connected district's roster work, queued now and every poll period
// (one schedule job waits at a time, however many workers ask).
const schedule = () =>
  enqueue(scheduleRosterJob, {}).catch((error: unknown) => log.error({ reason: error instanceof Error ? error.message : String(error) }, "could not queue the roster schedule"));
if (!stopping) {
  void schedule();
  scheduling = setInterval(() => void schedule(), DISTRICT_EVENTS_POLL_SECONDS * 1000);
  // Liveness (and the test stack's readiness): up once the worker has started.
  health = JOBS_HEALTH_PORT
    ? createServer((request, response) => {
        response.writeHead(request.url === "/health" ? 200 : 404, { "content-type": "application/json" });
        response.end(request.url === "/health" ? '{"status":"ok"}' : '{"error":"not found"}');
      }).listen(JOBS_HEALTH_PORT, "127.0.0.1")
    : undefined;
}
