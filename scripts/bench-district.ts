// District roster benchmark (`npm run bench -- district`, never `npm test`):
// the generated district (50,000 students by default) synced from empty,
// again with no change, then 1,000 changes made through the local Clever's
// control API and applied from the Events feed; each step by this checkout
// and by a baseline commit (issue 32: the commit before set-based writes;
// `--baseline REF` for another), in the same run on the same generated
// district, each in a database of its own made by its own migrations, and
// their ratios. Then a large district (200,000 students; `--large 0` to skip)
// synced from empty by this checkout alone: time per 1,000 students and peak
// RSS against the first. Then two generated districts synced through the real
// job queue by one worker process and by two. The local Clever runs in its
// own process with 50 ms added to every call, each sync step in a child
// process of its own (its peak RSS is the sync's; the baseline's steps run
// its own scripts/bench/district-sync-child.ts from a git worktree of it,
// scripts/bench/baseline.ts), and the workers are `npm run worker`
// (scripts/worker.ts). Prints wall time, Clever calls (the local Clever's
// /sandbox/stats), SQL statements (counted at the pg driver, BEGIN/COMMIT
// included), rows written and peak RSS, then the targets as pass/fail lines
// (scripts/bench/district-targets.ts). Writes bench-results/district.json.
//
//   npm run bench -- district [--students 50000] [--latency 50] [--baseline REF | --no-baseline] [--large 200000] [--no-workers] [--heap-mb N]
//   npm run bench:district -- --students 5000 --no-baseline --large 0   (a quick run)
//
// Also printed, for whoever makes the sync faster or leaner: per step, the
// time spent waiting on SQL and the statements that took longest, and the
// full sync's memory (RSS, V8 heap, off-heap) by the roster kind being
// written. The sync processes and workers run with the worker's heap limit
// (scripts/lib/worker-heap.ts); `--heap-mb N` sets another (0: none, to see
// how much of the peak is garbage V8 has not collected yet).
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { type BaselineCheckout, checkoutBaseline } from "./bench/baseline";
import type { ChildResult } from "./bench/district-sync-child";
import { comparisonRows, type DistrictFigures, districtTargets, perThousand } from "./bench/district-targets";
import { treeRssMb } from "./bench/process-usage";
import { WORKER_HEAP_MB } from "./lib/worker-heap";

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index > 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
};
const STUDENTS = arg("students", 50_000);
const LATENCY_MS = arg("latency", 50);
const WITH_WORKERS = !process.argv.includes("--no-workers");
const HEAP_MB = arg("heap-mb", WORKER_HEAP_MB);
const LARGE_STUDENTS = arg("large", 200_000);
/** The commit before the district sync's set-based writes (issue 32). */
const SET_BASED_BASE = "2bd27db";
const baselineIndex = process.argv.indexOf("--baseline");
const BASELINE_REF = process.argv.includes("--no-baseline") ? undefined : baselineIndex > 0 ? process.argv[baselineIndex + 1] : SET_BASED_BASE;
const EVENTS = { renames: 400, transfers: 200, newStudents: 100 } as const;
const CLIENT_ID = "demo-client-id";
const RSS_LIMIT_MB = 300;

