// One step of the district benchmark in a process of its own, so its peak
// RSS is the sync's alone (not the harness's, not the local Clever's):
// `full` (runFullSync), `events` (pollEvents), or `idle` (the same modules
// loaded and one query: the process's baseline), for one district, against
// DATABASE_URL and CLEVER_API_URL, with SQL statements counted at the pg
// driver (a counter only: keeping every statement's text, as the test
// testbed's countingDb does, would itself hold memory), and where the time
// and memory go: the time spent waiting on SQL statements (by the statement's
// opening words), and, sampled every 250 ms, the process's memory (RSS, V8
// heap, off-heap) by the step of the full sync under way (read from its
// DistrictSync row over a connection of its own, not counted). Prints one
// line: RESULT {ms, sql, rows, counts, pages|applied, status, maxRssMb, ...}.
//
//   tsx --conditions=react-server scripts/bench/district-sync-child.ts full DISTRICT_ID
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { appDeps } from "@/lib/clever/deps";
import { tapStatements } from "../../tests/support/statements";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { pollEvents } from "@/lib/roster/district/events";
import { runFullSync } from "@/lib/roster/district/full-sync";
import { rowsWritten } from "@/lib/roster/district/write";

export interface ChildResult {
  step: "full" | "events" | "idle";
  status: string;
  ms: number;
  sql: number;
  rows: number;
  counts: { created: number; updated: number; archived: number; restored: number };
  /** Full sync: pages written. */
  pages?: number;
  /** Events: events applied. */
  applied?: number;
  /** process.resourceUsage().maxRSS of this process, MB. */
  maxRssMb: number;
  /** Summed wall time of the SQL statements, ms (a transaction's run one after another). */
  sqlMs: number;
  /** The statements that took the most time, by their opening words. */
  topStatements: { statement: string; count: number; ms: number }[];
  /** Highest memory sampled while each step of the full sync was under way, MB. */
  memoryBySync: Record<string, MemoryPeak>;
}

interface MemoryPeak {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  /** Off the V8 heap: Buffers, WebAssembly memory (Prisma's query compiler) and other native allocations. */
  external: number;
  arrayBuffers: number;
}

const MB = 1024 * 1024;
/** A statement's opening words, its parameters' placeholders dropped: "SELECT ... FROM "public"."User" WHERE". */
function shapeOf(text: string): string {
  return text.replace(/\$\d+(,\s*)?/g, "").replace(/\s+/g, " ").slice(0, 110);
}

async function main() {
  const [step, districtId] = process.argv.slice(2);
  if ((step !== "full" && step !== "events" && step !== "idle") || !districtId) throw new Error("usage: district-sync-child.ts full|events|idle DISTRICT_ID");
  let statements = 0;
  let sqlMs = 0;
  const byShape = new Map<string, { count: number; ms: number }>();
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  tapStatements(pool, (text) => {
    statements += 1;
    const shape = shapeOf(text);
    const started = performance.now();
    return () => {
      const ms = performance.now() - started;
      sqlMs += ms;
      const entry = byShape.get(shape) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += ms;
      byShape.set(shape, entry);
    };
  });
  // Memory by step of the full sync, its place read over a connection of its own.
  const memoryBySync: Record<string, MemoryPeak> = {};
  const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await watcher.connect();
  let sampling = true;
  const sample = async () => {
    while (sampling) {
      const place = await watcher.query<{ fullStep: string | null }>(`SELECT "fullStep" FROM "DistrictSync" WHERE "districtId" = $1`, [districtId]).catch(() => ({ rows: [] }));
      const label = step === "full" ? (place.rows[0]?.fullStep ?? "start and end") : step;
      const usage = process.memoryUsage();
      const peak = memoryBySync[label] ?? { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
      for (const key of ["rss", "heapUsed", "heapTotal", "external", "arrayBuffers"] as const) peak[key] = Math.max(peak[key], Math.round(usage[key] / MB));
      memoryBySync[label] = peak;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const sampler = sample();
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  const deps = { ...(await appDeps()), db, deadlineMs: 600_000 };
  const options = { until: Date.now() + 3_600_000 };
  const started = performance.now();
  const outcome =
    step === "full"
      ? await runFullSync(deps, districtId, options)
      : step === "events"
        ? await pollEvents(deps, districtId, options)
        : { status: (await db.districtSync.findUnique({ where: { districtId } })) ? "found" : "none", counts: { created: 0, updated: 0, archived: 0, restored: 0 } };
  const ms = performance.now() - started;
  sampling = false;
  await sampler;
  await watcher.end();
  const result: ChildResult = {
    step,
    status: outcome.status,
    ms,
    sql: statements,
    rows: rowsWritten(outcome.counts),
    counts: outcome.counts,
    ...("pages" in outcome ? { pages: outcome.pages } : {}),
    ...("applied" in outcome ? { applied: outcome.applied } : {}),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    sqlMs,
    topStatements: [...byShape]
      .map(([statement, { count, ms: total }]) => ({ statement, count, ms: Math.round(total) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 6),
    memoryBySync,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  await db.$disconnect();
  await pool.end().catch(() => undefined);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
