// The coverage rule of the certification suite: every `must` requirement in
// requirements.yml is proven by at least one end-to-end test whose title
// carries its ID, e.g. `test("[LIB-08] a student with two teachers …")`.
// Pure functions (no I/O) except `requirementsFile`/`loadRequirements`, so the
// rule is unit-tested and shared by `npm test` and `npm run certify`.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { RunMetadata } from "./run-metadata";

type RequirementKind = "must" | "should" | "question" | "behaviour";

export interface Requirement {
  id: string;
  kind: RequirementKind;
  text: string;
  /** The section of requirements.yml, e.g. "district_sso". */
  group: string;
}

/** One executed (or listed) test in one engine. */
export interface TestRecord {
  /** Enclosing `describe` titles and the test's own, joined with " › " (for display). */
  title: string;
  /** The test's own title: the only place its requirement tags count. */
  ownTitle: string;
  /** Relative to e2e/, e.g. "auth-login.spec.ts" or "webkit/roster-journeys.ts". */
  file: string;
  /** Playwright project name, or "webkit" / "webkit-phone" for the WebKitGTK runner. */
  engine: string;
  /** "flaky" passed only on a retry; "expected failure" is a `test.fail()` that failed as declared. */
  status: "passed" | "failed" | "flaky" | "skipped" | "expected failure" | "listed";
  durationMs?: number;
  error?: string;
  /** Absolute or project-relative paths of PNG screenshots. */
  screenshots: string[];
}

/** Specs that test the server, not a browser: playwright.config.ts runs them once, in chromium. */
const serverOnlySuffix = ".server.spec.ts";
export const serverOnlySpecs = `**/*${serverOnlySuffix}`;
const isServerOnly = (file: string): boolean => file.endsWith(serverOnlySuffix);

/** Requirement groups about the data the app keeps (Secure Sync, rollover):
 * their proof is what the server stored and synced, the same whichever
 * browser looks at it, so they pass in the engines their tests run in. */
const dataGroups: ReadonlySet<string> = new Set(["secure_sync", "rollover"]);

/** The engines a requirement must pass in: all of `engineIds`, except that a
 * requirement about the data the app keeps, or one proven only by server-only
 * specs (run once, in chromium: playwright.config.ts), needs only the engines
 * its tests are listed in. */
export function requiredEngines(requirement: Requirement, tests: TestRecord[], engineIds: string[]): string[] {
  const browserIndependent = dataGroups.has(requirement.group) || (tests.length > 0 && tests.every((t) => isServerOnly(t.file)));
  return browserIndependent ? engineIds.filter((id) => tests.some((t) => t.engine === id)) : engineIds;
}

/** Journeys of a deployment moving to Clever's v3.1 API: they need the app on
 * v3.1, so only the v3.1 run (Desktop Chrome) has them. */
export const v3OnlySpecs = "**/*.v3.spec.ts";

/** The specs whose journeys read Clever's Data API in the ways the version
 * changes (identity at login, provisioning, rosters, districts,
 * administrators, users with several roles, the v3.1 switch), run again on
 * v3.1 by `npm test`. The others read the same records through the same code
 * (the class pages, onboarding, importing, roster messages) or nothing the
 * version changes (error pages, sessions, security, headers, legal pages,
 * password accounts). */
export const apiVersionSpecs = [
  "admin-views",
  "auth-identity",
  "auth-login",
  "clever-today.server",
  "district-roster.server",
  "multi-role.server",
  "sync-classes",
  "sync-data",
  "version-switch.v3",
].map((name) => `e2e/${name}.spec.ts`);

/** The phone project's specs: the screens a phone shows (the login's pages,
 * onboarding, dashboards, classes, accounts, errors) and the first-login
 * journeys that provision and roster from them. The others' journeys do not
 * change with the window's size. */
export const phoneSpecs = [
  "admin-views",
  "auth-errors",
  "auth-identity",
  "auth-login",
  "auth-sessions",
  "cert-browsers",
  "home",
  "sync-classes",
  "sync-data",
  "ui-accounts",
  "ui-classes",
  "ui-dashboard",
  "ui-onboarding",
].map((name) => `**/${name}.spec.ts`);

export interface RequirementCoverage {
  requirement: Requirement;
  tests: TestRecord[];
}

const kinds = new Set<RequirementKind>(["must", "should", "question", "behaviour"]);

