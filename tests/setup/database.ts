// Integration tests get a fresh, migrated database per run: in the embedded
// PostgreSQL, or beside DATABASE_URL's database when that is set.
import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase, ensureDatabase, migrate } from "../../scripts/lib/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await ensureDatabase("postgres-test");
  const name = `test_${process.pid}_${Date.now()}`;
  const url = await createDatabase(server.url, name);
  migrate(url);
  project.provide("databaseUrl", url);
  return async () => {
    await dropDatabase(server.url, name).catch(() => {});
    await server.stop();
  };
}
