import { describe, expect, it } from "vitest";
import { JOB_CONCURRENCY } from "@/lib/platform/jobs/define";
import { workerPace } from "./worker-options";

describe("the worker's pace", () => {
  it("is the deployment's unless a flag says otherwise", () => {
    expect(workerPace([])).toEqual({ concurrency: JOB_CONCURRENCY, pollingIntervalSeconds: 2 });
    expect(workerPace(["--polling-seconds", "0.5"])).toEqual({ concurrency: JOB_CONCURRENCY, pollingIntervalSeconds: 0.5 });
    expect(workerPace(["--concurrency", "1", "--polling-seconds", "0.5"])).toEqual({ concurrency: 1, pollingIntervalSeconds: 0.5 });
  });

  it("refuses what the queue cannot use", () => {
    expect(() => workerPace(["--concurrency", "0"])).toThrow(/--concurrency/);
    expect(() => workerPace(["--concurrency", "1.5"])).toThrow(/--concurrency/);
    expect(() => workerPace(["--concurrency"])).toThrow(/--concurrency/);
    // pg-boss polls at most every 0.5 s.
    expect(() => workerPace(["--polling-seconds", "0.1"])).toThrow(/--polling-seconds/);
    expect(() => workerPace(["--polling-seconds", "soon"])).toThrow(/--polling-seconds/);
  });
});