const self = fileURLToPath(import.meta.url);
const root = path.join(path.dirname(self), "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

// lib/ modules are `server-only`: run under the "react-server" export condition, as Next does.
if (!process.env.BENCH_REACT_SERVER) {
  const child = spawn(tsx, ["--conditions=react-server", self, ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, BENCH_REACT_SERVER: "1" } });
  child.on("exit", (code) => process.exit(code ?? 1));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

interface Step extends ChildResult {
  name: string;
  calls: number;
}

interface WorkerRun {
  workers: number;
  ms: number;
  calls: number;
  /** Per worker process: its own maxRSS, and the highest RSS sampled of its process tree (tsx launcher included). */
  peakRssMb: { maxRss: number; sampledTree: number }[];
  jobs: number;
  retriedJobs: number;
}

/** Spawns a tsx script; resolves its first stdout line starting with `prefix` (the rest of stdout is passed through). */
function spawnScript(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(tsx, ["--conditions=react-server", path.join(root, script), ...args], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
}

function firstLine(child: ChildProcess, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error("no stdout"));
    const lines = createInterface({ input: child.stdout });
    let found = false;
    lines.on("line", (line) => {
      if (!found && line.startsWith(prefix)) {
        found = true;
        resolve(line.slice(prefix.length));
      } else process.stdout.write(`  | ${line}\n`);
    });
    child.on("exit", (code) => {
      if (!found) reject(new Error(`${child.spawnargs.slice(2).join(" ")} exited with ${code} before printing ${prefix.trim() || "its line"}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (n: number) => `${Math.round(n)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

async function main() {
  const { exampleEnv } = await import("./lib/dev-env");
  const { createDatabase, dropDatabase, ensureDatabase, freePort, migrate } = await import("./lib/postgres");
  const { waitForHttp } = await import("./lib/run");
  const { controlClient } = await import("../sandbox/control-client");
  const { fixtures } = await import("../sandbox/fixtures");
  const { generateDistrict } = await import("../sandbox/generated-district");
  type CleverObject = import("../sandbox/types").CleverObject;

  for (const [key, value] of Object.entries(exampleEnv())) process.env[key] ??= value;
  // The baseline is checked out first, so a bad REF fails before anything runs.
  const baseline: BaselineCheckout | undefined = BASELINE_REF ? await checkoutBaseline(BASELINE_REF) : undefined;
  const server = await ensureDatabase("postgres-bench");
  const databases: string[] = [];
  /** A new database with the migrations of the checkout at `checkout` (ours by default). */
  const fresh = async (name: string, checkout = root) => {
    const dbName = `bench_district_${name}_${process.pid}`;
    const url = await createDatabase(server.url, dbName);
    databases.push(dbName);
    migrate(url, checkout);
    // migrate() blocks the event loop for seconds: let the local Clever's
    // closing of idle keep-alive sockets be seen before the next control call.
    await sleep(200);
    return url;
  };
  const syncUrl = await fresh("sync");
  const baselineUrl = baseline ? await fresh("baseline", baseline.root) : undefined;
  process.env.DATABASE_URL = syncUrl;
  process.env.LOG_LEVEL = "warn";

  const children: ChildProcess[] = [];
  // The machine's load average: other work on a shared machine slows every step.
  const load = () => loadavg().map((n) => n.toFixed(1)).join(" / ");
  const loadAtStart = load();
  console.log(`District benchmark: ${STUDENTS} students per district, local Clever with ${LATENCY_MS} ms per call${baseline ? `, beside baseline ${baseline.commit}` : ""}; load average ${loadAtStart}`);
  const sandboxProcess = spawnScript("scripts/bench/district-sandbox.ts", ["--students", String(STUDENTS)], process.env);
  children.push(sandboxProcess);
  const { url: cleverUrl, districts } = JSON.parse(await firstLine(sandboxProcess, "{").then((rest) => `{${rest}`)) as { url: string; districts: [string, string] };
  const [districtA, districtB] = districts;
  const clever = controlClient({ url: cleverUrl, clientId: CLIENT_ID });
  await clever.setLatency(LATENCY_MS);
  const childEnv = {
    ...process.env,
    CLEVER_API_URL: cleverUrl,
    CLEVER_OAUTH_URL: cleverUrl,
    CLEVER_API_VERSION: "v2.1",
    LOG_LEVEL: "warn",
    ...(HEAP_MB ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${HEAP_MB}`.trim() } : {}),
  };

  try {
    // ---------------------------------------------------------------- one district, step by step
    /** Runs one step in a child process of the checkout at `checkout`, against `databaseUrl`. */
    async function step(name: string, kind: "full" | "events" | "idle", districtId: string, at: { checkout: string; databaseUrl: string; env?: Record<string, string> } = { checkout: root, databaseUrl: syncUrl }): Promise<Step> {
      const control = at.env?.CLEVER_API_URL ? controlClient({ url: at.env.CLEVER_API_URL, clientId: CLIENT_ID }) : clever;
      await control.resetStats();
      const child = spawn(tsx, ["--conditions=react-server", path.join(at.checkout, "scripts/bench/district-sync-child.ts"), kind, districtId], {
        cwd: at.checkout,
        env: { ...childEnv, ...at.env, DATABASE_URL: at.databaseUrl },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const result = JSON.parse(await firstLine(child, "RESULT ")) as ChildResult;
      await new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(null)));
      const { total } = await control.stats();
      const measured = { ...result, name, calls: total };
      const who = at.checkout === root ? "" : ` [baseline ${baseline?.commit}]`;
      console.log(`  ${name}${who}: ${secs(measured.ms)}, ${measured.calls} Clever calls, ${measured.sql} SQL statements, ${measured.rows} rows, peak RSS ${mb(measured.maxRssMb)} (${measured.status})`);
      return measured;
    }
    const atBaseline = baseline && baselineUrl ? { checkout: baseline.root, databaseUrl: baselineUrl } : undefined;

    // Ours and the baseline's steps alternate, so a machine busier at one
    // moment than another weighs on both. The baseline syncs the same
    // district before any change: its full sync saves the same event cursor,
    // so both apply the same 1,000 events below.
    const idle = await step("process baseline (modules loaded, one query)", "idle", districtA);
    const full = await step("full sync from empty", "full", districtA);
    const theirFull = atBaseline ? await step("full sync from empty", "full", districtA, atBaseline) : undefined;
    const resync = await step("no-change re-sync", "full", districtA);
    const theirResync = atBaseline ? await step("no-change re-sync", "full", districtA, atBaseline) : undefined;
    const theirs = theirFull && theirResync ? { full: theirFull, resync: theirResync } : undefined;

    // 1,000 changes through the control API (not timed): renames, transfers between sections, new students.
    const changesStarted = performance.now();
    const generated = generateDistrict({ students: STUDENTS, seed: 1 });
    const students = generated.data.students;
    const sections = new Map(generated.data.sections.map((s) => [s.id, { ...s, students: [...(s.students ?? [])] }]));
    const bySchool = new Map<string, CleverObject[]>();
    for (const section of sections.values()) bySchool.set(String(section.school), [...(bySchool.get(String(section.school)) ?? []), section]);
    let events = 0;
    for (let i = 0; i < EVENTS.renames; i++) {
      const student = students[(i * 7919) % students.length] as CleverObject;
      await clever.putData("students", student.id, { ...student, name: { first: `Renamed ${i}`, last: "Ñúñez-Bench" } });
      events += 1;
    }
    const schoolSections = [...bySchool.values()].filter((list) => list.length >= 2);
    for (let i = 0; i < EVENTS.transfers; i++) {
      const list = schoolSections[i % schoolSections.length] as CleverObject[];
      const from = list[(i * 2) % list.length] as CleverObject;
      const to = list[(i * 2 + 1) % list.length] as CleverObject;
      const moving = (from.students ?? []).find((id) => !(to.students ?? []).includes(id));
      if (!moving || from === to) continue;
      from.students = (from.students ?? []).filter((id) => id !== moving);
      to.students = [...(to.students ?? []), moving];
      await clever.putData("sections", from.id, from);
      await clever.putData("sections", to.id, to);
      events += 2;
    }
    const sectionList = [...sections.values()];
    for (let i = 0; i < EVENTS.newStudents; i++) {
      const section = sectionList[(i * 31) % sectionList.length] as CleverObject;
      const id = createHash("sha1").update(`bench-new-student:${i}`).digest("hex").slice(0, 24);
      await clever.putData("students", id, { id, district: districtA, school: section.school, schools: [section.school], name: { first: `Nueva ${i}`, last: "Estudiante" }, grade: section.grade ?? "5" });
      section.students = [...(section.students ?? []), id];
      await clever.putData("sections", section.id, section);
      events += 2;
    }
    console.log(`  made ${events} changes through the control API (${EVENTS.renames} renames, ${EVENTS.transfers} transfers, ${EVENTS.newStudents} new students enrolled) in ${secs(performance.now() - changesStarted)}`);
    const applied = await step(`${events} events`, "events", districtA);
    const theirEvents = atBaseline ? await step(`${events} events`, "events", districtA, atBaseline) : undefined;

    // ---------------------------------------------------------------- a large district, ours alone
    let large: { students: number; full: Step } | undefined;
    if (LARGE_STUDENTS > 0) {
      const largeSandbox = spawnScript("scripts/bench/district-sandbox.ts", ["--students", String(LARGE_STUDENTS), "--districts", "1"], process.env);
      children.push(largeSandbox);
      const started = JSON.parse(await firstLine(largeSandbox, "{").then((rest) => `{${rest}`)) as { url: string; districts: [string] };
      await controlClient({ url: started.url, clientId: CLIENT_ID }).setLatency(LATENCY_MS);
      const largeUrl = await fresh("large");
      const largeEnv = { CLEVER_API_URL: started.url, CLEVER_OAUTH_URL: started.url };
      large = { students: LARGE_STUDENTS, full: await step(`full sync from empty, ${LARGE_STUDENTS} students`, "full", started.districts[0], { checkout: root, databaseUrl: largeUrl, env: largeEnv }) };
      await stop(largeSandbox);
    }

    // ---------------------------------------------------------------- two districts through the job queue
    const workerRuns: WorkerRun[] = [];
    if (WITH_WORKERS) {
      const { startBoss } = await import("@/lib/platform/jobs/boss");
      const { ensureQueues } = await import("@/lib/platform/jobs/queues");
      const { registeredJobs } = await import("../lib/jobs/registry");
      const { enqueue } = await import("@/lib/platform/jobs/enqueue");
      const { syncDistrictJob } = await import("@/lib/roster/district/jobs");
      for (const count of [1, 2]) {
        const url = await fresh(`workers${count}`);
        // No district shared while the workers start: their startup schedule queues nothing.
        for (const id of [fixtures.district.id, districtA, districtB]) await clever.connect(id, false);
        const workers: { child: ChildProcess; rssFile: string; sampled: number }[] = [];
        for (let w = 0; w < count; w++) {
          const port = await freePort();
          const rssFile = path.join(tmpdir(), `bench-district-worker-${process.pid}-${count}-${w}`);
          rmSync(rssFile, { force: true });
          const child = spawn(tsx, ["--conditions=react-server", path.join(root, "scripts/bench/district-worker.ts"), "--concurrency", "1", "--polling-seconds", "0.5"], {
            cwd: root,
            env: { ...childEnv, DATABASE_URL: url, DISTRICT_EVENTS_POLL_SECONDS: "3600", JOBS_HEALTH_PORT: String(port), BENCH_RSS_FILE: rssFile },
            stdio: ["ignore", "inherit", "inherit"],
          });
          children.push(child);
          workers.push({ child, rssFile, sampled: 0 });
          await waitForHttp(`http://127.0.0.1:${port}/health`, 60_000, child);
        }
        for (const id of [districtA, districtB]) await clever.connect(id, true);
        const boss = await startBoss({ connectionString: url });
        await ensureQueues(boss, registeredJobs);
        const db = new pg.Client({ connectionString: url });
        // The database is dropped WITH (FORCE) at the end, whatever happened: not an error.
        db.on("error", () => undefined);
        await db.connect();
        await clever.resetStats();
        const started = performance.now();
        for (const districtId of [districtA, districtB]) await enqueue(syncDistrictJob, { districtId }, { boss });
        for (;;) {
          for (const worker of workers) worker.sampled = Math.max(worker.sampled, worker.child.pid ? treeRssMb(worker.child.pid) : 0);
          const done = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "DistrictSync" WHERE "districtId" = ANY($1) AND "lastFullSyncAt" IS NOT NULL`, [[districtA, districtB]]);
          if (Number(done.rows[0]?.n) === 2) break;
          const dead = workers.find((w) => w.child.exitCode !== null);
          if (dead) throw new Error(`a worker exited with ${dead.child.exitCode} during the sync`);
          // A failed attempt is retried by the queue (30 s, then backing off): reported, not awaited forever.
          if (performance.now() - started > 30 * 60_000) {
            const failed = await db.query<{ districtId: string; errorCode: string | null }>(`SELECT "districtId", "errorCode" FROM "DistrictSync" WHERE "lastFailedAt" IS NOT NULL`);
            throw new Error(`the districts did not finish within 30 minutes with ${count} worker(s); failed attempts: ${JSON.stringify(failed.rows)}`);
          }
          await sleep(200);
        }
        const ms = performance.now() - started;
        const failures = await db.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND retry_count > 0`, [syncDistrictJob.name]);
        const { total } = await clever.stats();
        const jobs = await db.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1`, [syncDistrictJob.name]);
        await db.end();
        await boss.stop({ graceful: true });
        await Promise.all(workers.map((w) => stop(w.child)));
        const peakRssMb = workers.map((w) => ({ maxRss: Number(readFileSync(w.rssFile, "utf8")), sampledTree: w.sampled }));
        for (const w of workers) rmSync(w.rssFile, { force: true });
        const run = { workers: count, ms, calls: total, peakRssMb, jobs: Number(jobs.rows[0]?.n), retriedJobs: Number(failures.rows[0]?.n) };
        workerRuns.push(run);
        console.log(
          `  2 districts, ${count} worker${count > 1 ? "s" : ""}: ${secs(ms)}, ${total} Clever calls, ${run.jobs} sync jobs (slices; ${run.retriedJobs} retried after a failure), worker peak RSS ${peakRssMb.map((p) => mb(p.maxRss)).join(" / ")}`,
        );
      }
    }

    // ---------------------------------------------------------------- report
    const ourSteps = [idle, full, resync, applied, ...(large ? [large.full] : [])];
    const rows = ourSteps.map((s) => [s.name, secs(s.ms), String(s.calls), String(s.sql), String(s.rows), mb(s.maxRssMb)]);
    const header = ["step", "wall time", "Clever calls", "SQL statements", "rows written", "peak RSS (sync process)"];
    const table = (head: string[], body: string[][]) => {
      const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
      const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
      return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
    };
    console.log(`\nDistrict sync benchmark — ${STUDENTS} students, local Clever with ${LATENCY_MS} ms per call${HEAP_MB ? `, V8 heap limit ${HEAP_MB} MB` : ""}; load average ${loadAtStart} at the start, ${load()} at the end (1 / 5 / 15 min)\n`);
    console.log(table(header, rows));
    const ours: DistrictFigures = { students: STUDENTS, full, resync, events: applied };
    const baselineFigures = theirs && theirEvents ? { students: STUDENTS, ...theirs, events: theirEvents } : undefined;
    if (baseline && baselineFigures) {
      console.log(`\nBeside the baseline, ${baseline.commit} (same run, same district; ours/baseline):\n`);
      console.log(table(["measure", "ours", `baseline ${baseline.commit}`, "ours/baseline"], comparisonRows(ours, baselineFigures)));
    }
    if (large) {
      console.log(`\nFull sync per 1,000 students: ${secs(perThousand(ours))} at ${STUDENTS}, ${secs(perThousand(large))} at ${large.students} (${(perThousand(large) / perThousand(ours)).toFixed(2)}×)`);
    }
    console.log("\nWhere the time goes (SQL: summed wall time of the statements, waited on one after another):");
    for (const s of [full, resync, applied, ...(large ? [large.full] : []), ...(baselineFigures ? [baselineFigures.full, baselineFigures.resync].map((b) => ({ ...b, name: `${b.name} [baseline]` })) : [])]) {
      console.log(`  ${s.name}: ${secs(s.ms)}, of which waiting on SQL ${secs(s.sqlMs)} (${Math.round((100 * s.sqlMs) / s.ms)}%)`);
      for (const t of s.topStatements.slice(0, 4)) console.log(`      ${String(t.count).padStart(5)} × ${secs(t.ms).padStart(7)}  ${t.statement}`);
    }
    console.log("\nFull sync's memory by roster kind being written (highest sampled, MB; external = off the V8 heap: Buffers, WebAssembly):");
    console.log(
      table(
        ["kind", "RSS", "V8 heap used", "V8 heap total", "external", "array buffers"],
        Object.entries(full.memoryBySync).map(([kind, m]) => [kind, String(m.rss), String(m.heapUsed), String(m.heapTotal), String(m.external), String(m.arrayBuffers)]),
      ),
    );
    const [one, two] = workerRuns;
    const speedUp = one && two ? one.ms / two.ms : undefined;
    if (one && two) {
      console.log(`\nTwo generated districts of ${STUDENTS} students each, full sync through the job queue (one job at a time per worker: --concurrency 1):\n`);
      console.log(
        table(
          ["workers", "wall time", "Clever calls", "sync jobs", "peak RSS per worker"],
          workerRuns.map((r) => [String(r.workers), secs(r.ms), String(r.calls), String(r.jobs), r.peakRssMb.map((p) => mb(p.maxRss)).join(" / ")]),
        ),
      );
      console.log(`\nspeed-up, two workers over one: ${(speedUp ?? 0).toFixed(2)}×`);
    }

    const workerPeak = Math.max(0, ...workerRuns.flatMap((r) => r.peakRssMb.map((p) => p.maxRss)));
    const targets = [
      ...districtTargets(ours, baselineFigures, large),
      { ok: applied.applied === events, text: `the events step applied ${applied.applied ?? 0} of the ${events} events made` },
      ...(workerRuns.length ? [{ ok: workerPeak < RSS_LIMIT_MB, text: `worker processes (2 districts): peak RSS ${mb(workerPeak)} < ${RSS_LIMIT_MB} MB` }] : []),
      ...(speedUp !== undefined ? [{ ok: speedUp > 1, text: `two workers ${speedUp.toFixed(2)}× as fast as one on two districts (target > 1×)` }] : []),
    ];
    console.log("\nTargets:");
    for (const t of targets) console.log(`  ${t.ok ? "PASS" : "FAIL"}  ${t.text}`);

    const result = {
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), ${Math.round(totalmem() / 2 ** 30)} GiB`,
      loadAverage: { start: loadAtStart, end: load() },
      at: new Date().toISOString(),
      students: STUDENTS,
      cleverLatencyMs: LATENCY_MS,
      heapLimitMb: HEAP_MB || undefined,
      steps: ourSteps,
      ...(baseline && baselineFigures ? { baseline: { commit: baseline.commit, steps: [baselineFigures.full, baselineFigures.resync, baselineFigures.events] }, comparison: comparisonRows(ours, baselineFigures) } : {}),
      ...(large ? { large: { students: large.students, msPerThousand: perThousand(large), ratioToFirst: perThousand(large) / perThousand(ours) } } : {}),
      changes: { events, ...EVENTS },
      workers: workerRuns,
      speedUp,
      targets,
    };
    mkdirSync(path.join(root, "bench-results"), { recursive: true });
    writeFileSync(path.join(root, "bench-results", "district.json"), JSON.stringify(result, null, 2));
  } finally {
    await Promise.all(children.reverse().map(stop));
    for (const name of databases) await dropDatabase(server.url, name).catch(() => undefined);
    await server.stop();
    await baseline?.dispose();
  }
}
