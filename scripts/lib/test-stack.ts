// The end-to-end test stack: the local Clever, `next start` (an existing
// production build) and a job worker on the test ports, against a given database. Playwright
// starts it through `webServer` (playwright.config.ts reads `stackServers`);
// the WebKit step and `npm run certify` start it with `startTestStack`, so all
// engines run against the same commands, environment and build.
import { spawn, type ChildProcess } from "node:child_process";
import { appOrigin, stackEnv, type StackPorts } from "./dev-env";
import { ensureLocalTls, localTlsEnv, trustInProcess } from "./local-tls";
import { projectRoot } from "./postgres";
import { waitForHttp } from "./run";
import { WORKER_NODE_FLAGS } from "./worker-heap";

export interface StackServer {
  name: string;
  command: string;
  args: string[];
  /** A URL that answers once the server is ready. */
  readyUrl: string;
  env: Record<string, string>;
  timeoutMs: number;
}

/** Test-mode ports from the environment, as playwright.config.ts uses them. */
export function testPorts(): StackPorts {
  return {
    appPort: Number(process.env.E2E_APP_PORT ?? 3100),
    sandboxPort: Number(process.env.E2E_SANDBOX_PORT ?? 4110),
  };
}

export function testStackEnv(ports: StackPorts, overrides: Record<string, string> = {}): Record<string, string> {
  // The test stack is a deployment behind its https front on loopback
  // (scripts/tls-front.ts), which appends to X-Forwarded-For, with previews
  // on *.preview.localhost (e2e/abuse.server.spec.ts).
  const env = stackEnv(ports, {
    APP_ENV: "test",
    SANDBOX_MODE: "test",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_PREVIEW_ORIGINS: "http://*.preview.localhost:3999",
    TRUSTED_PROXIES: "127.0.0.1,::1",
    // Journeys run in parallel: one journey's /userinfo fallback must not
    // send another's login to /me (the memory itself: lib/login/identity.int.test.ts).
    CLEVER_USERINFO_RETRY_SECONDS: "0",
    // LOGIN_SYNC_FRESH_SECONDS stays production's: a journey that logs in
    // again to see a change moves time on (syncWindowPasses, e2e/support/db.ts).
    // The fixture district keeps per-user syncs (most journeys are about
    // them); a journey that wants a district rostered asks for it
    // (`npm run roster -- sync`, e2e/district-roster.server.spec.ts), and its events
    // are then read every two seconds.
    DISTRICT_ROSTERING: "manual",
    DISTRICT_EVENTS_POLL_SECONDS: "2",
    JOBS_HEALTH_PORT: String(workerHealthPort(ports)),
    ...overrides,
  }, { https: true });
  // A second registered URI (the same app on another origin), as a real
  // Clever app may have (IL-09): Clever-initiated logins must still arrive on
  // the first, the primary (DSSO-05, LIB-10; e2e/auth-login.spec.ts).
  return { ...env, CLEVER_REDIRECT_URIS: `${env.CLEVER_REDIRECT_URIS},https://127.0.0.1:${ports.appPort}/api/auth/callback/clever` };
}

/** The app's origin in the test stack (behind its https front). */
export function testAppUrl(ports: StackPorts): string {
  return appOrigin(ports, true);
}

/** Where `next start` itself listens, on loopback behind the front. */
function nextPort(ports: StackPorts): number {
  return ports.appPort + 5;
}

/** Where e2e/version-switch.v3.spec.ts runs the same build on the other API
 * version, against the same database and local Clever: the deployment
 * before its switch. */
export function switchPorts(ports: StackPorts): StackPorts {
  return { appPort: ports.appPort + 7, sandboxPort: ports.sandboxPort };
}

