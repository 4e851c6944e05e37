// `npm run worker` (scripts/worker.ts) as the district benchmark runs it:
// the same worker, plus its peak RSS (process.resourceUsage().maxRSS, MB)
// written to BENCH_RSS_FILE when it exits, so the harness reads the worker
// process's own peak and not the tsx launcher's.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS / 1024)));
await import("../worker");
