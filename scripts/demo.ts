// `npm run demo`: the whole product on one machine, offline. Starts the
// embedded PostgreSQL (data kept in .data/, so a second run reuses it),
// applies migrations, seeds, starts the local Clever, builds and starts the
// app and one job worker (`npm run worker`), then prints the URLs and demo
// logins. Ctrl-C, or any child dying, stops everything.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { controlClient } from "../sandbox/control-client";
import { demoPasswordAccount } from "./lib/demo-account";
import { appOrigin, stackEnv } from "./lib/dev-env";
import { ensureLocalTls, trustInProcess } from "./lib/local-tls";
import { createDatabaseIfMissing, ensureDatabase, migrate, projectRoot } from "./lib/postgres";
import { run, waitForHttp } from "./lib/run";
import { WORKER_NODE_FLAGS } from "./lib/worker-heap";

// `npm run demo -- --api v3.1`: the app on Clever's v3.1 API (default: CLEVER_API_VERSION, else v2.1).
// `npm run demo -- --https`: the app behind an https front with a certificate
// made on this machine, as the test stack runs it (scripts/lib/local-tls.ts;
// the browser asks once to accept it). Plain http://localhost is already a
// secure context for browsers, so it is the default.
const apiIndex = process.argv.indexOf("--api");
if (apiIndex > 0) {
  const version = process.argv[apiIndex + 1];
  if (version !== "v2.1" && version !== "v3.1") {
    console.error("Usage: npm run demo [-- --api v2.1|v3.1] [--https]");
    process.exit(1);
  }
  process.env.CLEVER_API_VERSION = version;
}
const https = process.argv.includes("--https");

const appPort = Number(process.env.PORT ?? 3000);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4100);
const bin = (name: string) => path.join(projectRoot, "node_modules", ".bin", name);
const children: ChildProcess[] = [];
let stopping = false;

const server = await ensureDatabase();
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once("exit", r)) : null)));
  await server.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function start(name: string, command: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit"] });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`\n${name} stopped (${code ?? signal}); shutting everything down.`);
    void shutdown(code || 1);
  });
  children.push(child);
  return child;
}

try {
  const databaseUrl = server.embedded ? await createDatabaseIfMissing(server.url, "clever_classroom") : server.url;
  migrate(databaseUrl);
  const env = { ...stackEnv({ appPort, sandboxPort }, {}, { https }), DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" };
  await run(bin("tsx"), ["scripts/seed.ts"], { cwd: projectRoot, env: { ...process.env, ...env } });

  const sandbox = start("The local Clever", bin("tsx"), ["sandbox/main.ts"], env);
  await waitForHttp(`http://127.0.0.1:${sandboxPort}/sandbox/users`, 30_000, sandbox);

  console.log("\nBuilding the app (next build)…");
  await run(bin("next"), ["build"], { cwd: projectRoot, env: { ...process.env, ...env } });
  // With --https, `next start` listens on loopback behind the https front.
  const nextPort = https ? appPort + 5 : appPort;
  const app = start("The app", bin("next"), ["start", ...(https ? ["-H", "127.0.0.1"] : []), "-p", String(nextPort)], env);
  await waitForHttp(`http://${https ? "127.0.0.1" : "localhost"}:${nextPort}/api/health`, 60_000, app);
  if (https) {
    trustInProcess(await ensureLocalTls());
    const front = start("The https front", bin("tsx"), ["scripts/tls-front.ts", String(appPort), String(nextPort)], {});
    await waitForHttp(`${appOrigin({ appPort, sandboxPort }, true)}/api/health`, 30_000, front);
  }
  // The job queue's worker, as production runs one (docs/operations.md, "Background jobs").
  start("The job worker", process.execPath, [...WORKER_NODE_FLAGS, "scripts/worker.ts"], env);

  await printWelcome(appOrigin({ appPort, sandboxPort }, https), `http://127.0.0.1:${sandboxPort}`, databaseUrl);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}

async function printWelcome(appUrl: string, cleverUrl: string, databaseUrl: string) {
  const clientId = stackEnv({ appPort, sandboxPort }).CLEVER_CLIENT_ID ?? "demo-client-id";
  const users = await controlClient({ url: cleverUrl, clientId }).users();
  console.log(`
──────────────────────────────────────────────────────────────
  Clever Classroom is running
  App:            ${appUrl}   (Log in with Clever / Sign Up with Clever)
  Local Clever:   ${cleverUrl}   (Data API ${stackEnv({ appPort, sandboxPort }).CLEVER_API_VERSION})
  Clever Portal:  ${cleverUrl}/portal
  Instant Login:  ${cleverUrl}/oauth/instant-login?client_id=${clientId}
  Password login: ${appUrl}/login/password  (${demoPasswordAccount.email} / ${demoPasswordAccount.password})
  Job queue:      DATABASE_URL=${databaseUrl} npm run jobs -- status

  Demo logins (choose them on the local Clever's login page):`);
  const generated = users.filter((user) => user.tags.includes("generated"));
  for (const user of users.filter((u) => !generated.includes(u))) {
    const kind = user.authorized_by === "teacher" ? "Library" : "district";
    console.log(`    ${user.type.padEnd(15)} ${kind.padEnd(9)} ${user.name}${user.tags.length ? `  — ${user.tags.join(", ")}` : ""}`);
  }
  console.log(`    …and ${generated.length} more students and teachers filling rosters (${cleverUrl}/sandbox/users lists everyone).`);
  console.log(`
  Press Ctrl-C to stop.
──────────────────────────────────────────────────────────────`);
}
