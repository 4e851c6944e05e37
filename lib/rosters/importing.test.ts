import { describe, expect, it } from "vitest";
import { importInProgress } from "./importing";

describe("[LIG-04] importing state after login", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  const fresh = { cleverId: "c1", createdAt: new Date(now - 10_000) };

  it("follows the latest sync run when there is one", () => {
    expect(importInProgress(fresh, { outcome: "running" }, now)).toBe(true);
    expect(importInProgress(fresh, { outcome: "succeeded" }, now)).toBe(false);
    expect(importInProgress(fresh, { outcome: "failed" }, now)).toBe(false);
  });

  it("waits briefly for a just-created Clever user's first run, never for password accounts", () => {
    expect(importInProgress(fresh, null, now)).toBe(true);
    expect(importInProgress({ ...fresh, createdAt: new Date(now - 5 * 60_000) }, null, now)).toBe(false);
    expect(importInProgress({ ...fresh, cleverId: null }, null, now)).toBe(false);
  });
});
