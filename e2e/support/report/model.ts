// What the certification report says, computed from requirements.yml, the
// test results (Playwright's JSON reporter + test-results/webkit.json) and
// the records of the runs that wrote them. Pure: scripts/certify.ts does the
// reading and writing.
//
// The rule: a `must` is proven only when every test tagged with its ID passed
// in every engine the report names, at the first attempt, in one complete
// run of the current commit on the current build. Anything less (an engine
// missing, a narrowed run, stale or foreign results, a skip, an expected
// failure, a retried pass) makes the headline "incomplete: <reasons>". So
// does any failed test, tagged with a must or not, a v2.1 run without its
// v3.1 run of the specs that depend on the API version, and results of
// another run (each run's records carry one run ID).
import { computeCoverage, engineStatus, requiredEngines, type EngineStatus, type Requirement, type TestRecord } from "../../../scripts/lib/coverage";
import type { GitState, RunMetadata } from "../../../scripts/lib/run-metadata";

export interface Engine {
  id: string;
  /** What Clever calls the browser. */
  browser: string;
  /** What actually ran, said plainly. */
  how: string;
  phone: boolean;
  /** One of the browsers Clever asks about (and a listing may name). */
  cleverBrowser: boolean;
}

/** Columns of the report, in the order of Clever's question (DSSO-Q1). */
export const engines: Engine[] = [
  { id: "chromium", browser: "Chrome", how: "Desktop Chrome profile on Debian's Chromium", phone: false, cleverBrowser: true },
  { id: "firefox", browser: "Firefox", how: "Desktop Firefox profile on Debian's Firefox ESR (WebDriver BiDi)", phone: false, cleverBrowser: true },
  { id: "webkit", browser: "Safari", how: "The Safari engine: WebKitGTK's MiniBrowser through WebKitWebDriver, desktop window", phone: false, cleverBrowser: true },
  { id: "webkit-phone", browser: "Mobile Safari", how: "The Safari engine (WebKitGTK) in a phone-sized window with an iPhone user agent", phone: true, cleverBrowser: true },
  { id: "mobile-chrome", browser: "Mobile Chrome", how: "Android phone profile (Pixel 9) on Chromium", phone: true, cleverBrowser: true },
];

export type Verdict = "proven" | "failed" | "incomplete" | "not run" | "no test";
/** "not applicable": a requirement that does not depend on the browser (requiredEngines), in an engine its tests do not run in. */
export type CellStatus = EngineStatus | "not applicable";

export interface RequirementRow {
  requirement: Requirement;
  verdict: Verdict;
  statuses: Record<string, CellStatus>;
  /** Why the verdict is not "proven", engine by engine. */
  problems: string[];
  /** Distinct titles of the proving tests, with where each passed/failed. */
  tests: { title: string; file: string; engines: { engine: string; status: TestRecord["status"]; error?: string }[] }[];
  /** Final screens: one desktop, one phone (when any test of this requirement kept one). */
  screenshots: { engine: string; path: string; title: string }[];
}

/** What the report knows about the runs behind the results. */
export interface RunEvidence {
  /** The checkout the report is written from. */
  head: GitState;
  /** When the production build was made (its BUILD_ID); absent when there is none. */
  builtAt?: Date;
  /** Present when the Playwright results were found (results.json, or
   * results-v3.1.json for a run on Clever's v3.1 API: `file`). */
  playwright?: { startTime?: string; metadata?: RunMetadata; file?: string };
  /** Present when test-results/webkit.json was found. */
  webkit?: { metadata?: RunMetadata };
  /** The run of the specs that depend on Clever's API version again on v3.1
   * (results-v3.1.json), asked of every report of a v2.1 run: `found` false
   * when there is none. `specs` are the ones it is meant to run. */
  v31?: { found: boolean; tests: TestRecord[]; startTime?: string; metadata?: RunMetadata; specs: string[] };
}

