// pg-boss keeps to its own schema, created on start; Prisma's migrations
// keep to theirs, and run as before on a database that has both.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { jobsSchema } from "./boss";
import { testBoss, testJob } from "@/tests/support/job-queue";
import { migrate } from "@/scripts/lib/postgres";

const url = process.env.DATABASE_URL ?? "";
const client = new pg.Client({ connectionString: url });
afterAll(() => client.end());

describe("the pgboss schema beside Prisma's", () => {
  it("pg-boss creates its tables in pgboss only, and prisma migrate deploy still applies cleanly", async () => {
    await client.connect();
    const publicTables = () => client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name").then((r) => r.rows.map((row) => row.table_name));
    const before = await publicTables();
    const boss = await testBoss([testJob("schema", async () => {})]);
    await boss.stop({ graceful: false });

    const jobTables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [jobsSchema()]);
    expect(jobTables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(["job", "queue", "version"]));
    expect(await publicTables()).toEqual(before);
    expect(() => migrate(url)).not.toThrow();
    expect(await publicTables()).toEqual(before);
  }, 120_000);
});
