import { describe, expect, test } from "vitest";
import { comparisonRows, type DistrictFigures, districtTargets, perThousand, type StepFigures } from "./district-targets";

const step = (ms: number, extra: Partial<StepFigures> = {}): StepFigures => ({ status: "done", ms, sql: 10, rows: 0, maxRssMb: 200, calls: 16, ...extra });
const figures = (full: number, resync: number, events: number, extra: Partial<StepFigures> = {}): DistrictFigures => ({
  students: 50_000,
  full: step(full, extra),
  resync: step(resync, extra),
  events: step(events, { applied: 1000, ...extra }),
});

describe("the district benchmark's comparison", () => {
  test("ratios are ours over the baseline's, shown as fractions below one", () => {
    const rows = comparisonRows(figures(20_000, 4_000, 500), figures(120_000, 30_000, 1_800, { sql: 20 }));
    expect(rows[0]).toEqual(["full sync from empty", "20.0 s", "120.0 s", "1/6.0"]);
    expect(rows[1]).toEqual(["no-change re-sync", "4.00 s", "30.0 s", "1/7.5"]);
    expect(rows.find((r) => r[0] === "full sync: SQL statements")).toEqual(["full sync: SQL statements", "10", "20", "1/2.0"]);
    expect(rows.find((r) => r[0] === "no-change re-sync: rows written")?.[3]).toBe("—");
  });

  test("each of issue 32's targets passes or fails on its own figure", () => {
    const ours = figures(20_000, 4_000, 500);
    const pass = districtTargets(ours, figures(120_000, 30_000, 1_800), { students: 200_000, full: step(100_000) });
    expect(pass.map((t) => t.ok)).toEqual([true, true, true, true, true, true]);
    expect(perThousand({ students: 200_000, full: { ms: 100_000 } })).toBe(500);

    const fail = districtTargets(figures(40_000, 6_000, 1_200, { maxRssMb: 310 }), figures(120_000, 30_000, 1_800), { students: 200_000, full: step(300_000, { maxRssMb: 320 }) });
    expect(fail.map((t) => t.ok)).toEqual([false, false, false, false, false, false]);
    // Without a baseline or a large district, only the absolute targets are checked.
    expect(districtTargets(ours, undefined, undefined)).toHaveLength(4);
  });
});
