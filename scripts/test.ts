// `npm test`: everything, in order of cost — typecheck, lint, unit and
// integration tests (vitest, fresh embedded PostgreSQL database), then the
// Playwright suite in real browsers against a production build.
//
// The gate: each step fails on its runner's exit code and on its own counts
// (a runner that exits 0 with failed tests, or runs none, fails its step); the
// script exits non-zero whenever anything failed, and its last line is always
// "N passed, M failed".
//
// Options (CI and the gate's own test use them; a newcomer needs none):
// - `--only STEP[,STEP]` runs a subset (typecheck, lint, vitest, e2e, webkit,
//   coverage): e2e is Playwright, webkit the Safari engine (e2e/webkit/) on
//   the same build and database, coverage the certification rule (every
//   `must` requirement has a test in each engine it needs), run before any
//   test.
// - `--vitest-project NAME` runs one vitest project (unit, integration).
// - `--vitest-config FILE` runs vitest with another config (the gate's test).
// - `--reuse-build` keeps an existing production build (CI's second run, on
//   the same tree).
// - anything after `--` goes to Playwright as is (e.g. `npm run test:e2e --
//   e2e/login.spec.ts --project=chromium`), and is recorded in
//   test-results/results.meta.json: the report calls such a run incomplete.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { canarySecrets, findLeakedSecrets } from "./lib/bundle-check";
import { runCoverageStep, runWebkitStep } from "./lib/certification-steps";
import { apiVersionSpecs } from "./lib/coverage";
import { prepareE2eDatabase } from "./lib/e2e-database";
import { projectRoot } from "./lib/postgres";
import { run } from "./lib/run";
import { playwrightRunFiles, startRun, writeRunMetadata } from "./lib/run-metadata";
import { browserPackages, ensureSystemPackages } from "./lib/system-packages";
import { type Counts, playwrightCounts, vitestCounts } from "./lib/test-counts";

const bin = (name: string) => path.join(projectRoot, "node_modules", ".bin", name);
const dashDash = process.argv.indexOf("--");
const ownArgs = dashDash > 0 ? process.argv.slice(2, dashDash) : process.argv.slice(2);
const playwrightArgs = dashDash > 0 ? process.argv.slice(dashDash + 1) : [];
const option = (name: string) => {
  const index = ownArgs.indexOf(name);
  return index >= 0 ? ownArgs[index + 1] : undefined;
};
const only = option("--only") === undefined ? undefined : new Set((option("--only") ?? "").split(","));
const wants = (step: string) => !only || only.has(step);
const vitestConfig = option("--vitest-config");
const vitestProject = option("--vitest-project");
const reuseBuild = ownArgs.includes("--reuse-build");

const totals: Counts = { passed: 0, failed: 0 };
// Every record this run writes (Playwright, WebKit, v3.1) carries this ID, so
// the report can tell one run's results from another's (run-metadata.ts).
process.env.TEST_RUN_ID ??= randomUUID();

async function step(name: string, action: () => Promise<void>) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  await action();
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Runs a test runner that writes `resultsFile`, adds its counts to the
 * totals, and fails on its exit code, on a failed test, or on no test at all. */
async function counted(command: string, args: string[], env: NodeJS.ProcessEnv, resultsFile: string, read: (json: unknown) => Counts): Promise<void> {
  const file = path.join(projectRoot, resultsFile);
  rmSync(file, { force: true });
  let exitError: unknown;
  await run(command, args, { env }).catch((error: unknown) => {
    exitError = error;
  });
  const counts = existsSync(file) ? read(JSON.parse(readFileSync(file, "utf8"))) : { passed: 0, failed: 1 };
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  if (!existsSync(file)) throw new Error(`${resultsFile} was not written${exitError instanceof Error ? ` (${exitError.message})` : ""}`);
  if (counts.failed > 0) throw new Error(`${counts.failed} failed (${resultsFile})`);
  if (exitError) throw exitError;
  if (counts.passed === 0) throw new Error(`no test ran (${resultsFile})`);
}

