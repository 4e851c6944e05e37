import { describe, expect, test } from "vitest";
import { fakeFetch } from "@/tests/support/fake-fetch";
import { CleverApiError, createCleverClient } from "./client";


const client = (tokenKind: "user" | "district", fetchFn: typeof fetch) =>
  createCleverClient({ token: "secret-token", tokenKind, baseUrl: "https://api.clever.test", fetch: fetchFn, retry: { baseDelayMs: 1, maxDelayMs: 2 } });

const item = (id: string) => ({ data: { id }, uri: `/v2.0/students/${id}` });

describe("Clever client", () => {
  test("district tokens ask for the largest page and follow every next link (SYNC-03)", async () => {
    const { fn, urls } = fakeFetch((url) =>
      url.searchParams.get("starting_after") === null
        ? { body: { data: [item("a"), item("b")], links: [{ rel: "self", uri: url.pathname }, { rel: "next", uri: `${url.pathname}?limit=2&starting_after=b` }] } }
        : url.searchParams.get("starting_after") === "b"
          ? { body: { data: [item("c")], links: [{ rel: "next", uri: `${url.pathname}?limit=2&starting_after=c` }] } }
          : { body: { data: [], links: [] } },
    );
    const students = await client("district", fn).sectionStudents("s1");
    expect(students.map((s) => s.id)).toEqual(["a", "b", "c"]);
    expect(urls[0]?.searchParams.get("limit")).toBe("10000");
    expect(urls).toHaveLength(3);
  });

  test("user tokens never send paging parameters", async () => {
    const { fn, urls } = fakeFetch(() => ({ body: { data: [item("a")], links: [{ rel: "self", uri: "/x" }] } }));
    await client("user", fn).teacherSections("t1");
    expect([...(urls[0]?.searchParams.keys() ?? [])]).toEqual([]);
    expect(urls[0]?.pathname).toBe("/v2.0/teachers/t1/sections");
  });

  test("maps statuses to error codes and retries only transient ones", async () => {
    for (const [status, code, calls] of [
      [401, "unauthorized", 1],
      [403, "forbidden", 1],
      [404, "not_found", 1],
      [500, "server_error", 5],
      [429, "rate_limited", 5],
    ] as const) {
      const { fn, urls } = fakeFetch(() => ({ status, body: { error: "x" } }));
      const error = await client("user", fn).teacher("t1").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CleverApiError);
      expect(error).toMatchObject({ code, status });
      expect(urls).toHaveLength(calls);
    }
  });

  test("a body that is not JSON, or not Clever's schema, is a malformed_response naming the problem", async () => {
    const broken = fakeFetch(() => ({ body: '{"data": {"id": "t1"' }));
    await expect(client("user", broken.fn).teacher("t1")).rejects.toMatchObject({ code: "malformed_response" });
    const wrong = fakeFetch(() => ({ body: { data: { id: "t1", schools: "one" } } }));
    const error = await client("user", wrong.fn).teacher("t1").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "malformed_response" });
    expect(String(error)).toMatch(/data\.schools/);
    expect(String(error)).not.toContain("secret-token");
  });

  test("a next link pointing back to a page already read is refused instead of looping", async () => {
    const { fn } = fakeFetch((url) => ({ body: { data: [item("a")], links: [{ rel: "next", uri: `${url.pathname}?limit=10000` }] } }));
    await expect(client("district", fn).teacherStudents("t1")).rejects.toMatchObject({ code: "malformed_response" });
  });
});
