// `npm run worker`'s pace: what every deployment runs with, and the flags
// the test stack and the district benchmark start it with (they need it
// quicker, or one job at a time).
import { JOB_CONCURRENCY } from "@/lib/platform/jobs/define";

/** How often an idle worker asks each queue for work. */
const POLLING_SECONDS = 2;
/** pg-boss polls no more often than this. */
const MIN_POLLING_SECONDS = 0.5;

export interface WorkerPace {
  /** Jobs at once per queue. */
  concurrency: number;
  pollingIntervalSeconds: number;
}

/** From `--concurrency N` and `--polling-seconds S`, each else the deployment's. */
export function workerPace(argv: readonly string[]): WorkerPace {
  const flag = (name: string) => {
    const index = argv.indexOf(name);
    return index === -1 ? undefined : (argv[index + 1] ?? "");
  };
  const concurrency = Number(flag("--concurrency") ?? JOB_CONCURRENCY);
  const pollingIntervalSeconds = Number(flag("--polling-seconds") ?? POLLING_SECONDS);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error("--concurrency must be a whole number, 1 or more");
  if (!(pollingIntervalSeconds >= MIN_POLLING_SECONDS)) throw new Error(`--polling-seconds must be ${MIN_POLLING_SECONDS} or more (pg-boss's minimum)`);
  return { concurrency, pollingIntervalSeconds };
}
