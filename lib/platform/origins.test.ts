import { describe, expect, it } from "vitest";
import { originAllowed, originPattern } from "./origins";

const team = ["https://*-team.vercel.app", "https://classroom.example.com"];

describe("lib/platform/origins", () => {
  it("[security] a preview origin is allowed only by a pattern that names it", () => {
    expect(originAllowed("https://app-git-fix-team.vercel.app", team)).toBe(true);
    expect(originAllowed("https://classroom.example.com", team)).toBe(true);
    for (const origin of [
      "https://evil.example",
      "https://evil.example/-team.vercel.app",
      "https://a.b-team.vercel.app",
      "https://-team.vercel.app",
      "http://app-git-fix-team.vercel.app",
      "https://app-git-fix-team.vercel.app:8443",
      "https://app-git-fix-team.vercel.app.evil.example",
      "https://user@app-git-fix-team.vercel.app",
      "https://classroom.example.com.evil.example",
      "not a url",
    ]) {
      expect(originAllowed(origin, team), origin).toBe(false);
    }
  });

  it("[security] patterns that would allow everyone are not patterns", () => {
    for (const pattern of ["*", "https://*", "https://*.app", "https://*.", "https://evil.example/path", "https://a.*.example.com", "ftp://x.example.com", "https://.example.com"]) {
      expect(originPattern(pattern), pattern).toBeUndefined();
    }
    expect(originPattern("https://*.preview.example.com")).toMatchObject({ wildcard: true, host: ".preview.example.com" });
    expect(originPattern("http://localhost:3000")).toMatchObject({ wildcard: false, host: "localhost", port: "3000" });
  });
});
