// The morning burst and a soak (`npm run bench`, never `npm test`): students
// and teachers of one school log in at once through the full OAuth flow at the
// HTTP level against `next start`, the local Clever with 50 ms per call, and
// PostgreSQL; then a steady login rate for the soak. Prints latency
// percentiles, errors, database rows, memory, dashboard JS size and mobile LCP.
//
//   npm run bench -- --soak-seconds 600 --rate 2   (defaults: 600 s, 2 logins/s)
//   npm run bench:load -- --cpu-profile   (also: where the app's CPU goes, by package)
//   npm run bench:load -- --baseline main   (also builds and measures that commit, in the same run, side by side)
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, devices, type Page } from "@playwright/test";
import pg from "pg";
import { controlClient, instantLoginUrl } from "../sandbox/control-client";
import { bigSectionStudents, fixtures } from "../sandbox/fixtures";
import { instantLoginToDashboard, type LoginTiming } from "./bench/http-login";
import { cpuByPackage, type CpuProfile } from "./bench/cpu-profile";
import { treeCpuMs, treeRssMb } from "./bench/process-usage";
import { checkoutBaseline, compareFigures, formatComparison } from "./bench/baseline";
import { percentile, slope } from "./bench/stats";
import { prepareE2eDatabase } from "./lib/e2e-database";
import { projectRoot } from "./lib/postgres";
import { run, waitForHttp } from "./lib/run";
import { ensureLocalTls, trustInProcess } from "./lib/local-tls";
import { stackServers, testAppUrl } from "./lib/test-stack";
import { statementProxy } from "../tests/support/statements";

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const soakSeconds = arg("soak-seconds", 600);
const soakRate = arg("rate", 2);
const latencyMs = arg("latency", 50);
const ports = { appPort: arg("app-port", 3300), sandboxPort: arg("sandbox-port", 4300) };
const distDir = process.env.NEXT_DIST_DIR ?? ".data/next-bench";
const profileDir = process.argv.includes("--cpu-profile") ? path.join(projectRoot, "bench-results", "cpu-profile") : undefined;
const baselineIndex = process.argv.indexOf("--baseline");
const baselineRef = baselineIndex > 0 ? process.argv[baselineIndex + 1] : undefined;
const resultsDir = path.join(projectRoot, "bench-results");

interface Outcome {
  ok: boolean;
  timing?: LoginTiming;
  error?: string;
}

async function attempt(cleverUrl: string, clientId: string, userId: string): Promise<Outcome> {
  try {
    return { ok: true, timing: await instantLoginToDashboard({ cleverUrl, clientId, districtId: fixtures.district.id, userId }) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function summarize(outcomes: Outcome[]) {
  const times = outcomes.flatMap((o) => (o.timing ? [o.timing.callbackToDashboardMs] : []));
  return {
    logins: outcomes.length,
    errors: outcomes.filter((o) => !o.ok).length,
    p50: Math.round(percentile(times, 50)),
    p95: Math.round(percentile(times, 95)),
    p99: Math.round(percentile(times, 99)),
    firstErrors: [...new Set(outcomes.flatMap((o) => (o.error ? [o.error] : [])))].slice(0, 3),
  };
}

/** The scripts a page loads from now on. */
function scriptsOf(page: Page): Set<string> {
  const scripts = new Set<string>();
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.add(response.url());
  });
  return scripts;
}

/** Those scripts' size, each gzipped, in KB (one decimal). */
async function gzipKb(page: Page, scripts: Set<string>): Promise<number> {
  let bytes = 0;
  for (const url of scripts) bytes += gzipSync(Buffer.from(await (await page.request.get(url)).body())).length;
  return Math.round(bytes / 102.4) / 10;
}

async function dashboardWeight(appUrl: string, cleverUrl: string, clientId: string) {
  const browser = await chromium.launch({
    // The system Chromium where there is one, else Playwright's own.
    ...(existsSync("/usr/bin/chromium") ? { executablePath: "/usr/bin/chromium" } : {}),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const context = await browser.newContext({ ...devices["Pixel 7"] });
    const page = await context.newPage();
    const user = fixtures.teacherTwelveSections;
    // A first visit provisions and syncs; the measured one is a returning teacher.
    await page.goto(instantLoginUrl(cleverUrl, { clientId, user }));
    await page.waitForURL(/\/(dashboard|onboarding)/);
    const scripts = scriptsOf(page);
    await page.goto(`${appUrl}/dashboard`, { waitUntil: "networkidle" });
    const lcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            resolve(entries[entries.length - 1]?.startTime ?? Number.NaN);
          }).observe({ type: "largest-contentful-paint", buffered: true });
          setTimeout(() => resolve(Number.NaN), 5000);
        }),
    );
    // The framework's floor in the same build: a page with no client
    // component of ours, in a browser with nothing cached.
    const floorPage = await (await browser.newContext({ ...devices["Pixel 7"] })).newPage();
    const floorScripts = scriptsOf(floorPage);
    await floorPage.goto(`${appUrl}/logged-out`, { waitUntil: "networkidle" });
    const [jsGzipKb, floorJsGzipKb] = [await gzipKb(page, scripts), await gzipKb(floorPage, floorScripts)];
    return { lcpMs: Math.round(lcp), jsGzipKb, scripts: scripts.size, floorJsGzipKb, overFloorKb: Math.round((jsGzipKb - floorJsGzipKb) * 10) / 10 };
  } finally {
    await browser.close();
  }
}

