// What a test run records about itself, so the certification report (also
// `npm run certify -- --report-only`, long after) can tell a complete run of
// the current commit from a partial, stale or foreign one. Written next to
// Playwright's test-results/results.json by scripts/test.ts, and inside
// test-results/webkit.json by e2e/webkit/run.ts.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface RunMetadata {
  /** `git rev-parse HEAD` when the run started. */
  commit: string;
  /** Uncommitted changes in the tree then: the run tested no commit exactly. */
  dirty: boolean;
  startedAt: string;
  finishedAt: string;
  /** Playwright arguments (spec files, --project, --grep…): any narrows the run. */
  args: string[];
  /** The Clever Data API version the app spoke in this run (CLEVER_API_VERSION). */
  apiVersion?: string;
  /** Filters set in the environment (WEBKIT_GREP, WEBKIT_PROFILES). */
  filters: Record<string, string>;
  /** One ID for every record of one `npm test` (TEST_RUN_ID): the Playwright,
   * WebKit and v3.1 results of one run carry the same. */
  runId?: string;
  /** The Node.js the run's servers and tests ran on. */
  node?: string;
}

/** Where a Playwright run on this Clever API version writes its results
 * (playwright.config.ts) and where its record goes: one pair per version, so
 * npm test's v3.1 step never overwrites the main run's evidence. */
export function playwrightRunFiles(apiVersion = process.env.CLEVER_API_VERSION): { results: string; metadata: string } {
  return apiVersion === "v3.1"
    ? { results: "test-results/results-v3.1.json", metadata: "test-results/results-v3.1.meta.json" }
    : { results: "test-results/results.json", metadata: "test-results/results.meta.json" };
}

export interface GitState {
  commit: string;
  dirty: boolean;
}

/** Files the toolchain itself rewrites on a clean checkout: `npm install`
 * normalises the lockfile for the platform packages the registry serves
 * (.ci/run says why), which changes nothing that runs. */
const TOOLCHAIN_REWRITES = new Set(["package-lock.json"]);

/** Whether `git status --porcelain` lists a change other than those. */
export function hasUncommittedChanges(porcelain: string): boolean {
  return porcelain
    .split("\n")
    .map((line) => line.slice(3).trim())
    .some((file) => file !== "" && !TOOLCHAIN_REWRITES.has(file));
}

export function gitState(cwd: string): GitState {
  const git = (...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" });
  try {
    return { commit: git("rev-parse", "HEAD").trim(), dirty: hasUncommittedChanges(git("status", "--porcelain")) };
  } catch {
    // Not a checkout (e.g. an exported tree): no commit to certify.
    return { commit: "unknown", dirty: true };
  }
}

/** Environment filters of the WebKit runner that are set (non-empty). */
export function webkitFilters(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(["WEBKIT_GREP", "WEBKIT_PROFILES"].flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
}

/** Starts a record: call `finish()` when the run is over, whatever its outcome. */
export function startRun(cwd: string, args: string[], filters: Record<string, string>, apiVersion = process.env.CLEVER_API_VERSION ?? "v2.1"): { finish(): RunMetadata } {
  const state = gitState(cwd);
  const startedAt = new Date().toISOString();
  const runId = process.env.TEST_RUN_ID;
  return { finish: () => ({ ...state, startedAt, finishedAt: new Date().toISOString(), args, filters, apiVersion, runId, node: process.version }) };
}

export function writeRunMetadata(file: string, metadata: RunMetadata): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(metadata, null, 2)}\n`);
}

export function readRunMetadata(file: string): RunMetadata | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as RunMetadata) : undefined;
}
