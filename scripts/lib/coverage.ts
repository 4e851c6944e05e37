// The coverage rule of the certification suite: every `must` requirement in
// requirements.yml is proven by at least one end-to-end test whose title
// carries its ID, e.g. `test("[LIB-08] a student with two teachers …")`.
// Pure functions (no I/O) except `requirementsFile`/`loadRequirements`, so the
// rule is unit-tested and shared by `npm test` and `npm run certify`.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

export type RequirementKind = "must" | "should" | "question" | "behaviour";

export interface Requirement {
  id: string;
  kind: RequirementKind;
  text: string;
  /** The section of requirements.yml, e.g. "district_sso". */
  group: string;
}

/** One executed (or listed) test in one engine. */
export interface TestRecord {
  title: string;
  file: string;
  /** Playwright project name, or "webkit" / "webkit-phone" for the WebKitGTK runner. */
  engine: string;
  status: "passed" | "failed" | "skipped" | "listed";
  durationMs?: number;
  error?: string;
  /** Absolute or project-relative paths of PNG screenshots. */
  screenshots: string[];
}

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

const idPattern = /^[A-Z]+-[A-Z]?\d+$/;

/** Requirement IDs in a test title: `[LIB-08]`, `[DSSO-05][LIB-10]` or `[DSSO-05, LIB-10]`. */
export function idsInTitle(title: string): string[] {
  const ids: string[] = [];
  for (const match of title.matchAll(/\[([^\]]+)\]/g)) {
    for (const token of (match[1] ?? "").split(/[\s,]+/)) {
      if (idPattern.test(token) && !ids.includes(token)) ids.push(token);
    }
  }
  return ids;
}

export function computeCoverage(requirements: Requirement[], tests: TestRecord[]): RequirementCoverage[] {
  return requirements.map((requirement) => ({
    requirement,
    tests: tests.filter((test) => idsInTitle(test.title).includes(requirement.id)),
  }));
}

/** `must` requirements no test names. */
export function mustsWithoutTests(coverage: RequirementCoverage[]): Requirement[] {
  return coverage.filter((c) => c.requirement.kind === "must" && c.tests.length === 0).map((c) => c.requirement);
}

/** IDs named in test titles that requirements.yml does not define (typos). */
export function unknownIds(requirements: Requirement[], tests: TestRecord[]): string[] {
  const known = new Set(requirements.map((r) => r.id));
  return [...new Set(tests.flatMap((t) => idsInTitle(t.title)))].filter((id) => !known.has(id)).sort();
}

export type EngineStatus = "passed" | "failed" | "not run";

/** A requirement's status in one engine: failed if any proving test failed there. */
export function engineStatus(tests: TestRecord[], engine: string): EngineStatus {
  const here = tests.filter((t) => t.engine === engine && t.status !== "listed" && t.status !== "skipped");
  if (here.length === 0) return "not run";
  return here.some((t) => t.status === "failed") ? "failed" : "passed";
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

/** Tests from Playwright's JSON reporter (a run, or `--list`). The title
 * includes enclosing `describe` titles, so an ID there counts too. */
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
              : test.status === "expected" || test.status === "flaky"
                ? "passed"
                : "failed";
        records.push({
          title,
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
  tests: { title: string; file: string; engine?: string; status: "passed" | "failed"; durationMs: number; error?: string; screenshots: string[] }[];
}

export function webkitTests(report: WebkitReport): TestRecord[] {
  return report.tests.map((t) => ({ ...t, engine: t.engine ?? report.engine }));
}

// ----------------------------------------------------------------------- I/O

/** requirements.yml: $REQUIREMENTS_FILE, else the team's shared copy beside
 * the checkout (the source of truth), else the copy kept in the repository. */
export function requirementsFile(projectRoot: string): string {
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
