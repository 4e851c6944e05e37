// LIG-06: in production the redirect URIs registered with Clever must be https
// and carry no '#'. The production build itself refuses to start otherwise
// (lib/platform/env.ts, checked at start-up by instrumentation.ts), so a misconfigured
// deployment never serves a login. Runs once (chromium project): no browser.
import { spawn } from "node:child_process";
import { freePort } from "../scripts/lib/postgres";
import { expect, test } from "./support/fixtures";

interface Start {
  exitCode: number | null;
  output: string;
  answered: boolean;
}

/** Starts `next start` (the tested build) with the test stack's environment
 * and these redirect URIs in production mode; resolves when it exits or
 * answers /api/health. */
async function startProduction(stack: Record<string, string>, redirectUris: string): Promise<Start> {
  const port = await freePort();
  const env = {
    ...process.env,
    ...stack,
    APP_ENV: "production",
    AUTH_URL: `https://classroom.example.com`,
    // The test stack's preview pattern and local Clever are http; production wants https.
    AUTH_PREVIEW_ORIGINS: "https://*-team.vercel.app",
    CLEVER_OAUTH_URL: "https://clever.com",
    CLEVER_API_URL: "https://api.clever.com",
    // Production names its operator on /privacy and /terms.
    COMPANY_NAME: "Lumen Learning Ltd",
    COMPANY_CONTACT_EMAIL: "privacy@lumen.example",
    CLEVER_REDIRECT_URIS: redirectUris,
    DATABASE_URL: process.env.DATABASE_URL ?? "",
  };
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 40_000;
  try {
    while (Date.now() < deadline) {
      const code = await Promise.race([exited, new Promise<"running">((r) => setTimeout(() => r("running"), 250))]);
      if (code !== "running") return { exitCode: code, output, answered: false };
      const answered = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
        () => true,
        () => false,
      );
      if (answered) return { exitCode: null, output, answered: true };
    }
    return { exitCode: null, output, answered: false };
  } finally {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  }
}

test.describe("production redirect URIs", () => {
  test.setTimeout(120_000);

  test("[LIG-06] [DSSO-05] [LIB-10] the app refuses to start in production with an http redirect URI", async ({ stack }) => {
    const start = await startProduction(stack, "http://classroom.example.com/api/auth/callback/clever");
    expect(start.answered).toBe(false);
    expect(start.exitCode).toBe(1);
    expect(start.output).toContain("CLEVER_REDIRECT_URIS");
    expect(start.output).toContain("must be https");
  });

  test("[LIG-06] the app refuses to start in production with a '#' in a redirect URI", async ({ stack }) => {
    const start = await startProduction(stack, "https://classroom.example.com/api/auth/callback/clever,https://classroom.example.com/#/callback");
    expect(start.answered).toBe(false);
    expect(start.exitCode).toBe(1);
    expect(start.output).toContain("CLEVER_REDIRECT_URIS");
  });

  test("[LIG-06] the app starts in production with https redirect URIs", async ({ stack }) => {
    const start = await startProduction(stack, "https://classroom.example.com/api/auth/callback/clever,https://staging.classroom.example.com/api/auth/callback/clever");
    expect(start.output).not.toContain("CLEVER_REDIRECT_URIS");
    expect(start.answered).toBe(true);
  });
});
