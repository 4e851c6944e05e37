// Several workers share a queue without doing a job twice (pg-boss's FOR
// UPDATE SKIP LOCKED fetch); a worker that dies holding a job loses nothing
// (the job's expiry hands it to another); a stopping worker finishes or hands
// back what it runs.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { WORKER_NODE_FLAGS } from "@/scripts/lib/worker-heap";
import type { JobDefinition } from "./define";
import { enqueue } from "./enqueue";
import { startWorker, type RunningWorker } from "./worker";
import { deferred } from "@/tests/support/sync-hooks";
import { countJobs, eventually, jobById, sleep, testBoss, testJob, type TestPayload, UNFINISHED } from "@/tests/support/job-queue";

const running: RunningWorker[] = [];
afterAll(async () => {
  await Promise.all(running.map((worker) => worker.stop(1)));
});

async function worker(definition: JobDefinition, concurrency = 1): Promise<RunningWorker> {
  const started = await startWorker({ definitions: [definition], concurrency, pollingIntervalSeconds: 0.5 });
  running.push(started);
  return started;
}

describe("workers sharing a queue", () => {
  it("two instances fetching at the same moment never get the same job", async () => {
    const job = testJob("race", async () => {});
    // Started together, as workers on two machines: both create the new queue.
    const [a, b] = await Promise.all([testBoss([job]), testBoss([job])]);
    try {
      await a.insert(job.name, Array.from({ length: 200 }, (_, n) => ({ data: { n } })));
      const taken: { a: string[]; b: string[] } = { a: [], b: [] };
      // Both ask at once, in small batches, until the queue is empty: about
      // a hundred fetches, so each side gets some however they interleave.
      await Promise.all(
        (["a", "b"] as const).map(async (side) => {
          const boss = side === "a" ? a : b;
          for (;;) {
            const jobs = await boss.fetch(job.name, { batchSize: 2 });
            if (jobs.length === 0) return;
            taken[side].push(...jobs.map((j) => j.id));
          }
        }),
      );
      expect(taken.a.filter((id) => taken.b.includes(id))).toEqual([]);
      expect(new Set([...taken.a, ...taken.b]).size).toBe(200);
      expect(taken.a.length + taken.b.length).toBe(200);
      expect(taken.a.length).toBeGreaterThan(0);
      expect(taken.b.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([a.stop({ graceful: false }), b.stop({ graceful: false })]);
    }
  });

  it("two workers with three loops each run every job exactly once, both at work at the same time", async () => {
    const runs: { id: string; n: number; by: "a" | "b" }[] = [];
    const bothBusy = { a: deferred(), b: deferred() };
    const handler = (by: "a" | "b") => async (payload: TestPayload, context: { jobId: string }) => {
      runs.push({ id: context.jobId, n: payload.n, by });
      bothBusy[by].resolve();
      // Each worker's jobs wait (up to 10 s) until the other worker runs one too.
      await Promise.race([bothBusy[by === "a" ? "b" : "a"].promise, sleep(10_000)]);
      await sleep(20);
    };
    const job = testJob("shared", handler("a"));
    const workerA = await worker(job, 3);
    await worker({ ...job, handle: handler("b") }, 3);
    const queued = await Promise.all(Array.from({ length: 30 }, (_, n) => enqueue(job, { n }, { boss: workerA.boss })));

    await eventually(async () => ((await countJobs(workerA.boss, job.name, UNFINISHED)) === 0 ? true : undefined));
    expect(runs.map((r) => r.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(new Set(runs.map((r) => r.id)).size).toBe(30);
    expect(runs.map((r) => r.id).sort()).toEqual(queued.map((q) => (q.status === "queued" ? q.id : "")).sort());
    expect(new Set(runs.map((r) => r.by))).toEqual(new Set(["a", "b"]));
  });
});

describe("a job limited per worker", () => {
  it("[district-rostering] runs one at a time in a worker of three loops, while another job's three run together", async () => {
    const busy = { limited: 0, open: 0 };
    const most = { limited: 0, open: 0 };
    const handler = (kind: "limited" | "open") => async () => {
      busy[kind] += 1;
      most[kind] = Math.max(most[kind], busy[kind]);
      await sleep(300);
      busy[kind] -= 1;
    };
    const limited = { ...testJob("one-per-worker", handler("limited")), perWorker: 1 };
    const open = testJob("three-per-worker", handler("open"));
    const started = await startWorker({ definitions: [limited, open], concurrency: 3, pollingIntervalSeconds: 0.5 });
    running.push(started);
    await Promise.all(Array.from({ length: 6 }, (_, n) => [enqueue(limited, { n }, { boss: started.boss }), enqueue(open, { n }, { boss: started.boss })]).flat());
    await eventually(async () => {
      const left = (await countJobs(started.boss, limited.name, UNFINISHED)) + (await countJobs(started.boss, open.name, UNFINISHED));
      return left === 0 ? true : undefined;
    });
    expect(most.limited).toBe(1);
    expect(most.open).toBeGreaterThan(1);
  });
});

describe("a worker that dies mid-job", () => {
  it("its job is retried by another worker once its expiry passes, and completes", async () => {
    const runs: { attempt: number; at: number }[] = [];
    const job = testJob("crash", async (_payload, context) => {
      runs.push({ attempt: context.attempt, at: Date.now() });
    }, { retry: { retryLimit: 1 }, expireInSeconds: 2 });

    // The crashed worker: it took the job (now active) and vanished without
    // completing or failing it. Its pool is closed; nothing tells the queue.
    const crashed = await testBoss([job]);
    const queued = await enqueue(job, { n: 1 }, { boss: crashed });
    const [taken] = await crashed.fetch(job.name);
    const takenAt = Date.now();
    expect(taken?.id).toBe(queued.status === "queued" ? queued.id : "");
    await crashed.stop({ graceful: false });

    // A surviving worker supervises (every second here) and gets it after its expiry.
    const survivor = await startWorker({ definitions: [job], concurrency: 1, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 });
    running.push(survivor);
    const done = await eventually(async () => {
      const row = taken ? await jobById(survivor.boss, job.name, taken.id) : null;
      return row?.state === "completed" ? row : undefined;
    });
    expect(runs).toEqual([{ attempt: 2, at: expect.any(Number) }]);
    expect((runs[0]?.at ?? 0) - takenAt).toBeGreaterThanOrEqual(2000);
    expect(done.retryCount).toBe(1);
  });
});

describe("stopping a worker (SIGTERM)", () => {
  it("lets a running job finish within the grace period, and takes no new one", async () => {
    const started = deferred();
    const release = deferred();
    const ran: number[] = [];
    const job = testJob("graceful", async (payload) => {
      ran.push(payload.n);
      started.resolve();
      await release.promise;
    });
    const stopping = await startWorker({ definitions: [job], concurrency: 1, pollingIntervalSeconds: 0.5 });
    const first = await enqueue(job, { n: 1 }, { boss: stopping.boss });
    await enqueue(job, { n: 2 }, { boss: stopping.boss });
    await started.promise;
    const stopped = stopping.stop(10);
    setTimeout(() => release.resolve(), 300);
    await stopped;

    const observer = await testBoss([job]);
    try {
      expect(ran).toEqual([1]);
      expect(first.status === "queued" && (await jobById(observer, job.name, first.id))?.state).toBe("completed");
      expect(await countJobs(observer, job.name)).toBe(1);
    } finally {
      await observer.stop({ graceful: false });
    }
  });

  it("hands a job still running at the end of the grace back to the queue, its signal aborted", async () => {
    const started = deferred();
    let aborted = false;
    const job = testJob("hangs", async (_payload, context) => {
      context.signal.addEventListener("abort", () => (aborted = true));
      started.resolve();
      await new Promise(() => {});
    }, { retry: { retryLimit: 3, retryDelay: 60 } });
    const stopping = await startWorker({ definitions: [job], concurrency: 1, pollingIntervalSeconds: 0.5 });
    const queued = await enqueue(job, { n: 1 }, { boss: stopping.boss });
    await started.promise;
    await stopping.stop(1);

    const observer = await testBoss([job]);
    try {
      const row = queued.status === "queued" ? await jobById(observer, job.name, queued.id) : null;
      expect(row).toMatchObject({ state: "retry", output: { value: "pg-boss shut down while active" } });
      expect(aborted).toBe(true);
    } finally {
      await observer.stop({ graceful: false });
    }
  });
});

describe("npm run worker", () => {
  it("starts on the app's configuration and exits 0 on SIGTERM once stopped", async () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, "scripts/worker.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      await eventually(async () => (output.includes("job worker started") ? true : undefined));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    expect(output).toContain('"signal":"SIGTERM"');
    expect(output).toContain("job worker stopped");
  });
});
