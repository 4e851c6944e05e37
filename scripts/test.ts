// `npm test`: everything, in order of cost — typecheck, lint, unit and
// integration tests (vitest, fresh embedded PostgreSQL database), then the
// Playwright suite in real browsers against a production build.
// `--only STEP[,STEP]` runs a subset (typecheck, lint, vitest, e2e, webkit,
// coverage): e2e is Playwright, webkit the Safari engine (e2e/webkit/) on the
// same build and database, coverage the certification rule (every `must`
// requirement has a test), last so work in progress elsewhere does not block.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { canarySecrets, findLeakedSecrets } from "./lib/bundle-check";
import { runCoverageStep, runWebkitStep } from "./lib/certification-steps";
import { prepareE2eDatabase } from "./lib/e2e-database";
import { projectRoot } from "./lib/postgres";
import { run } from "./lib/run";
import { playwrightRunFiles, startRun, writeRunMetadata } from "./lib/run-metadata";
import { browserPackages, ensureSystemPackages } from "./lib/system-packages";

const bin = (name: string) => path.join(projectRoot, "node_modules", ".bin", name);
const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex > 0 ? new Set((process.argv[onlyIndex + 1] ?? "").split(",")) : undefined;
const wants = (step: string) => !only || only.has(step);
// Anything after `--` goes to Playwright as is (e.g. `npm run test:e2e --
// e2e/login.spec.ts --repeat-each=5 --project=chromium`), and is recorded in
// test-results/results.meta.json: the report calls such a run incomplete.
const dashDash = process.argv.indexOf("--");
const playwrightArgs = dashDash > 0 ? process.argv.slice(dashDash + 1) : [];

interface Counts {
  passed: number;
  failed: number;
}
const totals: Counts = { passed: 0, failed: 0 };

async function step(name: string, action: () => Promise<void>) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  await action();
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function addCounts(file: string, read: (json: unknown) => Counts) {
  if (!existsSync(file)) return;
  const counts = read(JSON.parse(readFileSync(file, "utf8")));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
}

function playwrightCounts(json: unknown): Counts {
  const stats = (json as { stats: { expected: number; unexpected: number; flaky: number } }).stats;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
}

async function main() {
  if (wants("typecheck")) await step("typecheck", () => run("npm", ["run", "--silent", "typecheck"]));
  if (wants("lint")) await step("lint", () => run("npm", ["run", "--silent", "lint"]));
  if (wants("vitest")) {
    await step("unit and integration tests (vitest)", () =>
      run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest.json"]),
    );
    addCounts("test-results/vitest.json", (json) => {
      const report = json as { numPassedTests: number; numFailedTests: number };
      return { passed: report.numPassedTests, failed: report.numFailedTests };
    });
  }
  if (wants("e2e") || wants("webkit")) {
    await step("browsers (Debian chromium, firefox-esr)", () => ensureSystemPackages(browserPackages));
    await step("production build", () =>
      run(bin("next"), ["build"], { env: { ...process.env, ...canarySecrets, NEXT_TELEMETRY_DISABLED: "1" } }),
    );
    await step("no secret in the client bundle", async () => {
      const leaks = findLeakedSecrets(path.join(projectRoot, process.env.NEXT_DIST_DIR ?? ".next"));
      if (leaks.length > 0) throw new Error(`Secrets in the client bundle:\n${leaks.join("\n")}`);
    });
    const database = await prepareE2eDatabase();
    try {
      // A Playwright failure still lets the WebKit step run; both are reported.
      let playwrightError: unknown;
      if (wants("e2e")) {
        const record = startRun(projectRoot, playwrightArgs, {});
        await step("end-to-end tests (Playwright)", () =>
          run(bin("playwright"), ["test", ...playwrightArgs], { env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" } }),
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
        });
      }
      if (playwrightError) throw playwrightError;
    } finally {
      await database.dispose();
      // playwright.config.ts names the results after the version the run speaks.
      if (wants("e2e")) addCounts(playwrightRunFiles().results, playwrightCounts);
    }
    // The suite again in Desktop Chrome with the app on Clever's v3.1 API
    // (the local Clever serves both), on a database of its own: every journey
    // must hold on either version. Its results go to results-v3.1.json.
    if (wants("e2e") && playwrightArgs.length === 0 && process.env.CLEVER_API_VERSION !== "v3.1") {
      const v31 = await prepareE2eDatabase();
      try {
        await step("end-to-end tests on Clever API v3.1 (Playwright, Desktop Chrome)", () =>
          run(bin("playwright"), ["test"], { env: { ...process.env, DATABASE_URL: v31.url, CLEVER_API_VERSION: "v3.1", NEXT_TELEMETRY_DISABLED: "1" } }),
        );
      } finally {
        await v31.dispose();
        addCounts(playwrightRunFiles("v3.1").results, playwrightCounts);
      }
    }
  }
  if (wants("coverage")) await step("certification coverage (every must requirement has a test)", runCoverageStep);
}

main().then(
  () => {
    console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
  },
  (error: unknown) => {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
    console.log(`\n${totals.passed} passed, ${Math.max(totals.failed, 1)} failed`);
    process.exit(1);
  },
);
