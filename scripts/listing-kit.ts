// Builds and checks the Clever Library listing kit (LIG-M1..M6) in
// certification-report/listing/: listing.json, icon.png and banner.png drawn
// from assets/listing/brand.svg, and the screenshots the listing spec took.
// Run by `npm run certify`; alone: `npx tsx scripts/listing-kit.ts [reportDir]`
// after `e2e/listing-screenshots.server.spec.ts` has run.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";
import { chromiumLaunch } from "../e2e/support/chromium-launch";
import { engines } from "../e2e/support/report/model";
import type { ListingSummary } from "../e2e/support/report/render";
import { buildListing, devicesFrom, kitProblems, type KitFile, type Listing, type ListingScreenshot } from "../lib/listing/kit";
import { withoutAlpha } from "../lib/listing/png";
import { listingDir, listingShotsDir, listingSvg } from "./lib/listing-files";
import { playwrightRunFiles } from "./lib/run-metadata";

interface PwTest { projectName?: string; status?: string }
interface PwSuite { specs?: { tests?: PwTest[] }[]; suites?: PwSuite[] }

/** Passed and failed tests per browser, from a Playwright JSON report. */
export function browserTotals(results: { suites?: PwSuite[] }): { browser: string; passed: number; failed: number }[] {
  const totals = new Map<string, { passed: number; failed: number }>();
  const walk = (suite: PwSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const entry = totals.get(t.projectName ?? "") ?? { passed: 0, failed: 0 };
        if (t.status === "expected" || t.status === "flaky") entry.passed++;
        else if (t.status === "unexpected") entry.failed++;
        totals.set(t.projectName ?? "", entry);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of results.suites ?? []) walk(suite);
  return engines.filter((e) => e.cleverBrowser).map((e) => ({ browser: e.browser, ...(totals.get(e.id) ?? { passed: 0, failed: 0 }) }));
}

async function renderArt(): Promise<{ icon: Buffer; banner: Buffer }> {
  const svg = readFileSync(listingSvg, "utf8");
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const draw = async (show: "icon" | "banner", width: number, height: number) => {
      await page.setViewportSize({ width, height });
      const hide = show === "icon" ? "banner" : "icon";
      await page.setContent(`<style>html,body{margin:0;background:#fff}#${hide}{display:none}</style>${svg}`);
      return withoutAlpha(await page.screenshot({ clip: { x: 0, y: 0, width, height } }));
    };
    return { icon: await draw("icon", 400, 400), banner: await draw("banner", 400, 240) };
  } finally {
    await browser.close();
  }
}

/** Writes the kit and returns every broken rule (empty: ready to upload). */
export async function writeListingKit(options: {
  reportDir: string;
  origin: string;
  browsers: { browser: string; passed: number; failed: number }[];
  /** Where the listing spec saved its screenshots (tests point elsewhere). */
  shotsDir?: string;
}): Promise<string[]> {
  const shotsDir = options.shotsDir ?? listingShotsDir;
  const out = listingDir(options.reportDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const files: KitFile[] = [];
  const { icon, banner } = await renderArt();
  files.push({ name: "icon.png", bytes: icon }, { name: "banner.png", bytes: banner });
  const shotsFile = path.join(shotsDir, "screenshots.json");
  const shots: ListingScreenshot[] = existsSync(shotsFile) ? (JSON.parse(readFileSync(shotsFile, "utf8")) as ListingScreenshot[]) : [];
  for (const shot of shots) files.push({ name: shot.file, bytes: withoutAlpha(readFileSync(path.join(shotsDir, shot.file))) });
  const listing = buildListing({ origin: options.origin, devices: devicesFrom(options.browsers), screenshots: shots });
  for (const f of files) writeFileSync(path.join(out, f.name), f.bytes);
  writeFileSync(path.join(out, "listing.json"), `${JSON.stringify(listing, null, 2)}\n`);
  const problems = kitProblems(listing, files);
  writeFileSync(path.join(out, "problems.txt"), problems.length ? `${problems.join("\n")}\n` : "none\n");
  return problems;
}

/** The kit's images and problems, for the report's thumbnails. */
export function listingSummary(reportDir: string, problems: string[]): ListingSummary {
  const out = listingDir(reportDir);
  const listingFile = path.join(out, "listing.json");
  const shots = existsSync(listingFile) ? (JSON.parse(readFileSync(listingFile, "utf8")) as Listing).screenshots : [];
  const captions = new Map<string, string>([["icon.png", "App icon"], ["banner.png", "Feature banner"], ...shots.map((s): [string, string] => [s.file, s.description])]);
  const images = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith(".png")).sort() : [];
  return { images: images.map((file) => ({ file, caption: captions.get(file) ?? file })), problems };
}

/** The deployment's public origin, for the listing's URLs: AUTH_URL when
 * pinned, else the primary redirect URI's. */
export function listingOrigin(environment: NodeJS.ProcessEnv = process.env): string {
  const primary = environment.CLEVER_REDIRECT_URIS?.split(",")[0]?.trim();
  return environment.AUTH_URL ?? (primary ? new URL(primary).origin : "http://localhost:3000");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = path.resolve(import.meta.dirname, "..");
  const reportDir = path.resolve(process.argv[2] ?? path.join(root, "certification-report"));
  const resultsFile = path.join(root, playwrightRunFiles().results);
  const results = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, "utf8")) as { suites?: PwSuite[] }) : {};
  writeListingKit({ reportDir, origin: listingOrigin(), browsers: browserTotals(results) })
    .then((problems) => {
      console.log(`Listing kit: ${path.relative(process.cwd(), listingDir(reportDir))}`);
      if (problems.length) console.log(`  INCOMPLETE:\n${problems.map((p) => `    - ${p}`).join("\n")}`);
      process.exit(problems.length ? 1 : 0);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    });
}
