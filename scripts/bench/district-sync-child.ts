// One step of the district benchmark in a process of its own, so its peak
// RSS is the sync's alone (not the harness's, not the local Clever's):
// `full` (runFullSync), `events` (pollEvents), or `idle` (the same modules
// loaded and one query: the process's baseline), for one district, against
// DATABASE_URL and CLEVER_API_URL, with SQL statements counted at the pg
// driver (a counter only: keeping every statement's text, as the test
// testbed's countingDb does, would itself hold memory). Prints one line:
// RESULT {ms, sql, rows, counts, pages|applied, status, maxRssMb}.
//
//   tsx --conditions=react-server scripts/bench/district-sync-child.ts full DISTRICT_ID
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defaultDeps } from "../../lib/deps";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { pollEvents } from "../../lib/sync/district/events";
import { runFullSync } from "../../lib/sync/district/full-sync";
import { rowsWritten } from "../../lib/sync/district/write";

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
}

async function main() {
  const [step, districtId] = process.argv.slice(2);
  if ((step !== "full" && step !== "events" && step !== "idle") || !districtId) throw new Error("usage: district-sync-child.ts full|events|idle DISTRICT_ID");
  let statements = 0;
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  pool.on("connect", (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements += 1;
      return original(...args);
    };
  });
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  const deps = await defaultDeps({ db, deadlineMs: 600_000 });
  const options = { until: Date.now() + 3_600_000 };
  const started = performance.now();
  const outcome =
    step === "full"
      ? await runFullSync(deps, districtId, options)
      : step === "events"
        ? await pollEvents(deps, districtId, options)
        : { status: (await db.districtSync.findUnique({ where: { districtId } })) ? "found" : "none", counts: { created: 0, updated: 0, archived: 0, restored: 0 } };
  const ms = performance.now() - started;
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
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  await db.$disconnect();
  await pool.end().catch(() => undefined);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