export interface ReportModel {
  generatedAt: string;
  rows: RequirementRow[];
  summary: {
    mustTotal: number;
    mustProven: number;
    mustFailed: string[];
    mustIncomplete: string[];
    mustWithoutTest: string[];
    mustNotRun: string[];
    shouldTotal: number;
    shouldProven: number;
  };
  engineTotals: Record<string, { passed: number; failed: number }>;
  /** The v3.1 run's counts, when one was asked for and found. */
  v31Totals?: { passed: number; failed: number };
  run: {
    commit: string;
    playwright?: RunMetadata;
    webkit?: RunMetadata;
    v31?: RunMetadata;
    /** Why the results cannot stand for a complete run of this commit. */
    problems: string[];
  };
}

const short = (commit: string) => commit.slice(0, 10);
// The clocks are the same machine's; this only absorbs rounding.
const clockSlackMs = 1_000;

/** Whether the results on disk are one complete run of the current commit on the current build. */
function runProblems(evidence: RunEvidence): string[] {
  const problems: string[] = [];
  const builtAt = evidence.builtAt;
  if (!builtAt) problems.push("no production build to date the results against");
  const check = (name: string, file: string, found: boolean, metadata: RunMetadata | undefined, startTime?: string, expectedArgs: string[] = []) => {
    if (!found) return void problems.push(`no ${name} results (${file})`);
    if (!metadata) return void problems.push(`the ${name} results carry no run record (commit, filters), so nothing shows which run they are`);
    if (metadata.commit !== evidence.head.commit) problems.push(`the ${name} results are from commit ${short(metadata.commit)}, not the current ${short(evidence.head.commit)}`);
    if (metadata.dirty) problems.push(`${name} ran on a tree with uncommitted changes`);
    if (builtAt && Date.parse(metadata.startedAt) + clockSlackMs < builtAt.getTime()) {
      problems.push(`the ${name} results (run started ${metadata.startedAt}) are older than the build (${builtAt.toISOString()})`);
    }
    // Playwright writes its own start time: it must fall inside the recorded run.
    if (startTime !== undefined) {
      const at = Date.parse(startTime);
      if (!(at + clockSlackMs >= Date.parse(metadata.startedAt) && at <= Date.parse(metadata.finishedAt) + clockSlackMs)) {
        problems.push(`${file} (started ${startTime}) is not the run its record describes (${metadata.startedAt} to ${metadata.finishedAt})`);
      }
    }
    if (metadata.args.join(" ") !== expectedArgs.join(" ")) problems.push(`${name} was narrowed to \`${metadata.args.join(" ")}\``);
    for (const [variable, value] of Object.entries(metadata.filters)) problems.push(`${name} was narrowed by ${variable}=${value}`);
  };
  check("Playwright", evidence.playwright?.file ?? "test-results/results.json", evidence.playwright !== undefined, evidence.playwright?.metadata, evidence.playwright?.startTime ?? "unknown");
  check("WebKit", "test-results/webkit.json", evidence.webkit !== undefined, evidence.webkit?.metadata);
  if (evidence.v31) {
    check("Clever API v3.1", "test-results/results-v3.1.json", evidence.v31.found, evidence.v31.metadata, evidence.v31.startTime ?? "unknown", evidence.v31.specs);
    if (evidence.v31.found && evidence.v31.metadata?.apiVersion !== "v3.1") problems.push(`the Clever API v3.1 results ran on ${evidence.v31.metadata?.apiVersion ?? "an unrecorded version"}`);
  }
  // One run: the WebKit and v3.1 results must come from the same `npm test` as Playwright's, on the same API version.
  const main = evidence.playwright?.metadata;
  const tied = (name: string, other: RunMetadata | undefined) => {
    if (!main || !other) return;
    if (!main.runId || other.runId !== main.runId) problems.push(`the ${name} results are not from the same run as Playwright's`);
  };
  tied("WebKit", evidence.webkit?.metadata);
  if (evidence.v31?.found) tied("Clever API v3.1", evidence.v31.metadata);
  if (main && evidence.webkit?.metadata && evidence.webkit.metadata.apiVersion !== main.apiVersion) {
    problems.push(`WebKit ran on Clever API ${evidence.webkit.metadata.apiVersion ?? "(unrecorded)"}, Playwright on ${main.apiVersion ?? "(unrecorded)"}`);
  }
  return problems;
}

