// The fixture's global setup starts the database the way the real one does
// (tests/setup/database.ts): through ensureDatabase, in the runner's process.
import type { TestProject } from "vitest/node";
import { ensureDatabase } from "../../scripts/lib/postgres";

export default async function setup(project: TestProject) {
  const server = await ensureDatabase("postgres-gate");
  project.provide("gateDatabaseUrl", server.url);
  return () => server.stop();
}
