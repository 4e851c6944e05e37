// What the certification report says, computed from requirements.yml and the
// test results (Playwright's JSON reporter + test-results/webkit.json). Pure:
// scripts/certify.ts does the reading and writing.
import { computeCoverage, engineStatus, type EngineStatus, type Requirement, type TestRecord } from "../../../scripts/lib/coverage";

export interface Engine {
  id: string;
  /** What Clever calls the browser. */
  browser: string;
  /** What actually ran, said plainly. */
  how: string;
  phone: boolean;
}

/** Columns of the report, in the order of Clever's question (DSSO-Q1), then the iPhone layout on Chromium. */
export const engines: Engine[] = [
  { id: "chromium", browser: "Chrome", how: "Desktop Chrome profile on Debian's Chromium", phone: false },
  { id: "firefox", browser: "Firefox", how: "Desktop Firefox profile on Debian's Firefox ESR (WebDriver BiDi)", phone: false },
  { id: "webkit", browser: "Safari", how: "The Safari engine: WebKitGTK's MiniBrowser through WebKitWebDriver, desktop window", phone: false },
  { id: "webkit-phone", browser: "Mobile Safari", how: "The Safari engine (WebKitGTK) in a phone-sized window with an iPhone user agent", phone: true },
  { id: "mobile-chrome", browser: "Mobile Chrome", how: "Android phone profile (Pixel 9) on Chromium", phone: true },
  // Not one of Clever's browsers: the iPhone's exact layout, on Chromium.
  { id: "iphone-chromium", browser: "iPhone viewport on Chromium", how: "Chromium with an iPhone 16's viewport, user agent and touch (not the Safari engine)", phone: true },
];

export type Verdict = "proven" | "failed" | "not run" | "no test";

export interface RequirementRow {
  requirement: Requirement;
  verdict: Verdict;
  statuses: Record<string, EngineStatus>;
  /** Distinct titles of the proving tests, with where each passed/failed. */
  tests: { title: string; file: string; engines: { engine: string; status: TestRecord["status"]; error?: string }[] }[];
  /** Final screens: one desktop, one phone (when any test of this requirement kept one). */
  screenshots: { engine: string; path: string; title: string }[];
}

export interface ReportModel {
  generatedAt: string;
  rows: RequirementRow[];
  summary: { mustTotal: number; mustProven: number; mustFailed: string[]; mustWithoutTest: string[]; mustNotRun: string[]; shouldTotal: number; shouldProven: number };
  engineTotals: Record<string, { passed: number; failed: number }>;
}

function verdictOf(tests: TestRecord[]): Verdict {
  if (tests.length === 0) return "no test";
  const ran = tests.filter((t) => t.status === "passed" || t.status === "failed");
  if (ran.length === 0) return "not run";
  return ran.some((t) => t.status === "failed") ? "failed" : "proven";
}

const desktopOrder = ["chromium", "firefox", "webkit"];
const phoneOrder = ["iphone-chromium", "mobile-chrome", "webkit-phone"];

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

/** `listed` are all tests that exist (Playwright --list + the WebKit journeys), `ran` the results. */
export function buildReport(requirements: Requirement[], ran: TestRecord[], listed: TestRecord[], now = new Date()): ReportModel {
  // A listed test without a result still counts as existing ("not run").
  const ranKeys = new Set(ran.map((t) => `${t.title}\u0000${t.engine}`));
  const ranTitles = new Set(ran.map((t) => t.title));
  const all = [...ran, ...listed.filter((t) => !ranKeys.has(`${t.title}\u0000${t.engine}`) && !ranTitles.has(t.title))];
  const rows = computeCoverage(requirements, all).map(({ requirement, tests }) => {
    const byTitle = new Map<string, RequirementRow["tests"][number]>();
    for (const test of tests) {
      const entry = byTitle.get(test.title) ?? { title: test.title, file: test.file, engines: [] };
      entry.engines.push({ engine: test.engine, status: test.status, error: test.error });
      byTitle.set(test.title, entry);
    }
    return {
      requirement,
      verdict: verdictOf(tests),
      statuses: Object.fromEntries(engines.map((e) => [e.id, engineStatus(tests, e.id)])),
      tests: [...byTitle.values()],
      screenshots: pickScreenshots(tests),
    };
  });
  const musts = rows.filter((r) => r.requirement.kind === "must");
  const shoulds = rows.filter((r) => r.requirement.kind === "should");
  const ids = (list: RequirementRow[], verdict: Verdict) => list.filter((r) => r.verdict === verdict).map((r) => r.requirement.id);
  const engineTotals = Object.fromEntries(
    engines.map((e) => {
      const here = ran.filter((t) => t.engine === e.id);
      return [e.id, { passed: here.filter((t) => t.status === "passed").length, failed: here.filter((t) => t.status === "failed").length }];
    }),
  );
  return {
    generatedAt: now.toISOString(),
    rows,
    summary: {
      mustTotal: musts.length,
      mustProven: ids(musts, "proven").length,
      mustFailed: ids(musts, "failed"),
      mustWithoutTest: ids(musts, "no test"),
      mustNotRun: ids(musts, "not run"),
      shouldTotal: shoulds.length,
      shouldProven: ids(shoulds, "proven").length,
    },
    engineTotals,
  };
}

/** Certification passes when every must requirement is proven (tested, run, passed). */
export function certificationPasses(model: ReportModel): boolean {
  return model.summary.mustProven === model.summary.mustTotal;
}

/** Tests (with verdicts) whose titles name any of these IDs: the evidence behind an answer. */
export function evidenceFor(model: ReportModel, ids: string[]): { id: string; verdict: Verdict; tests: string[] }[] {
  return ids.map((id) => {
    const row = model.rows.find((r) => r.requirement.id === id);
    return { id, verdict: row?.verdict ?? "no test", tests: row?.tests.map((t) => t.title) ?? [] };
  });
}
