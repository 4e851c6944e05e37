// The upgrade from pg-boss 10 to 12 on a database whose queues pg-boss 10
// made, as production's were: pg-boss 12 cannot migrate that schema itself
// (lib/platform/jobs/from-v10.ts), so the app's start sets it aside and copies the
// unfinished jobs. Here pg-boss 10 (the pg-boss-10 dev dependency) creates the
// app's queues and leaves jobs in every unfinished state, then the app's
// pg-boss 12 worker starts on the same database and works them.
import pg from "pg";
import PgBoss10 from "pg-boss-10";
import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoss } from "./boss";
import { deadLetterQueueOf, type JobDefinition } from "./define";
import { enqueue } from "./enqueue";
import { v10Schemas } from "./from-v10";
import { retryDeadLettered } from "./operate";
import { ensureQueues, queueOptions } from "./queues";
import { registeredJobs } from "@/lib/jobs/registry";
import { queueStatus } from "./status";
import { startWorker } from "./worker";
import { countJobs, eventually, jobById, testJob, type TestJob } from "@/tests/support/job-queue";
import { pollEventsJob, syncDistrictJob } from "@/lib/roster/district/jobs";
import { createDatabase, dropDatabase } from "@/scripts/lib/postgres";

const SCHEMA = "pgboss";
const serverUrl = process.env.DATABASE_URL ?? "";
const database = `pgboss_upgrade_${process.pid}_${Date.now()}`;
let url = "";
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  url = await createDatabase(serverUrl, database);
});
afterAll(async () => {
  for (const instance of running.reverse()) await instance.stop().catch(() => {});
  await dropDatabase(serverUrl, database);
});

/** The queues as the app's ensureQueues made them with pg-boss 10. */
async function v10Queues(boss: PgBoss10, definitions: readonly JobDefinition[]): Promise<void> {
  for (const definition of definitions) {
    await boss.createQueue(deadLetterQueueOf(definition.name), { name: deadLetterQueueOf(definition.name), policy: "standard" });
    await boss.createQueue(definition.name, {
      name: definition.name,
      policy: definition.singletonKey ? "short" : "standard",
      retryLimit: definition.retry.retryLimit,
      retryDelay: definition.retry.retryDelay,
      retryBackoff: definition.retry.retryBackoff,
      expireInSeconds: definition.expireInSeconds,
      deadLetter: deadLetterQueueOf(definition.name),
    });
  }
}

