// The certification suite: real browsers against the production build, the
// local Clever and a real PostgreSQL. Run it through `npm run test:e2e`, which
// prepares the database and the build; the ports below are the test stack's
// own, so a running `npm run demo` is not disturbed.
//
// Projects (the engines Clever asks about, DSSO-Q1 / LIB-Q1):
// - chromium: Desktop Chrome on Debian's Chromium, every spec.
// - firefox: Desktop Firefox on Debian's Firefox ESR over WebDriver BiDi.
// - mobile-chrome: a current Android phone (Pixel 9) on Chromium, for the
//   specs whose screens are the subject (`phoneSpecs`).
// Safari and Mobile Safari run in the real Safari engine, in e2e/webkit/
// through WebKitGTK's WebDriver: Playwright's WebKit cannot be installed here.
// `*.server.spec.ts` files prove what the server does, the same in every
// browser (a page may only look at it): they run once, in `chromium`.
// `*.v3.spec.ts` files (a switch to Clever's v3.1 API) run only in the v3.1
// run's project. `npm run certify` (CERTIFY=1) also keeps a screenshot of
// every test's final screen for the report.
import { defineConfig, devices } from "@playwright/test";
import { phoneSpecs, serverOnlySpecs, v3OnlySpecs } from "./scripts/lib/coverage";
import { playwrightRunFiles } from "./scripts/lib/run-metadata";
import { ensureLocalTls, localTlsEnv, trustInProcess } from "./scripts/lib/local-tls";
import { stackServers, testAppUrl, testPorts } from "./scripts/lib/test-stack";
import { chromiumLaunch } from "./e2e/support/chromium-launch";

const ports = testPorts();
// Every journey runs over https, as production does (scripts/lib/local-tls.ts):
// the workers' own requests (NODE_EXTRA_CA_CERTS, read at their start) and
// Chromium (the server key's pin) trust the local certificate; Firefox takes
// no such pin, so its projects accept the stack's certificate through
// WebDriver instead (ignoreHTTPSErrors).
const tls = await ensureLocalTls();
Object.assign(process.env, localTlsEnv(tls));
trustInProcess(tls); // the runner's own readiness checks of webServer

const chromium = { ...chromiumLaunch, args: [...chromiumLaunch.args, `--ignore-certificate-errors-spki-list=${tls.spki}`] };
export const appPort = ports.appPort;
export const sandboxPort = ports.sandboxPort;
const certify = process.env.CERTIFY === "1";
// CLEVER_API_VERSION=v3.1 runs the suite in Desktop Chrome with the app on
// Clever's v3.1 API (npm test's last Playwright step), with results of its own.
export const apiVersion = process.env.CLEVER_API_VERSION === "v3.1" ? "v3.1" : "v2.1";
const onV31 = apiVersion === "v3.1";

const firefoxLaunch = { executablePath: "/usr/bin/firefox-esr" };
const firefoxTls = { ignoreHTTPSErrors: true };
const serverOnly = [serverOnlySpecs, v3OnlySpecs];
// CSS pixels and layout are the phone's; 1x keeps the report's screenshots small.
const phoneScale = certify ? { deviceScaleFactor: 1 } : {};

/** The full matrix (the default version). */
const matrix = [
  { name: "chromium", testIgnore: onV31 ? [] : v3OnlySpecs, use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
  // Not the no-JavaScript journey: Firefox over WebDriver BiDi ignores
  // javaScriptEnabled: false, so it would pass there without testing anything.
  { name: "firefox", testIgnore: [...serverOnly, "**/cert-browsers.spec.ts"], use: { ...devices["Desktop Firefox"], ...firefoxTls, channel: "moz-firefox", launchOptions: firefoxLaunch } },
  { name: "mobile-chrome", testMatch: phoneSpecs, use: { ...devices["Pixel 9"], ...phoneScale, launchOptions: chromium } },
];

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: onV31 ? "test-results/playwright-v3.1" : "test-results/playwright",
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  // A hang guard, not a speed target: a journey in Firefox on a busy 2-core
  // CI machine, behind the https front, can take over a minute.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: playwrightRunFiles(apiVersion).results }]],
  use: {
    baseURL: testAppUrl(ports),
    // CI keeps no files, and a trace of every test costs a tenth of the run.
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: certify ? { mode: "on", fullPage: true } : "only-on-failure",
  },
  // `npm test`'s v3.1 step runs Desktop Chrome; `CLEVER_API_VERSION=v3.1 npm
  // run certify` asks for every engine (E2E_ALL_ENGINES=1).
  projects: onV31 && process.env.E2E_ALL_ENGINES !== "1" ? [{ name: "chromium-v3.1", use: { ...devices["Desktop Chrome"], launchOptions: chromium } }] : matrix,
  webServer: stackServers(ports, process.env.DATABASE_URL ?? "").map((server) => ({
    command: [server.command, ...server.args].join(" "),
    url: server.readyUrl,
    env: server.env,
    reuseExistingServer: false,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    timeout: server.timeoutMs,
  })),
});
