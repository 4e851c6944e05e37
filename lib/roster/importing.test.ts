import { describe, expect, it } from "vitest";
import { importInProgress } from "./importing";

describe("importing state after login", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  const later = new Date(now.getTime() + 60_000);

  it("[LIG-04] follows the latest sync run when there is one", () => {
    expect(importInProgress({ outcome: "running", deadlineAt: later }, now)).toBe(true);
    expect(importInProgress({ outcome: "succeeded", deadlineAt: later }, now)).toBe(false);
    expect(importInProgress({ outcome: "failed", deadlineAt: later }, now)).toBe(false);
  });

  it("[LIG-04] never guesses: no run, no import; a running row past its deadline (a crashed sync) is not an import", () => {
    expect(importInProgress(null, now)).toBe(false);
    expect(importInProgress({ outcome: "running", deadlineAt: now }, now)).toBe(false);
    expect(importInProgress({ outcome: "running", deadlineAt: null }, now)).toBe(false);
  });
});
