import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./redirects";

describe("safeCallbackPath", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/classes?x=1#y")).toBe("/classes?x=1#y");
    expect(safeCallbackPath("/dashboard")).toBe("/dashboard");
  });

  it("refuses anything that leaves the site", () => {
    for (const value of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, undefined, "evil"]) {
      expect(safeCallbackPath(value)).toBeUndefined();
    }
  });
});
