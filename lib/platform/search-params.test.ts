import { describe, expect, test } from "vitest";
import { SEARCH_TEXT_MAX, searchChoice, searchParam, searchText } from "./search-params";

describe("search parameters", () => {
  test("absent is undefined, empty is \"\", repeated gives the first value", () => {
    const params = { q: "", sort: ["first", "last"], page: "2" };
    expect(searchParam(params, "grade")).toBeUndefined();
    expect(searchParam(params, "q")).toBe("");
    expect(searchParam(params, "sort")).toBe("first");
    expect(searchParam(params, "page")).toBe("2");
    expect(searchParam({ tags: [] }, "tags")).toBeUndefined();
  });

  test("a URL's parameters read the same way", () => {
    const url = new URL("https://app.example/x?q=&sort=first&sort=last");
    expect(searchParam(url.searchParams, "grade")).toBeUndefined();
    expect(searchParam(url.searchParams, "q")).toBe("");
    expect(searchParam(url.searchParams, "sort")).toBe("first");
  });

  test("search text: \"\" when absent, cut to the maximum", () => {
    expect(searchText({}, "q")).toBe("");
    expect(searchText({ q: ["  Ada ", "x"] }, "q")).toBe("  Ada ");
    expect(searchText({ q: "a".repeat(500) }, "q")).toHaveLength(SEARCH_TEXT_MAX);
    expect(searchText(new URLSearchParams({ q: "b".repeat(500) }), "q")).toHaveLength(SEARCH_TEXT_MAX);
  });

  test("a choice: one of the allowed values, otherwise the fallback (absent, empty, unknown, inherited names)", () => {
    const sorts = ["last", "first", "grade"] as const;
    expect(searchChoice({ sort: "first" }, "sort", sorts, "last")).toBe("first");
    expect(searchChoice({ sort: ["grade", "first"] }, "sort", sorts, "last")).toBe("grade");
    for (const params of [{}, { sort: "" }, { sort: "FIRST" }, { sort: "constructor" }, { sort: "toString" }]) {
      expect(searchChoice(params, "sort", sorts, "last")).toBe("last");
    }
  });
});