export function parseRequirements(yamlText: string): Requirement[] {
  const document: unknown = parse(yamlText);
  if (!document || typeof document !== "object") throw new Error("requirements.yml: expected a mapping of groups");
  const requirements: Requirement[] = [];
  const seen = new Set<string>();
  for (const [group, entries] of Object.entries(document as Record<string, unknown>)) {
    if (!Array.isArray(entries)) throw new Error(`requirements.yml: ${group} is not a list`);
    for (const entry of entries as unknown[]) {
      const { id, kind, text } = (entry ?? {}) as Record<string, unknown>;
      if (typeof id !== "string" || typeof text !== "string" || !kinds.has(kind as RequirementKind)) {
        throw new Error(`requirements.yml: malformed entry in ${group}: ${JSON.stringify(entry)}`);
      }
      if (seen.has(id)) throw new Error(`requirements.yml: duplicate ID ${id}`);
      seen.add(id);
      requirements.push({ id, kind: kind as RequirementKind, text, group });
    }
  }
  return requirements;
}

const tagPattern = /^\s*\[([A-Z]+-[A-Z]?\d+)\]/;

/** The tags of a test's own title: the run of `[ID]` prefixes it starts with,
 * e.g. `[DSSO-05] [LIB-10] Instant Login …` or `[DSSO-05][LIB-10] …`. An ID
 * anywhere else (`[see LIB-08]`, mid-title, a describe title) tags nothing. */
export function idsInTitle(ownTitle: string): string[] {
  const ids: string[] = [];
  let rest = ownTitle;
  for (let match = tagPattern.exec(rest); match; match = tagPattern.exec(rest)) {
    const id = match[1] as string;
    if (!ids.includes(id)) ids.push(id);
    rest = rest.slice(match[0].length);
  }
  return ids;
}

/** What is left of a title once its leading tags are taken off. */
function untagged(ownTitle: string): string {
  let rest = ownTitle;
  for (let match = tagPattern.exec(rest); match; match = tagPattern.exec(rest)) rest = rest.slice(match[0].length);
  return rest;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Tests that name a requirement where it does not count (a describe title,
 * mid-title, `[see LIB-08]`): each would look like evidence and is not. Only
 * IDs requirements.yml defines, or ID-shaped tokens in brackets, are looked
 * for, so "UTF-8" or "[security]" are text. */
export function looseTags(requirements: Requirement[], tests: TestRecord[]): string[] {
  const known = requirements.map((r) => escapeRegExp(r.id)).join("|");
  const knownId = new RegExp(`(?<![A-Za-z0-9-])(?:${known})(?![A-Za-z0-9-])`);
  const bracketedId = /\[[^\]]*(?<![A-Za-z0-9-])[A-Z]+-[A-Z]?\d+(?![A-Za-z0-9-])[^\]]*\]/;
  const loose = new Set<string>();
  for (const test of tests) {
    const describes = test.title.slice(0, test.title.length - test.ownTitle.length);
    const elsewhere = `${describes} ${untagged(test.ownTitle)}`;
    if ((known && knownId.test(elsewhere)) || bracketedId.test(elsewhere)) loose.add(`${test.file}: ${test.title}`);
  }
  return [...loose].sort();
}

export function computeCoverage(requirements: Requirement[], tests: TestRecord[]): RequirementCoverage[] {
  return requirements.map((requirement) => ({
    requirement,
    tests: tests.filter((test) => idsInTitle(test.ownTitle).includes(requirement.id)),
  }));
}

/** `must` requirements no test names. */
export function mustsWithoutTests(coverage: RequirementCoverage[]): Requirement[] {
  return coverage.filter((c) => c.requirement.kind === "must" && c.tests.length === 0).map((c) => c.requirement);
}

/** `must` requirements without a test in an engine they must pass in, e.g.
 * `DSSO-06: webkit` (the Safari journeys have none). */
export function mustsMissingEngines(coverage: RequirementCoverage[], engineIds: string[]): { requirement: Requirement; engines: string[] }[] {
  return coverage
    .filter((c) => c.requirement.kind === "must" && c.tests.length > 0)
    .map((c) => ({ requirement: c.requirement, engines: requiredEngines(c.requirement, c.tests, engineIds).filter((id) => !c.tests.some((t) => t.engine === id)) }))
    .filter((m) => m.engines.length > 0);
}

/** IDs named in test titles that requirements.yml does not define (typos). */
export function unknownIds(requirements: Requirement[], tests: TestRecord[]): string[] {
  const known = new Set(requirements.map((r) => r.id));
  return [...new Set(tests.flatMap((t) => idsInTitle(t.ownTitle)))].filter((id) => !known.has(id)).sort();
}

/** A requirement in one engine: "passed" only when every one of its tests
 * listed there ran and passed (no skip, no expected failure, no retry). */
