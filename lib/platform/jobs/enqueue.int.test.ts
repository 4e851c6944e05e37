// enqueue: the payload is validated before it is stored, a repeated enqueue of
// the same work (a double click) while the first waits is a no-op, and a
// definition outside the registry is refused rather than silently dropped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgBoss } from "pg-boss";
import { enqueue } from "./enqueue";
import { countJobs, testBoss, testJob } from "@/tests/support/job-queue";

const deduped = testJob("dedupe", async () => {}, { dedupe: true });
const plain = testJob("plain", async () => {});
let boss: PgBoss;
beforeAll(async () => {
  boss = await testBoss([deduped, plain]);
});
afterAll(() => boss.stop({ graceful: false }));

describe("enqueue", () => {
  it("a double-clicked enqueue queues the work once; another key is other work", async () => {
    const [first, second] = await Promise.all([enqueue(deduped, { n: 1, key: "district-a" }, { boss }), enqueue(deduped, { n: 2, key: "district-a" }, { boss })]);
    expect([first?.status, second?.status].sort()).toEqual(["duplicate", "queued"]);
    expect(await enqueue(deduped, { n: 3, key: "district-a" }, { boss })).toEqual({ status: "duplicate" });
    expect(await enqueue(deduped, { n: 4, key: "district-b" }, { boss })).toMatchObject({ status: "queued" });
    expect(await countJobs(boss, deduped.name)).toBe(2);
  });

  it("once the waiting job has started, the same key queues again (what changed since must be picked up)", async () => {
    const queued = await enqueue(deduped, { n: 1, key: "district-c" }, { boss });
    const [started] = await boss.fetch(deduped.name, { batchSize: 10 }).then((jobs) => jobs.filter((job) => job.id === (queued.status === "queued" ? queued.id : "")));
    expect(started).toBeDefined();
    expect(await enqueue(deduped, { n: 2, key: "district-c" }, { boss })).toMatchObject({ status: "queued" });
    expect(await enqueue(deduped, { n: 3, key: "district-c" }, { boss })).toEqual({ status: "duplicate" });
  });

  it("without a singletonKey every enqueue is a job", async () => {
    await enqueue(plain, { n: 1 }, { boss });
    await enqueue(plain, { n: 1 }, { boss });
    expect(await countJobs(boss, plain.name)).toBe(2);
  });

  it("refuses a payload its schema rejects, storing nothing", async () => {
    // @ts-expect-error: n must be a number; the type says so and so does zod.
    await expect(enqueue(plain, { n: "seven" }, { boss })).rejects.toMatchObject({ name: "ZodError" });
    expect(await countJobs(boss, plain.name)).toBe(2);
  });

  it("makes a job's queue on its first enqueue, so the job is stored (send() on a missing queue stores nothing)", async () => {
    const fresh = testJob(`fresh-${Date.now()}`, async () => {});
    expect(await enqueue(fresh, { n: 1 }, { boss })).toMatchObject({ status: "queued" });
    expect(await countJobs(boss, fresh.name)).toBe(1);
  });
});