async function query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe("pg-boss 10 → 12", () => {
  const attempts = new Map<string, number[]>();
  const record = (label: string) => async (_payload: unknown, context: { attempt: number }) => {
    attempts.set(label, [...(attempts.get(label) ?? []), context.attempt]);
  };
  const waiting: TestJob = testJob("waiting", record("waiting"), { dedupe: true });
  const retrying: TestJob = testJob("retrying", record("retrying"), { retry: { retryLimit: 2, retryDelay: 1 } });
  // Taken by a worker that then died: active when pg-boss 10 stopped.
  const crashed: TestJob = testJob("crashed", record("crashed"), { retry: { retryLimit: 1 }, expireInSeconds: 1 });
  const dead: TestJob = testJob("dead", record("dead"));
  const done: TestJob = testJob("done", record("done"));
  const tests = [waiting, retrying, crashed, dead, done];
  const districtId = "5a0c3f2e9b1d4c6a8e7f0b12";
  const ids: Record<string, string> = {};

  it("pg-boss 10 leaves the app's queues and jobs waiting, retrying, active, dead-lettered, deferred and done", async () => {
    const boss = new PgBoss10({ connectionString: url, schema: SCHEMA, supervise: false, schedule: false });
    boss.on("error", () => {});
    await boss.start();
    try {
      await v10Queues(boss, [...registeredJobs, ...tests]);
      const send = async (name: string, data: object, options: PgBoss10.SendOptions = {}) => {
        const id = await boss.send(name, data, options);
        if (!id) throw new Error(`pg-boss 10 did not queue ${name}`);
        return id;
      };
      // The app's own: one full sync waiting per district (a singleton), and
      // an events poll deferred for an hour.
      ids.sync = await send(syncDistrictJob.name, { districtId }, { singletonKey: districtId });
      ids.poll = await send(pollEventsJob.name, { districtId }, { singletonKey: districtId, startAfter: new Date(Date.now() + 3600_000) });
      ids.waiting = await send(waiting.name, { n: 1, key: "k" }, { singletonKey: "k" });
      ids.retrying = await send(retrying.name, { n: 2 });
      const [first] = await boss.fetch(retrying.name);
      await boss.fail(retrying.name, first?.id ?? "", new Error("Clever was down"));
      ids.crashed = await send(crashed.name, { n: 3 });
      await boss.fetch(crashed.name);
      ids.dead = await send(dead.name, { n: 4 });
      const [last] = await boss.fetch(dead.name);
      await boss.fail(dead.name, last?.id ?? "", new Error("district not shared"));
      ids.done = await send(done.name, { n: 5 });
      const [finished] = await boss.fetch(done.name);
      await boss.complete(done.name, finished?.id ?? "");

      const states = await query<{ name: string; state: string }>(`SELECT name, state::text FROM ${SCHEMA}.job`);
      const stateOf = (name: string) => states.filter((row) => row.name === name).map((row) => row.state);
      expect(stateOf(retrying.name)).toEqual(["retry"]);
      expect(stateOf(crashed.name)).toEqual(["active"]);
      expect(stateOf(dead.name)).toEqual(["failed"]);
      expect(stateOf(deadLetterQueueOf(dead.name))).toEqual(["created"]);
      expect(await query(`SELECT version FROM ${SCHEMA}.version`)).toEqual([{ version: 24 }]);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it("pg-boss 12 on its own refuses that schema, and leaves it as it was", async () => {
    const plain = new PgBoss({ connectionString: url, schema: SCHEMA, supervise: false, schedule: false });
    plain.on("error", () => {});
    await expect(plain.start()).rejects.toThrow(/from version 24/);
    await plain.stop({ graceful: false });
    expect(await query(`SELECT version FROM ${SCHEMA}.version`)).toEqual([{ version: 24 }]);
    expect(await query(`SELECT count(*)::int AS n FROM ${SCHEMA}.job`)).toEqual([{ n: 8 }]);
  });

  let other: PgBoss;

  it("the app's pg-boss 12, two instances starting at once, sets the old schema aside and copies its unfinished jobs once", async () => {
    const starting = [
      startWorker({ connectionString: url, definitions: tests, concurrency: 1, pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 }),
      startBoss({ connectionString: url }),
    ] as const;
    const [started, plain] = await Promise.allSettled(starting);
    if (started.status === "fulfilled") running.push({ stop: () => started.value.stop(1) });
    if (plain.status === "fulfilled") running.push({ stop: () => plain.value.stop({ graceful: false }) });
    if (started.status === "rejected") throw started.reason;
    if (plain.status === "rejected") throw plain.reason;
    other = plain.value;

    const { pending, kept } = v10Schemas(SCHEMA);
    const schemas = await query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'pgboss%' ORDER BY nspname");
    expect(schemas.map((row) => row.nspname)).toEqual([SCHEMA, kept]);
    expect(schemas.map((row) => row.nspname)).not.toContain(pending);
    const [version] = await query<{ version: number }>(`SELECT version FROM ${SCHEMA}.version`);
    expect(version?.version).toBeGreaterThan(24);
    // The history stays behind: the finished job was not copied.
    expect(await query(`SELECT state::text FROM ${kept}.job WHERE id = $1`, [ids.done])).toEqual([{ state: "completed" }]);
    expect(await jobById(other, done.name, ids.done ?? "")).toBeNull();
    // Every unfinished job, under its own ID, and nothing else.
    const idsIn = async (schema: string, where: string) => (await query<{ id: string }>(`SELECT id::text FROM ${schema}.job WHERE ${where} ORDER BY id`)).map((row) => row.id);
    expect(await idsIn(SCHEMA, "true")).toEqual(await idsIn(kept, "state::text IN ('created', 'retry', 'active')"));
  });

  it("the queues keep their policy, retries and dead-letter queue, and the app's start ensures them as before", async () => {
    await ensureQueues(other, [...registeredJobs, ...tests]);
    for (const definition of [...registeredJobs, ...tests]) {
      const queue = await other.getQueue(definition.name);
      expect(queue).toMatchObject(queueOptions(definition));
      expect(await other.getQueue(deadLetterQueueOf(definition.name))).toMatchObject({ policy: "standard" });
    }
  });

  it("the app's waiting jobs survive, still singletons, the deferred one still deferred", async () => {
    expect(await jobById(other, syncDistrictJob.name, ids.sync ?? "")).toMatchObject({ state: "created", singletonKey: districtId, data: { districtId } });
    expect(await enqueue(syncDistrictJob, { districtId }, { boss: other })).toEqual({ status: "duplicate" });
    const poll = await jobById(other, pollEventsJob.name, ids.poll ?? "");
    expect(poll).toMatchObject({ state: "created", singletonKey: districtId });
    expect(poll?.startAfter.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    expect(await other.fetch(pollEventsJob.name)).toEqual([]);
  });

  it("the worker runs the waiting job, the retry with its tries used, and the crashed worker's job once it expires", async () => {
    await eventually(async () => ((await countJobs(other, waiting.name, ["completed"])) === 1 && (await countJobs(other, retrying.name, ["completed"])) === 1 && (await countJobs(other, crashed.name, ["completed"])) === 1 ? true : undefined));
    expect(attempts.get("waiting")).toEqual([1]);
    expect(attempts.get("retrying")).toEqual([2]);
    expect(attempts.get("crashed")).toEqual([2]);
    expect(await jobById(other, waiting.name, ids.waiting ?? "")).toMatchObject({ state: "completed" });
    expect(attempts.get("done")).toBeUndefined();
  });

  it("the dead-lettered job is listed with its error and payload, and `npm run jobs -- retry` sends it back", async () => {
    const { deadLettered } = await queueStatus({ boss: other });
    const [entry] = deadLettered.filter((job) => job.queue === dead.name);
    expect(entry).toMatchObject({ queue: dead.name, error: "district not shared", payload: { n: 4 } });
    expect(attempts.get("dead")).toBeUndefined();
    expect(await retryDeadLettered(other, tests, entry?.id ?? "")).toMatchObject({ status: "queued" });
    await eventually(async () => (attempts.get("dead")?.length ? true : undefined));
    expect(attempts.get("dead")).toEqual([1]);
    expect(await countJobs(other, deadLetterQueueOf(dead.name))).toBe(0);
  });

  it("a later start finds nothing to move and copies nothing again", async () => {
    const before = await query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.job`);
    const again = await startBoss({ connectionString: url });
    await again.stop({ graceful: false });
    expect(await query(`SELECT count(*) AS n FROM ${SCHEMA}.job`)).toEqual(before);
  });
});