export type EngineStatus = "passed" | "failed" | "incomplete" | "not run";

export function engineStatus(tests: TestRecord[], engine: string): EngineStatus {
  const here = tests.filter((t) => t.engine === engine);
  if (here.some((t) => t.status === "failed" || t.status === "flaky")) return "failed";
  if (here.length > 0 && here.every((t) => t.status === "passed")) return "passed";
  return here.some((t) => t.status !== "listed") ? "incomplete" : "not run";
}

// ---------------------------------------------------------------- Playwright

interface PwAttachment {
  name?: string;
  contentType?: string;
  path?: string;
}
interface PwResult {
  status?: string;
  duration?: number;
  error?: { message?: string };
  attachments?: PwAttachment[];
}
interface PwTest {
  projectName?: string;
  status?: string;
  expectedStatus?: string;
  results?: PwResult[];
}
interface PwSpec {
  title: string;
  file?: string;
  tests?: PwTest[];
}
interface PwSuite {
  title?: string;
  file?: string;
  specs?: PwSpec[];
  suites?: PwSuite[];
}

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");

/** Tests from Playwright's JSON reporter (a run, or `--list`). `title`
 * includes enclosing `describe` titles; `ownTitle` is the test's own. */
export function playwrightTests(report: unknown): TestRecord[] {
  const records: TestRecord[] = [];
  const walk = (suite: PwSuite, parents: string[], file: string) => {
    // File-level suites are titled with the file name: not part of the title.
    const isFile = !suite.title || suite.title === suite.file || suite.title.endsWith(".ts");
    const titlePath = isFile ? parents : [...parents, suite.title as string];
    const suiteFile = suite.file ?? file;
    for (const spec of suite.specs ?? []) {
      const title = [...titlePath, spec.title].join(" › ");
      for (const test of spec.tests ?? []) {
        const results = test.results ?? [];
        const last = results[results.length - 1];
        const status: TestRecord["status"] =
          results.length === 0
            ? "listed"
            : test.status === "skipped"
              ? "skipped"
              : test.status === "flaky"
                ? "flaky"
                : test.status === "expected"
                  ? test.expectedStatus === "failed"
                    ? "expected failure"
                    : "passed"
                  : "failed";
        records.push({
          title,
          ownTitle: spec.title,
          file: spec.file ?? suiteFile,
          engine: test.projectName ?? "unknown",
          status,
          durationMs: results.reduce((sum, r) => sum + (r.duration ?? 0), 0),
          error: last?.error?.message ? stripAnsi(last.error.message).split("\n")[0] : undefined,
          screenshots: (last?.attachments ?? [])
            .filter((a) => a.contentType === "image/png" && typeof a.path === "string")
            .map((a) => a.path as string),
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child, titlePath, suiteFile);
  };
  for (const suite of ((report ?? {}) as { suites?: PwSuite[] }).suites ?? []) walk(suite, [], suite.file ?? "");
  return records;
}

// -------------------------------------------------------------------- WebKit

/** The shape e2e/webkit/run.ts writes to test-results/webkit.json. */
export interface WebkitReport {
  engine: string;
  browser: string;
  /** The windows the journeys ran in (real viewport, user agent). */
  profiles?: { engine: string; viewport: string; userAgent: string }[];
  /** The run's commit and filters (absent in files from before they were recorded). */
  run?: RunMetadata;
  tests: { title: string; file: string; engine?: string; status: "passed" | "failed"; durationMs: number; error?: string; screenshots: string[] }[];
}

export function webkitTests(report: WebkitReport): TestRecord[] {
  // A journey has no describe around it: its title is its own.
  return report.tests.map((t) => ({ ...t, ownTitle: t.title, engine: t.engine ?? report.engine }));
}

// ----------------------------------------------------------------------- I/O

/** requirements.yml: $REQUIREMENTS_FILE, else the team's shared copy beside
 * the checkout (the source of truth), else the copy kept in the repository. */
function requirementsFile(projectRoot: string): string {
  const candidates = [
    process.env.REQUIREMENTS_FILE,
    path.join(projectRoot, "..", "shared", "certification", "requirements.yml"),
    path.join(projectRoot, "e2e", "support", "report", "requirements.yml"),
  ].filter((candidate): candidate is string => Boolean(candidate));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`requirements.yml not found (looked in ${candidates.join(", ")})`);
  return found;
}

export function loadRequirements(projectRoot: string): Requirement[] {
  return parseRequirements(readFileSync(requirementsFile(projectRoot), "utf8"));
}
