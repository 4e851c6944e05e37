import { describe, expect, test } from "vitest";
import { playwrightCounts, vitestCounts } from "./test-counts";

describe("vitestCounts", () => {
  test("passed and failed tests as vitest counts them", () => {
    expect(vitestCounts({ numPassedTests: 5, numFailedTests: 2, numFailedTestSuites: 1, success: false })).toEqual({ passed: 5, failed: 2 });
  });
  test("a file that failed to load has no failed test of its own: it counts as one", () => {
    expect(vitestCounts({ numPassedTests: 5, numFailedTests: 0, numFailedTestSuites: 1, success: false })).toEqual({ passed: 5, failed: 1 });
  });
  test("skipped and todo tests count as failed", () => {
    expect(vitestCounts({ numPassedTests: 5, numFailedTests: 0, numPendingTests: 1, numTodoTests: 1, numFailedTestSuites: 0, success: true })).toEqual({ passed: 5, failed: 2 });
  });
  test("a run vitest calls unsuccessful with nothing counted fails", () => {
    expect(vitestCounts({ numPassedTests: 5, numFailedTests: 0, numFailedTestSuites: 0, success: false })).toEqual({ passed: 5, failed: 1 });
  });
  test("a clean run", () => {
    expect(vitestCounts({ numPassedTests: 5, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, numFailedTestSuites: 0, success: true })).toEqual({ passed: 5, failed: 0 });
  });
});

describe("playwrightCounts", () => {
  const stats = { expected: 10, unexpected: 0, flaky: 0, skipped: 0 };
  test("a flaky test passed on a retry", () => {
    expect(playwrightCounts({ stats: { ...stats, flaky: 1 }, errors: [] })).toEqual({ passed: 11, failed: 0 });
  });
  test("unexpected and skipped tests fail", () => {
    expect(playwrightCounts({ stats: { ...stats, unexpected: 2, skipped: 1 }, errors: [] })).toEqual({ passed: 10, failed: 3 });
  });
  test("an error outside any test (a server that did not start) fails", () => {
    expect(playwrightCounts({ stats, errors: [{ message: "webServer exited" }] })).toEqual({ passed: 10, failed: 1 });
  });
});
