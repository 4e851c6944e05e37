// Passes: the database the global setup started answers.
import pg from "pg";
import { expect, inject, test } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    gateDatabaseUrl: string;
  }
}

test("the fixture's database answers", async () => {
  const client = new pg.Client({ connectionString: inject("gateDatabaseUrl") });
  await client.connect();
  try {
    expect((await client.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  } finally {
    await client.end();
  }
});