/** The app: `next start` on loopback, and its https front on the app port. */
function appServers(ports: StackPorts, databaseUrl: string, env: Record<string, string>): StackServer[] {
  const internal = nextPort(ports);
  return [
    {
      name: `the app (next start, API ${env.CLEVER_API_VERSION ?? "v2.1"})`,
      command: "node_modules/.bin/next",
      args: ["start", "-H", "127.0.0.1", "-p", String(internal)],
      readyUrl: `http://127.0.0.1:${internal}/api/health`,
      env: { ...env, DATABASE_URL: databaseUrl },
      timeoutMs: 60_000,
    },
    {
      name: "the app's https front",
      command: "node_modules/.bin/tsx",
      args: ["scripts/tls-front.ts", String(ports.appPort), String(internal)],
      readyUrl: `${testAppUrl(ports)}/api/health`,
      env: {},
      timeoutMs: 30_000,
    },
  ];
}

/** Where the stack's job worker answers /health. */
function workerHealthPort(ports: StackPorts): number {
  return ports.appPort + 9;
}

/** The servers of the stack, in start order. */
export function stackServers(ports: StackPorts, databaseUrl: string): StackServer[] {
  const env = { ...testStackEnv(ports), ...localTlsEnv() };
  // The local Clever also knows the version-switch server's redirect URI (as
  // one Clever app registered for two deployments would).
  const switchUri = testStackEnv(switchPorts(ports)).CLEVER_REDIRECT_URIS?.split(",")[0];
  return [
    {
      name: "the local Clever",
      command: "node_modules/.bin/tsx",
      args: ["sandbox/main.ts"],
      readyUrl: `http://127.0.0.1:${ports.sandboxPort}/sandbox/users`,
      env: { ...env, CLEVER_REDIRECT_URIS: `${env.CLEVER_REDIRECT_URIS},${switchUri}` },
      timeoutMs: 30_000,
    },
    ...appServers(ports, databaseUrl, env),
    {
      name: "the job worker",
      command: "node_modules/.bin/node",
      // Quick to pick up the jobs a journey waits for.
      args: [...WORKER_NODE_FLAGS, "scripts/worker.ts", "--polling-seconds", "0.5"],
      readyUrl: `http://127.0.0.1:${workerHealthPort(ports)}/health`,
      env: { ...env, DATABASE_URL: databaseUrl },
      timeoutMs: 60_000,
    },
  ];
}

/** The app on the version-switch port, speaking `apiVersion`. */
export function switchServers(ports: StackPorts, databaseUrl: string, apiVersion: "v2.1" | "v3.1"): StackServer[] {
  const other = switchPorts(ports);
  return appServers(other, databaseUrl, { ...testStackEnv(other, { CLEVER_API_VERSION: apiVersion }), ...localTlsEnv() });
}

export interface RunningStack {
  appUrl: string;
  cleverUrl: string;
  clientId: string;
  /** The app's registered redirect URIs, the primary first. */
  redirectUris: string[];
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Starts one server and waits until it answers; resolves to its stop. */
async function startServer(server: StackServer): Promise<() => Promise<void>> {
  const child = spawn(server.command, server.args, {
    cwd: projectRoot,
    env: { ...process.env, ...server.env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => stopChild(child);
  try {
    await waitForHttp(server.readyUrl, server.timeoutMs, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

/** Starts servers in order, each once the one before answers; resolves to
 * their stop (in reverse order). Stops those started when one fails. */
export async function startServers(servers: StackServer[]): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };
  try {
    for (const server of servers) stops.push(await startServer(server));
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

/** Starts the stack's servers (the build must exist) and waits for each. */
export async function startTestStack(ports: StackPorts, databaseUrl: string): Promise<RunningStack> {
  trustInProcess(await ensureLocalTls());
  const stop = await startServers(stackServers(ports, databaseUrl));
  const env = testStackEnv(ports);
  return {
    appUrl: testAppUrl(ports),
    cleverUrl: `http://127.0.0.1:${ports.sandboxPort}`,
    clientId: env.CLEVER_CLIENT_ID ?? "demo-client-id",
    redirectUris: (env.CLEVER_REDIRECT_URIS ?? "").split(","),
    stop,
  };
}
