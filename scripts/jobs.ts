// `npm run jobs -- status | retry <id> | purge <queue>`: the operator's view of
// the job queues, on the app's configuration (DATABASE_URL and the rest, as
// the worker uses; outside production, what is unset comes from .env.example
// as for `npm run demo`).
//   status         jobs per queue and state, and the dead-lettered jobs with
//                  their error and the ID `retry` takes
//   retry <id>     sends a dead-lettered job back to its queue with fresh tries
//   purge <queue>  deletes a queue's waiting jobs (a dead-letter queue's too)
import { startBoss } from "@/lib/platform/jobs/boss";
import { purgeWaiting, retryDeadLettered } from "@/lib/platform/jobs/operate";
import { registeredJobs } from "../lib/jobs/registry";
import { JOB_STATES, queueStatus, type QueueStatus } from "@/lib/platform/jobs/status";
import { exampleEnv } from "./lib/dev-env";

const usage = "Usage: npm run jobs -- status | retry <id> | purge <queue>";
const [command, argument] = process.argv.slice(2);

if (process.env.APP_ENV !== "production") for (const [key, value] of Object.entries(exampleEnv())) process.env[key] ??= value;

/** A fixed-width table: the queue names first, then one column per state. */
function formatStatus(status: QueueStatus): string {
  const header = ["queue", ...JOB_STATES];
  const rows = status.queues.map((queue) => [queue.name, ...JOB_STATES.map((state) => String(queue.counts[state]))]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join("  ");
  const lines = [line(header), ...rows.map(line)];
  lines.push("", status.deadLettered.length === 0 ? "No dead-lettered jobs." : `Dead-lettered jobs (newest first; npm run jobs -- retry <id>):`);
  for (const job of status.deadLettered) {
    lines.push(`  ${job.id}  ${job.queue}  ${job.deadLetteredAt.toISOString()}`, `    error:   ${job.error}`, `    payload: ${JSON.stringify(job.payload)}`);
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  if (command !== "status" && command !== "retry" && command !== "purge") {
    console.error(usage);
    return 1;
  }
  if (command !== "status" && !argument) {
    console.error(usage);
    return 1;
  }
  const boss = await startBoss();
  try {
    if (command === "status") {
      console.log(formatStatus(await queueStatus({ boss })));
      return 0;
    }
    if (command === "retry") {
      const result = await retryDeadLettered(boss, registeredJobs, argument ?? "");
      if (result.status === "queued") console.log(`Queued again as ${result.id}.`);
      else if (result.status === "duplicate") console.log("A job with the same key is already waiting; the dead-letter entry is removed.");
      else if (result.status === "unknown_job") console.error(`The job's queue ${result.queue} is not in lib/jobs/registry.ts: nothing retried.`);
      else console.error(`No dead-lettered job ${argument}.`);
      return result.status === "queued" || result.status === "duplicate" ? 0 : 1;
    }
    if (!(await purgeWaiting(boss, argument ?? ""))) {
      console.error(`No queue ${argument}.`);
      return 1;
    }
    console.log(`Deleted the waiting jobs of ${argument}.`);
    return 0;
  } finally {
    await boss.stop({ graceful: false });
  }
}

process.exitCode = await main();