const desktopOrder = ["chromium", "firefox", "webkit"];
const phoneOrder = ["mobile-chrome", "webkit-phone"];

function pickScreenshots(tests: TestRecord[]): RequirementRow["screenshots"] {
  const pick = (order: string[]) => {
    for (const engine of order) {
      const test = tests.find((t) => t.engine === engine && t.status === "passed" && t.screenshots.length > 0);
      const path = test?.screenshots[test.screenshots.length - 1];
      if (test && path) return { engine, path, title: test.title };
    }
    return undefined;
  };
  return [pick(desktopOrder), pick(phoneOrder)].filter((s): s is NonNullable<typeof s> => s !== undefined);
}

const statusWords: Record<TestRecord["status"], string> = {
  passed: "passed",
  failed: "failed",
  flaky: "passed only on a retry (flaky)",
  skipped: "skipped",
  "expected failure": "expected to fail (test.fail)",
  listed: "not run",
};

function verdictOf(tests: TestRecord[], required: string[], statuses: Record<string, CellStatus>): Verdict {
  if (tests.length === 0) return "no test";
  const here = required.map((id) => statuses[id]);
  if (here.includes("failed")) return "failed";
  if (here.every((s) => s === "passed")) return "proven";
  return here.every((s) => s === "not run") ? "not run" : "incomplete";
}

function engineProblems(tests: TestRecord[], engine: Engine): string | undefined {
  const here = tests.filter((t) => t.engine === engine.id);
  if (here.length === 0) return `${engine.browser}: no test ran`;
  const counts = new Map<string, number>();
  for (const t of here.filter((t) => t.status !== "passed")) counts.set(statusWords[t.status], (counts.get(statusWords[t.status]) ?? 0) + 1);
  if (counts.size === 0) return undefined;
  return `${engine.browser}: ${[...counts].map(([words, n]) => `${n} ${words}`).join(", ")}`;
}

/** `listed` are all tests that exist (Playwright --list + the WebKit journeys
 * in both windows), `ran` the results. A listed test without a result in an
 * engine stays "not run" there, whatever ran elsewhere. */
