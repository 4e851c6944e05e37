// The application icon for the app's Clever setup (SS-09): a square vector
// file, assets/listing/icon.svg, and the same drawing the listing kit renders
// as its 400 × 400 icon.png (scripts/listing-kit.ts draws it from the #icon
// group of assets/listing/brand.svg, which also holds the banner). The file is
// checked as it is, not the app: one engine is enough (a *.server.spec).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { decodeToRgb, readPngHeader, withoutAlpha } from "../lib/listing/png";
import { listingDir } from "../scripts/lib/listing-files";
import { writeListingKit } from "../scripts/listing-kit";

const iconSvg = path.join(import.meta.dirname, "..", "assets", "listing", "icon.svg");

test("[SS-09] the application icon is a square SVG file, drawn as the listing kit's square icon.png", async ({ browser }) => {
  const svg = readFileSync(iconSvg, "utf8");
  const page = await browser.newPage({ viewport: { width: 400, height: 400 }, deviceScaleFactor: 1 });

  // A well-formed SVG document, vector only (no embedded raster image).
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const root = doc.documentElement;
    return {
      wellFormed: doc.getElementsByTagName("parsererror").length === 0,
      root: `${root.namespaceURI ?? ""} ${root.localName}`,
      viewBox: root.getAttribute("viewBox"),
      width: root.getAttribute("width"),
      height: root.getAttribute("height"),
      images: root.getElementsByTagName("image").length + root.getElementsByTagName("foreignObject").length,
    };
  }, svg);
  expect(parsed).toMatchObject({ wellFormed: true, root: "http://www.w3.org/2000/svg svg", images: 0 });
  // Square: its viewBox, and the size it asks to be drawn at.
  const [, , boxWidth, boxHeight] = (parsed.viewBox ?? "").trim().split(/[\s,]+/).map(Number);
  expect(boxWidth).toBeGreaterThan(0);
  expect(boxHeight).toBe(boxWidth);
  expect(parsed.width).toBe(parsed.height);

  // Drawn by itself at 400 × 400 it fills a square...
  await page.setContent(`<style>html,body{margin:0;background:#fff}svg{display:block;width:400px;height:400px}</style>${svg}`);
  const drawn = withoutAlpha(await page.screenshot({ clip: { x: 0, y: 0, width: 400, height: 400 } }));
  await page.close();

  // ...exactly as the listing kit's icon.png, itself square.
  const reportDir = mkdtempSync(path.join(tmpdir(), "listing-icon-"));
  try {
    await writeListingKit({ reportDir, origin: "https://app.example.com", browsers: [], shotsDir: path.join(reportDir, "no-screenshots") });
    const icon = readFileSync(path.join(listingDir(reportDir), "icon.png"));
    expect(readPngHeader(icon)).toMatchObject({ width: 400, height: 400, colourType: 2 });
    expect(decodeToRgb(icon).rgb.equals(decodeToRgb(drawn).rgb), "icon.svg draws what the kit's icon.png shows").toBe(true);
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
});
