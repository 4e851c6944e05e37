// What each test runner's own report says passed and failed, for the gate in
// scripts/test.ts. A skipped, pending or focused-away test counts as failed
// (the project has none), and so does a file or a run that broke before its
// tests: a report that lists no failure is not enough.
export interface Counts {
  passed: number;
  failed: number;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests?: number;
  numTodoTests?: number;
  numFailedTestSuites?: number;
  success?: boolean;
}

/** Vitest's `--reporter=json` file. A suite (file) that failed to load or
 * whose hooks failed has no failed test of its own: it counts as one. */
export function vitestCounts(json: unknown): Counts {
  const report = json as VitestReport;
  const suiteFailures = report.numFailedTestSuites ?? 0;
  const notRun = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const failed = report.numFailedTests + notRun + (report.numFailedTests === 0 ? suiteFailures : 0);
  return { passed: report.numPassedTests, failed: failed === 0 && report.success === false ? 1 : failed };
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  /** Errors outside any test: a broken config, a server that did not start. */
  errors?: unknown[];
}

/** Playwright's JSON reporter file. A flaky test (passed on a retry) passed. */
export function playwrightCounts(json: unknown): Counts {
  const { stats, errors = [] } = json as PlaywrightReport;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected + stats.skipped + errors.length };
}
