// The certification suite: real browsers (Debian's Chromium and Firefox ESR
// over WebDriver BiDi) against the production build, the local Clever and a
// real PostgreSQL. Run it through `npm run test:e2e`, which prepares the
// database and the build; the ports below are the test stack's own, so a
// running `npm run demo` is not disturbed.
import { defineConfig, devices } from "@playwright/test";
import { stackEnv } from "./scripts/lib/dev-env";

export const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
export const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
const serverEnv = stackEnv({ appPort, sandboxPort }, { APP_ENV: "test", SANDBOX_MODE: "test" });

const chromiumLaunch = {
  executablePath: "/usr/bin/chromium",
  // Without these, Chromium calls home at start and the closed network refuses it.
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};
const firefoxLaunch = { executablePath: "/usr/bin/firefox-esr" };

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/results.json" }]],
  use: {
    baseURL: `http://localhost:${appPort}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunch } },
    { name: "firefox", use: { ...devices["Desktop Firefox"], channel: "moz-firefox", launchOptions: firefoxLaunch } },
  ],
  webServer: [
    {
      command: "node_modules/.bin/tsx sandbox/main.ts",
      url: `http://127.0.0.1:${sandboxPort}/sandbox/users`,
      env: serverEnv,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      timeout: 30_000,
    },
    {
      command: `node_modules/.bin/next start -p ${appPort}`,
      url: `http://localhost:${appPort}/api/health`,
      env: { ...serverEnv, DATABASE_URL: process.env.DATABASE_URL ?? "" },
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      timeout: 60_000,
    },
  ],
});
