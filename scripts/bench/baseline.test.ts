import { describe, expect, test } from "vitest";
import { compareFigures, formatComparison, type MeasuredFigures } from "./baseline";

const figures = (cpu: number, statements: number, burstP95: number, errors = 0, users = "35"): MeasuredFigures => ({
  returningLogin: { sqlStatements: statements },
  oneAtATime: { p95: 400, errors: 0, appCpuMsPerLogin: cpu },
  burst: { p95: burstP95, errors, appCpuMsPerLogin: cpu + 10 },
  returningBurst: { p95: burstP95 / 2, errors: 0, appCpuMsPerLogin: cpu - 10 },
  soak: { errors: 0 },
  databaseAfterBurst: { users, distinct_ids: "35" },
});

describe("the bench's baseline comparison", () => {
  test("ratios are ours over the baseline's, and none where the baseline's figure is 0", () => {
    const rows = compareFigures(figures(50, 8, 1500, 1, "36"), figures(150, 29, 4500));
    expect(Object.fromEntries(rows.map((r) => [r.measure, r.ratio]))).toEqual({
      "app CPU per login, one at a time (ms)": 0.33,
      "app CPU per login, burst of first logins (ms)": 0.38,
      "app CPU per login, burst of returning logins (ms)": 0.29,
      "SQL statements, one returning login": 0.28,
      "burst p95, first logins (ms)": 0.33,
      "burst p95, returning logins (ms)": 0.33,
      "one at a time p95 (ms)": 1,
      "errors, all logins": null,
      "users duplicated by the burst": null,
    });
    expect(rows.find((r) => r.measure === "users duplicated by the burst")).toMatchObject({ ours: 1, baseline: 0 });
  });

  test("the table names the baseline's commit and lines up its columns", () => {
    const table = formatComparison(compareFigures(figures(50, 8, 1500), figures(150, 29, 4500)), "abc123");
    const [header, first] = table.split("\n");
    expect(header).toMatch(/^measure +ours +baseline abc123 +ours\/baseline$/);
    expect(first).toMatch(/^app CPU per login, one at a time \(ms\) +50 +150 +0\.33$/);
    expect(first?.length).toBe(header?.length);
  });
});