export function buildReport(requirements: Requirement[], ran: TestRecord[], listed: TestRecord[], evidence: RunEvidence, now = new Date()): ReportModel {
  const key = (t: TestRecord) => `${t.title}\u0000${t.engine}`;
  const ranKeys = new Set(ran.map(key));
  const all = [...ran, ...listed.filter((t) => !ranKeys.has(key(t)))];
  const rows = computeCoverage(requirements, all).map(({ requirement, tests }): RequirementRow => {
    const byTitle = new Map<string, RequirementRow["tests"][number]>();
    for (const test of tests) {
      const entry = byTitle.get(test.title) ?? { title: test.title, file: test.file, engines: [] };
      entry.engines.push({ engine: test.engine, status: test.status, error: test.error });
      byTitle.set(test.title, entry);
    }
    const required = requiredEngines(requirement, tests, engines.map((e) => e.id));
    const statuses = Object.fromEntries(engines.map((e): [string, CellStatus] => [e.id, required.includes(e.id) ? engineStatus(tests, e.id) : "not applicable"]));
    const verdict = verdictOf(tests, required, statuses);
    const problems =
      verdict === "proven" || verdict === "no test"
        ? []
        : engines.filter((e) => required.includes(e.id)).flatMap((e) => engineProblems(tests, e) ?? []);
    return { requirement, verdict, statuses, problems, tests: [...byTitle.values()], screenshots: pickScreenshots(tests) };
  });
  const musts = rows.filter((r) => r.requirement.kind === "must");
  const shoulds = rows.filter((r) => r.requirement.kind === "should");
  const ids = (list: RequirementRow[], verdict: Verdict) => list.filter((r) => r.verdict === verdict).map((r) => r.requirement.id);
  const engineTotals = Object.fromEntries(
    engines.map((e) => {
      const here = ran.filter((t) => t.engine === e.id);
      // A retried pass is a failure: it fails some runs.
      return [e.id, { passed: here.filter((t) => t.status === "passed").length, failed: here.filter((t) => t.status === "failed" || t.status === "flaky").length }];
    }),
  );
  const problems = runProblems(evidence);
  for (const e of engines) if (!ran.some((t) => t.engine === e.id)) problems.push(`nothing ran in ${e.browser} (${e.id})`);
  const count = (status: TestRecord["status"]) => ran.filter((t) => t.status === status).length;
  for (const status of ["flaky", "skipped", "expected failure"] as const) {
    if (count(status) > 0) problems.push(`${count(status)} test run(s) ${statusWords[status]}`);
  }
  // Any failure fails the run, whatever the test proves: a should, a [security] test, a behaviour.
  const failedTitles = [...new Set(ran.filter((t) => t.status === "failed").map((t) => t.title))];
  if (failedTitles.length > 0) problems.push(`${count("failed")} test run(s) failed (${failedTitles.slice(0, 5).join("; ")}${failedTitles.length > 5 ? "; …" : ""})`);
  const v31 = evidence.v31?.found ? evidence.v31.tests : undefined;
  const v31Totals = v31 && { passed: v31.filter((t) => t.status === "passed").length, failed: v31.filter((t) => t.status !== "passed").length };
  if (v31Totals && v31Totals.failed > 0) problems.push(`${v31Totals.failed} test run(s) on Clever API v3.1 did not pass at the first attempt`);
  if (v31Totals && v31Totals.passed === 0) problems.push("nothing ran on Clever API v3.1");
  return {
    generatedAt: now.toISOString(),
    rows,
    summary: {
      mustTotal: musts.length,
      mustProven: ids(musts, "proven").length,
      mustFailed: ids(musts, "failed"),
      mustIncomplete: ids(musts, "incomplete"),
      mustWithoutTest: ids(musts, "no test"),
      mustNotRun: ids(musts, "not run"),
      shouldTotal: shoulds.length,
      shouldProven: ids(shoulds, "proven").length,
    },
    engineTotals,
    ...(v31Totals ? { v31Totals } : {}),
    run: { commit: evidence.head.commit, playwright: evidence.playwright?.metadata, webkit: evidence.webkit?.metadata, v31: evidence.v31?.metadata, problems },
  };
}

/** Everything that keeps the report from saying "proven": empty only for a complete, green run. */
export function incompleteReasons(model: ReportModel): string[] {
  const s = model.summary;
  const list = (n: number, what: string, ids: string[]) => (ids.length > 0 ? [`${ids.length} of ${n} required items ${what} (${ids.join(", ")})`] : []);
  return [
    ...list(s.mustTotal, "failed", s.mustFailed),
    ...list(s.mustTotal, "not proven in every engine", s.mustIncomplete),
    ...list(s.mustTotal, "were not run", s.mustNotRun),
    ...list(s.mustTotal, "have no test", s.mustWithoutTest),
    ...model.run.problems,
  ];
}

/** Certification passes when every must requirement is proven by a complete run of this commit. */
export function certificationPasses(model: ReportModel): boolean {
  return model.summary.mustProven === model.summary.mustTotal && incompleteReasons(model).length === 0;
}

/** `npm run certify`'s exit code. */
export function exitCode(model: ReportModel): 0 | 1 {
  return certificationPasses(model) ? 0 : 1;
}

export function headline(model: ReportModel): string {
  const s = model.summary;
  if (certificationPasses(model)) {
    return `Certification check passed: all ${s.mustTotal} required items are proven in every engine by one complete run of commit ${short(model.run.commit)} on Clever API ${model.run.playwright?.apiVersion ?? "v2.1"}.`;
  }
  return `Certification incomplete: ${incompleteReasons(model).join("; ")}. ${s.mustProven} of ${s.mustTotal} required items are proven.`;
}

/** Tests (with verdicts) whose titles name any of these IDs: the evidence behind an answer. */
export function evidenceFor(model: ReportModel, ids: string[]): { id: string; verdict: Verdict; tests: string[] }[] {
  return ids.map((id) => {
    const row = model.rows.find((r) => r.requirement.id === id);
    return { id, verdict: row?.verdict ?? "no test", tests: row?.tests.map((t) => t.title) ?? [] };
  });
}
