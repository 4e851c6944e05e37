// Integration tests get fresh, migrated databases per run, one for each
// worker (integration files run two at a time, each on its own database): in
// the embedded PostgreSQL, or beside DATABASE_URL's database when that is set.
import type { TestProject } from "vitest/node";
import { createDatabase, dropDatabase, ensureDatabase, migrate } from "../../scripts/lib/postgres";

/** How many integration files run at once (vitest.config.ts's maxWorkers). */
export const INTEGRATION_WORKERS = 2;

declare module "vitest" {
  export interface ProvidedContext {
    /** One database per worker: VITEST_POOL_ID n uses the n-th. */
    databaseUrls: string[];
  }
}

export default async function setup(project: TestProject) {
  const server = await ensureDatabase("postgres-test");
  const names = Array.from({ length: INTEGRATION_WORKERS }, (_, i) => `test_${process.pid}_${Date.now()}_${i + 1}`);
  const urls = await Promise.all(names.map((name) => createDatabase(server.url, name)));
  for (const url of urls) migrate(url);
  project.provide("databaseUrls", urls);
  return async () => {
    await Promise.all(names.map((name) => dropDatabase(server.url, name).catch(() => {})));
    await server.stop();
  };
}
