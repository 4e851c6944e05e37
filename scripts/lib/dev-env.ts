// The configuration `npm run demo` and `npm test` run with: the values of
// .env.example (demo-only secrets, never for production), pointed at the local
// Clever. Real environment variables win, so any of them can be overridden.
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./postgres";

export function exampleEnv(): Record<string, string> {
  const text = readFileSync(path.join(projectRoot, ".env.example"), "utf8");
  const values: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) values[match[1]] = match[2].replace(/^"(.*)"$/, "$1");
  }
  return values;
}

export interface StackPorts {
  appPort: number;
  sandboxPort: number;
}

/** The app's origin on these ports: https behind the stack's TLS front
 * (scripts/tls-front.ts), else plain http://localhost. */
export function appOrigin({ appPort }: StackPorts, https = false): string {
  return `${https ? "https" : "http"}://localhost:${appPort}`;
}

/** Environment for the app and the local Clever on the given ports. */
export function stackEnv(ports: StackPorts, overrides: Record<string, string> = {}, { https = false } = {}): Record<string, string> {
  const { sandboxPort } = ports;
  const appUrl = appOrigin(ports, https);
  const cleverUrl = `http://127.0.0.1:${sandboxPort}`;
  const base: Record<string, string> = {
    ...exampleEnv(),
    CLEVER_OAUTH_URL: cleverUrl,
    CLEVER_API_URL: cleverUrl,
    CLEVER_REDIRECT_URIS: `${appUrl}/api/auth/callback/clever`,
    SANDBOX_PORT: String(sandboxPort),
    // The local Clever's app has OIDC enabled, as a district app of today can.
    SANDBOX_OIDC: "true",
    // Overridden from the environment (npm run demo -- --api v3.1, npm test's v3.1 step).
    CLEVER_API_VERSION: "v2.1",
    PORT: String(ports.appPort),
  };
  const fromProcess = Object.fromEntries(
    Object.keys(base)
      .filter((key) => process.env[key] !== undefined && !["CLEVER_OAUTH_URL", "CLEVER_API_URL", "CLEVER_REDIRECT_URIS", "SANDBOX_PORT", "PORT"].includes(key))
      .map((key) => [key, process.env[key] as string]),
  );
  return { ...base, ...fromProcess, ...overrides };
}
