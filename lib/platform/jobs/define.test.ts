import { describe, expect, it } from "vitest";
import { z } from "zod";
import { atOnce, deadLetterQueueOf, defineJob } from "./define";

const base = {
  name: "roster.sync-district",
  payload: z.object({ districtId: z.string() }),
  retry: { retryLimit: 3, retryDelay: 10, retryBackoff: true },
  expireInSeconds: 600,
  handle: async () => {},
};

describe("defineJob", () => {
  it("accepts a well-formed definition as is, and names its dead-letter queue", () => {
    expect(defineJob(base)).toBe(base);
    expect(deadLetterQueueOf(base.name)).toBe("roster.sync-district.dead-letter");
  });

  it("refuses what pg-boss would refuse later, or a name reserved for dead letters, naming the job", () => {
    expect(() => defineJob({ ...base, name: "Roster Sync" })).toThrow(/^Job Roster Sync: name/);
    expect(() => defineJob({ ...base, name: "roster.sync.dead-letter" })).toThrow(/reserved for dead-letter queues/);
    expect(() => defineJob({ ...base, retry: { ...base.retry, retryLimit: -1 } })).toThrow(/retryLimit/);
    expect(() => defineJob({ ...base, retry: { ...base.retry, retryDelay: 1.5 } })).toThrow(/retryDelay/);
    expect(() => defineJob({ ...base, expireInSeconds: 24 * 3600 })).toThrow(/expireInSeconds/);
    expect(() => defineJob({ ...base, expireInSeconds: 0 })).toThrow(/expireInSeconds/);
    expect(() => defineJob({ ...base, perWorker: 0 })).toThrow(/perWorker/);
  });

  it("runs a job limited per worker at most that many at once, and never more than the process's own concurrency", () => {
    expect(atOnce({ perWorker: 1 }, 3)).toBe(1);
    expect(atOnce({ perWorker: 4 }, 2)).toBe(2);
    expect(atOnce({}, 3)).toBe(3);
  });
});