async function main() {
  console.log(`Node.js ${process.version} (the \`node\` dev dependency: package.json)`);
  if (wants("typecheck")) await step("typecheck", () => run("npm", ["run", "--silent", "typecheck"]));
  if (wants("lint")) await step("lint", () => run("npm", ["run", "--silent", "lint"]));
  // Before any test: a must without a test in an engine it needs fails the
  // run now, not after the browsers.
  if (wants("coverage")) await step("certification coverage (every must requirement has a test in each engine it needs)", runCoverageStep);
  // Before any test: some unit tests render in Chromium (the listing kit).
  if (wants("vitest") || wants("e2e") || wants("webkit")) {
    await step("browsers (Debian chromium, firefox-esr)", () => ensureSystemPackages(browserPackages));
  }
  if (wants("vitest")) {
    const resultsFile = vitestConfig ? `test-results/vitest-${path.basename(path.dirname(vitestConfig))}.json` : "test-results/vitest.json";
    const args = ["run", "--reporter=default", "--reporter=json", `--outputFile=${resultsFile}`];
    if (vitestConfig) args.push(`--config=${vitestConfig}`);
    if (vitestProject) args.push(`--project=${vitestProject}`);
    await step(`${vitestProject ?? "unit and integration"} tests (vitest)`, () => counted(bin("vitest"), args, process.env, resultsFile, vitestCounts));
  }
  if (wants("e2e") || wants("webkit")) {
    if (!reuseBuild || !existsSync(path.join(projectRoot, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
      await step("production build", () => run(bin("next"), ["build"], { env: { ...process.env, ...canarySecrets, NEXT_TELEMETRY_DISABLED: "1" } }));
    }
    await step("no secret in the client bundle", async () => {
      const leaks = findLeakedSecrets(path.join(projectRoot, process.env.NEXT_DIST_DIR ?? ".next"));
      if (leaks.length > 0) throw new Error(`Secrets in the client bundle:\n${leaks.join("\n")}`);
    });
    const database = await prepareE2eDatabase();
    // A Playwright failure still lets the WebKit step run; both are reported.
    let playwrightError: unknown;
    try {
      if (wants("e2e")) {
        const record = startRun(projectRoot, playwrightArgs, {});
        await step("end-to-end tests (Playwright)", () =>
          counted(bin("playwright"), ["test", ...playwrightArgs], { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" }, playwrightRunFiles().results, playwrightCounts),
        ).catch((error: unknown) => {
          playwrightError = error;
        });
        writeRunMetadata(path.join(projectRoot, playwrightRunFiles().metadata), record.finish());
      }
      if (wants("webkit")) {
        await step("Safari engine (WebKitGTK through WebKitWebDriver, Xvfb)", async () => {
          const counts = await runWebkitStep(database.url);
          totals.passed += counts.passed;
          totals.failed += counts.failed;
          if (counts.failed > 0) throw new Error(`${counts.failed} WebKit journey(s) failed (test-results/webkit.json)`);
          if (counts.passed === 0) throw new Error("no WebKit journey ran (test-results/webkit.json)");
        });
      }
    } finally {
      await database.dispose();
    }
    if (playwrightError) throw playwrightError;
    // The specs whose journeys read Clever's Data API again, in Desktop Chrome
    // with the app on Clever's v3.1 API (the local Clever serves both), on a
    // database of their own: each must hold on either version. The rest
    // (pages, headers, sessions, abuse limits) does not depend on it. Results
    // go to results-v3.1.json.
    if (wants("e2e") && playwrightArgs.length === 0 && process.env.CLEVER_API_VERSION !== "v3.1") {
      const v31 = await prepareE2eDatabase();
      const record = startRun(projectRoot, apiVersionSpecs, {}, "v3.1");
      try {
        await step("end-to-end tests on Clever API v3.1 (Playwright, Desktop Chrome)", () =>
          counted(
            bin("playwright"),
            ["test", ...apiVersionSpecs],
            { ...process.env, DATABASE_URL: v31.url, CLEVER_API_VERSION: "v3.1", NEXT_TELEMETRY_DISABLED: "1" },
            playwrightRunFiles("v3.1").results,
            playwrightCounts,
          ),
        );
      } finally {
        await v31.dispose();
        writeRunMetadata(path.join(projectRoot, playwrightRunFiles("v3.1").metadata), record.finish());
      }
    }
  }
}

main().then(
  () => {
    console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
    if (totals.failed > 0) process.exit(1);
  },
  (error: unknown) => {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
    console.log(`\n${totals.passed} passed, ${Math.max(totals.failed, 1)} failed`);
    process.exit(1);
  },
);
