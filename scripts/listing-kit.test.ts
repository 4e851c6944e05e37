import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { Listing } from "../lib/listing/kit";
import { encodeRgbaPng, readPngHeader } from "../lib/listing/png";
import { browserTotals, writeListingKit } from "./listing-kit";

const temp = mkdtempSync(path.join(tmpdir(), "listing-kit-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const browsers = [{ browser: "Chrome", passed: 2, failed: 0 }, { browser: "Safari", passed: 1, failed: 1 }];

describe("listing kit builder", () => {
  test("[LIG-M2] [LIG-M3] [LIG-M4] [LIG-M5] [LIG-M6] writes a kit that meets every rule: icon and banner from the SVG, screenshots without alpha", async () => {
    const shots = path.join(temp, "shots");
    const reportDir = path.join(temp, "report");
    mkdirSync(shots, { recursive: true });
    writeFileSync(path.join(shots, "screenshot-1.png"), encodeRgbaPng(1280, 800, Buffer.alloc(1280 * 800 * 4, 200)));
    writeFileSync(path.join(shots, "screenshots.json"), JSON.stringify([{ file: "screenshot-1.png", description: "The teacher dashboard." }]));
    expect(await writeListingKit({ reportDir, origin: "https://app.example.com", browsers, shotsDir: shots })).toEqual([]);
    const file = (name: string) => readFileSync(path.join(reportDir, "listing", name));
    expect(readPngHeader(file("icon.png"))).toMatchObject({ width: 400, height: 400, colourType: 2 });
    expect(readPngHeader(file("banner.png"))).toMatchObject({ width: 400, height: 240, colourType: 2 });
    expect(readPngHeader(file("screenshot-1.png"))).toMatchObject({ width: 1280, height: 800, colourType: 2 });
    const listing = JSON.parse(file("listing.json").toString("utf8")) as Listing;
    expect(listing.devices).toEqual(["Chrome"]);
    expect(listing.privacyUrl).toBe("https://app.example.com/privacy");
  }, 60_000);

  test("[LIG-M4] a run without screenshots makes the kit incomplete", async () => {
    const problems = await writeListingKit({ reportDir: path.join(temp, "empty"), origin: "https://app.example.com", browsers, shotsDir: path.join(temp, "none") });
    expect(problems).toEqual(["0 screenshots, must be 1 to 5"]);
  }, 60_000);

  test("[LIG-M5] device totals come from the Playwright results, per engine", () => {
    const totals = browserTotals({ suites: [{ specs: [{ tests: [{ projectName: "chromium", status: "expected" }, { projectName: "firefox", status: "unexpected" }] }] }] });
    expect(totals.find((t) => t.browser === "Chrome")).toEqual({ browser: "Chrome", passed: 1, failed: 0 });
    expect(totals.find((t) => t.browser === "Firefox")).toEqual({ browser: "Firefox", passed: 0, failed: 1 });
  });
});
