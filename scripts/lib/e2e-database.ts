// A fresh, migrated and seeded database for one end-to-end run.
import { createDatabase, dropDatabase, ensureDatabase, migrate, projectRoot } from "./postgres";
import { run } from "./run";

export interface E2eDatabase {
  url: string;
  dispose(): Promise<void>;
}

/** `root`: the checkout whose migrations and seed make it (another commit's, for the bench's baseline). */
export async function prepareE2eDatabase(root = projectRoot): Promise<E2eDatabase> {
  const server = await ensureDatabase("postgres-e2e");
  const name = `e2e_${Date.now()}`;
  const url = await createDatabase(server.url, name);
  migrate(url, root);
  await run("node_modules/.bin/tsx", ["scripts/seed.ts"], { cwd: root, env: { ...process.env, DATABASE_URL: url } });
  return {
    url,
    async dispose() {
      await dropDatabase(server.url, name).catch(() => {});
      await server.stop();
    },
  };
}
