import { describe, expect, test } from "vitest";
import { buildListing, devicesFrom, kitProblems, type KitFile } from "./kit";
import { decodeToRgb, encodeRgbaPng, encodeRgbPng, readPngHeader, withoutAlpha } from "./png";

const rgb = (width: number, height: number, shade: number): Buffer =>
  encodeRgbPng({ width, height, rgb: Buffer.alloc(width * height * 3, shade) });

const icon = rgb(400, 400, 10);
const shot = rgb(1280, 800, 30);
const goodFiles = (): KitFile[] => [
  { name: "icon.png", bytes: icon },
  { name: "banner.png", bytes: rgb(400, 240, 20) },
  { name: "screenshot-1.png", bytes: shot },
];
const listing = () =>
  buildListing({ origin: "https://app.example.com/", devices: ["Chrome"], screenshots: [{ file: "screenshot-1.png", description: "The teacher dashboard." }] });

describe("listing kit", () => {
  test("[LIG-M1] [LIG-M5] [LIG-M6] a complete kit has no problems; its URLs come from the origin", () => {
    const l = listing();
    expect(kitProblems(l, goodFiles())).toEqual([]);
    expect(l.tagline.length).toBeLessThanOrEqual(60);
    expect(l.privacyUrl).toBe("https://app.example.com/privacy");
    expect(l.termsUrl).toBe("https://app.example.com/terms");
  });

  test("[LIG-M1] a tagline over 60 characters is reported", () => {
    expect(kitProblems({ ...listing(), tagline: "x".repeat(61) }, goodFiles())).toEqual(["tagline is 61 characters, over 60"]);
  });

  test("[LIG-M2] [LIG-M3] wrong size, an alpha channel, a non-PNG and a banner equal to the icon are reported", () => {
    const files = goodFiles();
    files[0] = { name: "icon.png", bytes: encodeRgbaPng(400, 400, Buffer.alloc(400 * 400 * 4, 255)) };
    files[1] = { name: "banner.png", bytes: rgb(400, 400, 20) };
    expect(kitProblems(listing(), files)).toEqual(["icon.png has an alpha channel (PNG colour type 6)", "banner.png is 400x400, must be 400x240"]);
    files[0] = { name: "icon.png", bytes: Buffer.from("GIF89a") };
    files[1] = { name: "banner.png", bytes: shot };
    expect(kitProblems({ ...listing(), banner: "screenshot-1.png" }, files)).toEqual([
      "icon.png is not a PNG",
      "screenshot-1.png is 1280x800, must be 400x240",
    ]);
    const same = goodFiles();
    same[1] = { name: "banner.png", bytes: icon };
    expect(kitProblems(listing(), same)).toContain("banner is the same image as the icon");
  });

  test("[LIG-M2] a file over 10 MB is reported", () => {
    const files = goodFiles();
    files[0] = { name: "icon.png", bytes: Buffer.concat([icon, Buffer.alloc(10 * 1024 * 1024)]) };
    expect(kitProblems(listing(), files)).toEqual([expect.stringMatching(/^icon\.png is \d+ bytes, over 10 MB$/)]);
  });

  test("[LIG-M4] screenshots: 1 to 5, at least 1200x800, each with a description", () => {
    const small = [...goodFiles().slice(0, 2), { name: "screenshot-1.png", bytes: rgb(1199, 800, 30) }];
    expect(kitProblems(listing(), small)).toEqual(["screenshot-1.png is 1199x800, must be at least 1200x800"]);
    expect(kitProblems({ ...listing(), screenshots: [] }, goodFiles())).toEqual(["0 screenshots, must be 1 to 5"]);
    const undescribed = { ...listing(), screenshots: [{ file: "screenshot-1.png", description: " " }] };
    expect(kitProblems(undescribed, goodFiles())).toEqual(["screenshot-1.png has no description"]);
  });

  test("[LIG-M4] re-encoding drops the alpha channel and keeps the pixels (flattened on white)", () => {
    const rgba = Buffer.from([255, 0, 0, 255, 0, 0, 255, 0, 10, 20, 30, 255, 0, 0, 0, 128]);
    const png = withoutAlpha(encodeRgbaPng(2, 2, rgba));
    expect(readPngHeader(png)).toMatchObject({ width: 2, height: 2, bitDepth: 8, colourType: 2 });
    expect([...decodeToRgb(png).rgb]).toEqual([255, 0, 0, 255, 255, 255, 10, 20, 30, 127, 127, 127]);
  });

  test("[LIG-M5] devices are the engines that passed with no failure", () => {
    expect(devicesFrom([{ browser: "Chrome", passed: 3, failed: 0 }, { browser: "Safari", passed: 3, failed: 1 }, { browser: "Firefox", passed: 0, failed: 0 }])).toEqual(["Chrome"]);
    expect(kitProblems({ ...listing(), devices: [] }, goodFiles())).toEqual(["no device passed the run"]);
  });
});