/** Builds the checkout at `root` (unless `build` is false), starts its stack
 * and measures it; `label` prefixes the files it writes beside load.json. */
async function measure(root: string, options: { build: boolean; label: string; profile?: string }) {
  if (options.build) {
    await run("node_modules/.bin/next", ["build"], { cwd: root, env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  const database = await prepareE2eDatabase(root);
  // The app's statements, counted on the wire between it and PostgreSQL (the worker's are not).
  const proxy = await statementProxy(database.url);
  const children: ChildProcess[] = [];
  let appPid = 0;
  try {
    trustInProcess(await ensureLocalTls());
    for (const server of stackServers(ports, database.url)) {
      const isApp = server.args[0] === "start";
      // Under --cpu-profile the app runs in a node started here, which writes
      // a V8 profile when `next start` exits on SIGTERM.
      const [command, args] =
        isApp && options.profile ? [process.execPath, [`--cpu-prof`, `--cpu-prof-dir=${options.profile}`, "node_modules/next/dist/bin/next", ...server.args]] : [server.command, server.args];
      const env: NodeJS.ProcessEnv = { ...process.env, ...server.env, NEXT_DIST_DIR: distDir, LOG_LEVEL: "warn", ...(isApp ? { DATABASE_URL: proxy.url } : {}) };
      // The deployed default, not the test stack's "every login syncs" (kept for its journeys).
      delete env.LOGIN_SYNC_FRESH_SECONDS;
      const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
      children.push(child);
      await waitForHttp(server.readyUrl, server.timeoutMs, child);
      if (isApp) appPid = child.pid ?? 0;
    }
    const appUrl = testAppUrl(ports);
    const cleverUrl = `http://127.0.0.1:${ports.sandboxPort}`;
    const clientId = "demo-client-id";
    await controlClient({ url: cleverUrl, clientId }).setLatency(latencyMs);

    // Warm the server (first-request compilation of routes is not the burst).
    await attempt(cleverUrl, clientId, fixtures.teacher.id);
    const memoryStart = treeRssMb(appPid);

    // One login at a time: the latency with no queueing, and the app CPU one
    // login costs (its roster sync included), which the burst multiplies.
    const quietUsers = bigSectionStudents.slice(100, 110).map((s) => s.id);
    for (const id of quietUsers) await attempt(cleverUrl, clientId, id);
    await settle();
    const quietCpuStart = treeCpuMs(appPid);
    const quiet: Outcome[] = [];
    for (const id of quietUsers) quiet.push(await attempt(cleverUrl, clientId, id));
    await settle();
    const quietCpuPerLogin = Math.round((treeCpuMs(appPid) - quietCpuStart) / quietUsers.length);

    // One returning login's SQL, by purpose, and its HTTP hops.
    const statementsBefore = proxy.statements().length;
    const returning = await attempt(cleverUrl, clientId, quietUsers[0] as string);
    await settle();
    const statements = proxy.statements().slice(statementsBefore);
    writeFileSync(path.join(resultsDir, `${options.label}returning-login.sql`), `${statements.join("\n")}\n`);

    const students = bigSectionStudents.slice(0, 30).map((s) => s.id);
    const teachers = [fixtures.teacherBigSection, fixtures.coTeacherA, fixtures.coTeacherB, fixtures.coTeacherC, fixtures.teacherUtf8].map((t) => t.id);
    const burstUsers = [...students, ...teachers];
    /** Every user logs in at once: the outcomes, the wall time and the app CPU per login (the syncs they scheduled included). */
    const allAtOnce = async () => {
      const cpuStart = treeCpuMs(appPid);
      const started = performance.now();
      const outcomes = await Promise.all(burstUsers.map((id) => attempt(cleverUrl, clientId, id)));
      const wallMs = Math.round(performance.now() - started);
      await settle();
      return { outcomes, wallMs, cpuPerLogin: Math.round((treeCpuMs(appPid) - cpuStart) / burstUsers.length) };
    };
    const burst = await allAtOnce();
    // The same class again a little later: the everyday 8 a.m. burst, every
    // login a returning one (its roster synced by the burst before).
    const returningBurst = await allAtOnce();

    const client = new pg.Client({ connectionString: database.url });
    // The database is dropped at the end even if a step failed: that must
    // not hide the step's error behind this connection's.
    client.on("error", () => {});
    await client.connect();
    const rows = await client.query<{ users: string; distinct_ids: string; sessions: string }>(
      `SELECT count(*) AS users, count(DISTINCT "cleverId") AS distinct_ids,
              (SELECT count(*) FROM "Session" s JOIN "User" u2 ON u2.id = s."userId" WHERE u2."cleverId" = ANY($1)) AS sessions
         FROM "User" WHERE "cleverId" = ANY($1)`,
      [burstUsers],
    );

    const soak: Outcome[] = [];
    const memory: { x: number; y: number }[] = [{ x: 0, y: memoryStart }];
    const soakStarted = performance.now();
    const pool = [...students, ...teachers, ...bigSectionStudents.slice(30).map((s) => s.id)];
    let next = 0;
    const inflight: Promise<void>[] = [];
    while (performance.now() - soakStarted < soakSeconds * 1000) {
      const id = pool[next++ % pool.length] as string;
      inflight.push(attempt(cleverUrl, clientId, id).then((o) => void soak.push(o)));
      if (next % Math.max(1, Math.round(soakRate * 10)) === 0) memory.push({ x: (performance.now() - soakStarted) / 60_000, y: treeRssMb(appPid) });
      await new Promise((r) => setTimeout(r, 1000 / soakRate));
    }
    await Promise.all(inflight);
    const memoryEnd = treeRssMb(appPid);
    // A machine without a browser still gets the login figures.
    const weight = await dashboardWeight(appUrl, cleverUrl, clientId).catch((error: unknown) => ({ error: error instanceof Error ? error.message.split("\n")[0] : String(error) }));
    await client.end();

    return {
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), ${Math.round(totalmem() / 2 ** 30)} GiB`,
      cleverLatencyMs: latencyMs,
      returningLogin: { hops: returning.timing?.hopPaths, sqlStatements: statements.length, sqlByPurpose: byPurpose(statements) },
      oneAtATime: { ...summarize(quiet), appCpuMsPerLogin: quietCpuPerLogin },
      burst: { ...summarize(burst.outcomes), concurrent: burstUsers.length, wallMs: burst.wallMs, appCpuMsPerLogin: burst.cpuPerLogin, targetP95Ms: 4 * latencyMs + 150 },
      returningBurst: { ...summarize(returningBurst.outcomes), concurrent: burstUsers.length, wallMs: returningBurst.wallMs, appCpuMsPerLogin: returningBurst.cpuPerLogin },
      databaseAfterBurst: rows.rows[0],
      soak: { ...summarize(soak), seconds: soakSeconds, ratePerSecond: soakRate },
      memoryMb: { start: Math.round(memoryStart), end: Math.round(memoryEnd), trendMbPerMinute: Math.round(slope(memory) * 10) / 10 },
      dashboard: { ...weight, targetJsGzipKb: 120, targetOverFloorKb: 5, targetLcpMs: 1500 },
    };
  } finally {
    await Promise.all(children.reverse().map(stop));
    await proxy.close();
    await database.dispose();
  }
}

async function main() {
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  // The baseline is checked out first, so a bad REF fails before any build.
  const baseline = baselineRef ? await checkoutBaseline(baselineRef) : undefined;
  try {
    const started = performance.now();
    const ours = await measure(projectRoot, { build: !process.argv.includes("--no-build"), label: "", profile: profileDir });
    const oursMinutes = (performance.now() - started) / 60_000;
    let result: Record<string, unknown> = ours;
    let table: string | undefined;
    if (baseline) {
      const theirs = await measure(baseline.root, { build: true, label: "baseline-" });
      const comparison = compareFigures(ours, theirs);
      result = { ...ours, baseline: { commit: baseline.commit, ...theirs }, comparison };
      table = formatComparison(comparison, baseline.commit);
      console.log(`(ours took ${oursMinutes.toFixed(1)} min, the baseline ${((performance.now() - started) / 60_000 - oursMinutes).toFixed(1)} min, builds included)`);
    }
    writeFileSync(path.join(resultsDir, "load.json"), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
    if (table) console.log(`\n${table}`);
  } finally {
    await baseline?.dispose();
  }
  if (profileDir) printCpuProfile(profileDir);
}

// A statement's purpose from the first table it names; transaction control
// counts apart. The page render reads the same tables as the sync, so its
// statements are told from the sync's by the tables only the dashboard reads.
const purposes: [string, RegExp][] = [
  ["transaction", /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i],
  ["session", /"Session"/],
  ["auth", /"(RateLimit|UsedLoginCode|Account|VerificationToken)"/],
  ["sync", /"(SyncRun|DistrictSync)"/],
  ["provisioning", /"(User|CleverToken|District|School|DirectorySchool)"/],
  ["page render or sync", /"(Section|Enrollment|SectionTeacher|SectionChoice|Term)"/],
  ["jobs", /pgboss/],
];

function byPurpose(statements: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const statement of statements) {
    let best: { purpose: string; at: number } = { purpose: "other", at: Infinity };
    for (const [purpose, pattern] of purposes) {
      const at = statement.search(pattern);
      if (at >= 0 && at < best.at) best = { purpose, at };
    }
    counts[best.purpose] = (counts[best.purpose] ?? 0) + 1;
  }
  return counts;
}

/** Lets the roster syncs that logins scheduled with after() finish. */
async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 3000));
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function printCpuProfile(dir: string) {
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) return console.log(`no CPU profile was written in ${dir}`);
  const rows = cpuByPackage(JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile);
  const busy = rows.filter((row) => row.name !== "(idle)").reduce((sum, row) => sum + row.ms, 0);
  console.log(`\nThe app's CPU by package (${Math.round(busy)} ms busy; ${path.join(dir, file)} opens in Chrome DevTools):`);
  for (const row of rows.filter((r) => r.name !== "(idle)").slice(0, 12)) {
    console.log(`${String(Math.round((row.ms / busy) * 100)).padStart(4)}%  ${String(Math.round(row.ms)).padStart(7)} ms  ${row.name}`);
  }
}

await main();
