// `npm run certify`: the certification suite in every engine — all
// Playwright projects with every spec (CERTIFY=1: each test's final screen is
// kept) and the Safari engine journeys —
// on one production build, then the report for Clever and districts:
// certification-report/index.html and report.md.
// Exits non-zero unless every `must` requirement is proven in every engine by
// one complete run of the current commit (e2e/support/report/model.ts), and
// nothing failed: no test of any kind, in any engine, on either API version.
//
//   npm run certify                  # run everything, then write the report
//   npm run certify -- --report-only # rewrite the report from test-results/
//   npm run certify -- -- e2e/auth-login.spec.ts   # Playwright arguments: an "incomplete" report
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { answersConfiguration, settingsDeviations } from "../e2e/support/report/configuration";
import { dashboardSettings, surveyAnswers } from "../e2e/support/report/answers";
import { buildReport, certificationPasses, engines, exitCode, incompleteReasons, type RunEvidence } from "../e2e/support/report/model";
import { renderHtml, renderMarkdown } from "../e2e/support/report/render";
import { apiVersionSpecs, loadRequirements, playwrightTests, webkitTests, type TestRecord, type WebkitReport } from "./lib/coverage";
import { listPlaywrightTests, listWebkitTests } from "./lib/coverage-check";
import { projectRoot } from "./lib/postgres";
import { run } from "./lib/run";
import { gitState, playwrightRunFiles, readRunMetadata } from "./lib/run-metadata";
import { listingOrigin, listingSummary, writeListingKit } from "./listing-kit";

