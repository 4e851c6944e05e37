import { describe, expect, test } from "vitest";
import { returnPath, safeCallbackPath } from "./redirects";

// What a browser does with a Location header: resolve it against the page.
const origin = "https://app.example";
const resolvedOrigin = (path: string) => new URL(path, `${origin}/some/page`).origin;

/** Every answer must be "/" or "/" then neither "/" nor "\": never protocol-relative. */
function expectSameOriginPath(result: string | undefined) {
  if (result === undefined) return;
  expect(result).toMatch(/^\/(?:$|[^/\\])/);
  expect(resolvedOrigin(result)).toBe(origin);
}

describe("safeCallbackPath", () => {
  test("keeps paths on this site, with their query and hash", () => {
    expect(safeCallbackPath("/classes?x=1#y")).toBe("/classes?x=1#y");
    expect(safeCallbackPath("/dashboard?x=1#y")).toBe("/dashboard?x=1#y");
    expect(safeCallbackPath("/dashboard")).toBe("/dashboard");
    expect(safeCallbackPath("/")).toBe("/");
    // A query or hash may hold anything: it is not part of the path.
    expect(safeCallbackPath("/dashboard?next=//evil.com#//evil.com")).toBe("/dashboard?next=//evil.com#//evil.com");
  });

  test("keeps unicode paths (percent-encoded, as a browser sends them)", () => {
    expect(safeCallbackPath("/classes/é?q=ü#ñ")).toBe("/classes/%C3%A9?q=%C3%BC#%C3%B1");
    expect(safeCallbackPath("/classes/%C3%A9")).toBe("/classes/%C3%A9");
    expect(safeCallbackPath("/日本語/クラス")).toBe("/%E6%97%A5%E6%9C%AC%E8%AA%9E/%E3%82%AF%E3%83%A9%E3%82%B9");
  });

  test("resolves harmless dot segments inside the site", () => {
    expect(safeCallbackPath("/a/./b/../c?x=1")).toBe("/a/c?x=1");
    expect(safeCallbackPath("/..")).toBe("/");
    expect(safeCallbackPath("/./dashboard")).toBe("/dashboard");
  });

  test("refuses anything that leaves the site", () => {
    for (const value of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, undefined, "evil"]) {
      expect(safeCallbackPath(value)).toBeUndefined();
    }
  });

  test("[security] dot segments never turn a path into another origin", () => {
    for (const value of [
      "/.//evil.com",
      "/..//evil.com",
      "/a/../..//evil.com",
      "/a/..//evil.com",
      "/%2e%2e//evil.com",
      "/%2e//evil.com",
      "/.%2e//evil.com",
      "/./\\evil.com",
      "/.\\/evil.com",
      "/..\\\\evil.com",
      "/.//",
    ]) {
      const result = safeCallbackPath(value);
      expectSameOriginPath(result);
      expect(result, value).toBeUndefined();
    }
  });

  test("[security] backslashes, tabs and newlines (which URL parsers drop or turn into /) never make a protocol-relative path", () => {
    for (const value of ["/\\evil.com", "/\\/evil.com", "/\t/evil.com", "/\n/evil.com", "/\r\n/evil.com", "/\t\\evil.com"]) {
      const result = safeCallbackPath(value);
      expectSameOriginPath(result);
      expect(result, JSON.stringify(value)).toBeUndefined();
    }
  });

  test("[security] a space, or a tab dropped inside a dot segment, stays a same-origin path", () => {
    expect(safeCallbackPath("/ /evil.com")).toBe("/%20/evil.com");
    // "/.\t/evil.com" is read as "/./evil.com", which is "/evil.com" here.
    expect(safeCallbackPath("/.\t/evil.com")).toBe("/evil.com");
  });

  test("[security] percent-encoded slashes are refused at the start of a path, so no later decoding can make them protocol-relative", () => {
    // To URL parsing "%2F" is not a separator, so "/%2F%2Fevil.com" is a
    // same-origin path; but a path that decodes to "//evil.com" is one
    // careless decodeURIComponent away from an open redirect, and no page of
    // this app starts with an encoded slash.
    for (const value of ["/%2F%2Fevil.com", "/%2f/evil.com", "/%5C%5Cevil.com", "/%5c/evil.com", "/%252F%252Fevil.com", "/%09/evil.com", "/.%2F/evil.com", "/./%2F/evil.com"]) {
      const result = safeCallbackPath(value);
      expectSameOriginPath(result);
      expect(result, value).toBeUndefined();
    }
    // Further in, an encoded slash is just part of a same-origin path.
    expect(safeCallbackPath("/files/a%2Fb")).toBe("/files/a%2Fb");
  });

  test("[security] lookalike slashes are percent-encoded, never read as separators", () => {
    for (const value of ["/／/evil.com", "/∕∕evil.com", "/⁄⁄evil.com"]) {
      const result = safeCallbackPath(value);
      expect(result).toBeDefined();
      expectSameOriginPath(result);
    }
  });

  test("[security] schemes and absolute URLs are refused, however they are spelled", () => {
    for (const value of ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "https://evil.com", "HTTPS://evil.com", "\thttps://evil.com", " /evil", "data:text/html,hi", "http:/evil.com", "http:evil.com"]) {
      const result = safeCallbackPath(value);
      expectSameOriginPath(result);
      expect(result, JSON.stringify(value)).toBeUndefined();
    }
    // A colon further in is a path, not a scheme.
    expect(safeCallbackPath("/javascript:alert(1)")).toBe("/javascript:alert(1)");
  });

  test("[security] whatever comes in, what comes out is a same-origin path", () => {
    const pieces = ["/", "\\", ".", "..", "%2e", "%2F", "%5C", "\t", "\n", " ", "evil.com", "?", "#", "@", ":", "%"];
    // Every string of up to four pieces after a leading "/": 16^4 + … inputs.
    const inputs: string[] = ["/"];
    let layer = ["/"];
    for (let length = 1; length <= 4; length += 1) {
      layer = layer.flatMap((prefix) => pieces.map((piece) => prefix + piece));
      inputs.push(...layer);
    }
    for (const value of inputs) expectSameOriginPath(safeCallbackPath(value));
  });
});

describe("returnPath", () => {
  test("[LIB-R06] keeps the page's path and query, from a page's search params or the browser's", () => {
    expect(returnPath("/dashboard", { as: "teacher" })).toBe("/dashboard?as=teacher");
    expect(returnPath("/classes", { subject: "Math", grade: ["3", "4"], empty: undefined })).toBe("/classes?subject=Math&grade=3&grade=4");
    expect(returnPath("/classes", new URLSearchParams("subject=Science+%26+Art"))).toBe("/classes?subject=Science+%26+Art");
    expect(returnPath("/classes")).toBe("/classes");
  });
  test("[LIB-R06] still never an open redirect: another origin falls back to the dashboard", () => {
    expect(returnPath("//evil.example", { as: "teacher" })).toBe("/dashboard");
    expect(returnPath("/\\evil.example")).toBe("/dashboard");
    expect(returnPath("https://evil.example/x")).toBe("/dashboard");
  });
});
