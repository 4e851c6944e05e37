// A fresh, migrated and seeded database for one end-to-end run.
import { createDatabase, dropDatabase, ensureDatabase, migrate, projectRoot } from "./postgres";
import { run } from "./run";

export interface E2eDatabase {
  url: string;
  dispose(): Promise<void>;
}

export async function prepareE2eDatabase(): Promise<E2eDatabase> {
  const server = await ensureDatabase("postgres-e2e");
  const name = `e2e_${Date.now()}`;
  const url = await createDatabase(server.url, name);
  migrate(url);
  await run("node_modules/.bin/tsx", ["scripts/seed.ts"], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: url } });
  return {
    url,
    async dispose() {
      await dropDatabase(server.url, name).catch(() => {});
      await server.stop();
    },
  };
}