// CLEVER_API_VERSION=v3.1 certifies the app on Clever's v3.1 API: every
// engine (E2E_ALL_ENGINES), its own results, and a report that names it.
const runFiles = playwrightRunFiles();
const resultsFile = path.join(projectRoot, runFiles.results);
const resultsMetadataFile = path.join(projectRoot, runFiles.metadata);
const webkitFile = path.join(projectRoot, "test-results", "webkit.json");
// The build the results must be newer than (`next build` writes BUILD_ID last).
const buildIdFile = path.join(projectRoot, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID");
const reportDir = path.join(projectRoot, "certification-report");
const reportOnly = process.argv.includes("--report-only");
const dashDash = process.argv.indexOf("--");
const playwrightArgs = dashDash > 0 ? process.argv.slice(dashDash) : [];

async function runSuite(): Promise<boolean> {
  for (const file of [resultsFile, resultsMetadataFile, webkitFile, v31Files.results, v31Files.metadata]) rmSync(path.resolve(projectRoot, file), { force: true });
  const started = Date.now();
  console.log("▶ certification run: build, Playwright (all projects, all specs), WebKit");
  const ok = await run(path.join(projectRoot, "node_modules", ".bin", "tsx"), ["scripts/test.ts", "--only", "e2e,webkit", ...playwrightArgs], {
    cwd: projectRoot,
    env: { ...process.env, CERTIFY: "1", E2E_ALL_ENGINES: "1" },
  }).then(
    () => true,
    () => false,
  );
  console.log(`✔ certification run finished in ${((Date.now() - started) / 60_000).toFixed(1)} min${ok ? "" : " (with failures)"}`);
  return ok;
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined;
}

const v31Files = playwrightRunFiles("v3.1");

function v31Evidence(): NonNullable<RunEvidence["v31"]> {
  const results = readJson<unknown>(path.join(projectRoot, v31Files.results));
  return {
    found: results !== undefined,
    tests: results === undefined ? [] : playwrightTests(results),
    startTime: (results as { stats?: { startTime?: string } } | undefined)?.stats?.startTime,
    metadata: readRunMetadata(path.join(projectRoot, v31Files.metadata)),
    specs: apiVersionSpecs,
  };
}

async function main() {
  const suiteOk = reportOnly ? undefined : await runSuite();
  const playwright = readJson<unknown>(resultsFile);
  const webkit = readJson<WebkitReport>(webkitFile);
  const ran: TestRecord[] = [...(playwright ? playwrightTests(playwright) : []), ...(webkit ? webkitTests(webkit) : [])];
  const listed = [...(await listPlaywrightTests()), ...(await listWebkitTests())];
  const evidence: RunEvidence = {
    head: gitState(projectRoot),
    builtAt: existsSync(buildIdFile) ? statSync(buildIdFile).mtime : undefined,
    playwright:
      playwright === undefined ? undefined : { startTime: (playwright as { stats?: { startTime?: string } }).stats?.startTime, metadata: readRunMetadata(resultsMetadataFile), file: runFiles.results },
    webkit: webkit === undefined ? undefined : { metadata: webkit.run },
    // A v2.1 run's evidence includes npm test's v3.1 run of the specs that depend on the version.
    ...(runFiles.results === v31Files.results ? {} : { v31: v31Evidence() }),
  };
  const model = buildReport(loadRequirements(projectRoot), ran, listed, evidence);
  const passes = certificationPasses(model);

  // The report folder is self-contained: screenshots are copied in.
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(path.join(reportDir, "screenshots"), { recursive: true });
  const copied = new Map<string, string>();
  const screenshotHref = (source: string) => {
    const known = copied.get(source);
    if (known) return known;
    const href = `screenshots/${String(copied.size + 1).padStart(3, "0")}.png`;
    if (existsSync(source)) copyFileSync(source, path.join(reportDir, href));
    copied.set(source, href);
    return href;
  };
  const config = answersConfiguration();
  const viewports = Object.fromEntries((webkit?.profiles ?? []).map((p) => [p.engine, p.viewport]));
  const browsers = engines.map((e) => ({
    browser: e.browser,
    how: viewports[e.id] ? `${e.how}, window ${viewports[e.id]} CSS px` : e.how,
    passed: model.engineTotals[e.id]?.passed ?? 0,
    failed: model.engineTotals[e.id]?.failed ?? 0,
  }));
  // The Library listing kit (LIG-M1..M6), checked here: a broken rule makes the run incomplete.
  // Devices: only Clever's browsers (not the iPhone layout on Chromium).
  const cleverBrowsers = browsers.filter((_, index) => engines[index]?.cleverBrowser);
  const listingProblems = await writeListingKit({ reportDir, origin: listingOrigin(), browsers: cleverBrowsers });
  const input = {
    listing: listingSummary(reportDir, listingProblems),
    model,
    answers: surveyAnswers(model, config, browsers),
    dashboard: dashboardSettings(config),
    passes,
    screenshotHref,
    webkitViewports: viewports,
    deviations: settingsDeviations(),
  };
  writeFileSync(path.join(reportDir, "index.html"), renderHtml(input));
  writeFileSync(path.join(reportDir, "report.md"), renderMarkdown(input));

  const s = model.summary;
  console.log(`\nCertification report: ${path.relative(process.cwd(), path.join(reportDir, "index.html"))} (and report.md)`);
  console.log(`  must: ${s.mustProven}/${s.mustTotal} proven; should: ${s.shouldProven}/${s.shouldTotal} proven`);
  for (const e of engines) console.log(`  ${e.id}: ${model.engineTotals[e.id]?.passed ?? 0} passed, ${model.engineTotals[e.id]?.failed ?? 0} failed`);
  if (model.v31Totals) console.log(`  Clever API v3.1: ${model.v31Totals.passed} passed, ${model.v31Totals.failed} failed`);
  if (suiteOk === false) console.log("  Some tests failed: see the report and test-results/.");
  const reasons = [...incompleteReasons(model), ...listingProblems.map((p) => `listing kit: ${p}`)];
  if (reasons.length > 0) console.log(`  INCOMPLETE:\n${reasons.map((r) => `    - ${r}`).join("\n")}`);
  process.exit(listingProblems.length > 0 ? 1 : exitCode(model));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
