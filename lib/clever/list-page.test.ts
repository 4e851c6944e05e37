import { describe, expect, test } from "vitest";
import { ListPageError, readListPage } from "./list-page";
import { cleverSectionSchema, cleverStudentSchema, listEnvelope } from "./schemas";

const id = (n: number) => n.toString(16).padStart(24, "0");
const student = (n: number, first = `Student ${n}`) => ({ data: { id: id(n), name: { first, last: "Núñez" }, district: id(0) }, uri: `/v2.0/students/${id(n)}` });
const page = (entries: unknown[], links: unknown[] = [{ rel: "self", uri: "/v2.0/students" }]) => Buffer.from(JSON.stringify({ data: entries, links }));

/** Reads `body` and returns the batches it was written in. */
async function batchesOf(body: Uint8Array, size: number) {
  const batches: string[][] = [];
  const end = await readListPage(body, cleverStudentSchema, size, async (records) => {
    batches.push(records.map((r) => r.id));
  });
  return { batches, end };
}

describe("a roster page parsed as it is written", () => {
  test("records come in order, in batches of the size asked, each awaited before the next", async () => {
    const body = page(Array.from({ length: 2_500 }, (_, i) => student(i + 1)), [{ rel: "next", uri: "/v2.0/students?starting_after=x" }]);
    let writing = false;
    const sizes: number[] = [];
    const seen: string[] = [];
    const end = await readListPage(body, cleverStudentSchema, 1_000, async (records) => {
      expect(writing).toBe(false);
      writing = true;
      await new Promise((resolve) => setTimeout(resolve, 1));
      sizes.push(records.length);
      seen.push(...records.map((r) => r.id));
      writing = false;
    });
    expect(sizes.every((n) => n <= 1_000)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2_500);
    expect(seen).toEqual(Array.from({ length: 2_500 }, (_, i) => id(i + 1)));
    expect(end).toEqual({ last: id(2_500), more: true, skipped: [] });
  });

  test("the same records, links and skipped positions as the whole-page envelope", async () => {
    const entries = [student(1), { data: { id: "../../etc", name: { first: "x", last: "y" } } }, student(2), { data: { id: "x".repeat(2_000) } }, student(3)];
    const whole = listEnvelope(cleverStudentSchema).parse({ data: entries, links: [] });
    const { batches, end } = await batchesOf(page(entries, []), 2);
    expect(batches.flat()).toEqual(whole.records.map((r) => r.id));
    expect(end.skipped).toEqual(whole.skipped);
    expect(end).toMatchObject({ last: id(3), more: false });
  });

  test("an empty page: no write, no last ID, no next page", async () => {
    const { batches, end } = await batchesOf(page([], [{ rel: "next", uri: "/x" }]), 10);
    expect(batches).toEqual([]);
    expect(end).toEqual({ last: null, more: false, skipped: [] });
  });

  test("UTF-8 split across slices, a BOM, NFD and right-to-left names arrive byte-exact", async () => {
    const nfd = "Jose\u0301 😀";
    const rtl = "مريم";
    // Enough records that the 256 KB slices cut through multi-byte characters.
    const entries = Array.from({ length: 4_000 }, (_, i) => student(i + 1, i % 2 === 0 ? nfd : rtl));
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), page(entries)]);
    const names: string[] = [];
    await readListPage(body, cleverStudentSchema, 500, async (records) => {
      names.push(...records.map((r) => r.name?.first ?? ""));
    });
    expect(names).toHaveLength(4_000);
    expect(names.every((name, i) => name === (i % 2 === 0 ? nfd : rtl))).toBe(true);
  });

  test("a broken record fails the page, and nothing after it is written", async () => {
    const entries = [...Array.from({ length: 1_500 }, (_, i) => student(i + 1)), { data: { id: id(9_999), name: "not an object" } }, student(10_000)];
    const written: string[] = [];
    const error = await readListPage(page(entries), cleverStudentSchema, 100, async (records) => {
      written.push(...records.map((r) => r.id));
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListPageError);
    expect((error as ListPageError).issues.join(" ")).toContain("data.1500.data.name");
    expect(written).not.toContain(id(10_000));
    expect(written).not.toContain(id(9_999));
  });

  test.each([
    ["invalid JSON", Buffer.from('{"data": [{"data": {"id": "0000000000000000000000a1"}')],
    ["a truncated body", page([student(1)]).subarray(0, 40)],
    ["no data list", Buffer.from('{"links": []}')],
    ["data that is not a list", Buffer.from('{"data": {"0": {"data": {"id": "0000000000000000000000a1"}}}}')],
    ["a top-level list", Buffer.from('[{"data": {"id": "0000000000000000000000a1"}}]')],
    ["links that are not links", Buffer.from('{"data": [], "links": [{"rel": 5}]}')],
    ["trailing garbage", Buffer.from('{"data": []} {"data": []}')],
  ])("%s fails the page", async (_, body) => {
    await expect(readListPage(body, cleverSectionSchema, 10, async () => undefined)).rejects.toBeInstanceOf(ListPageError);
  });

  test("[security] a __proto__ key stays an own property: it changes no record's prototype", async () => {
    const body = Buffer.from(`{"data": [{"data": {"id": "${id(1)}", "__proto__": {"polluted": true}, "name": {"first": "A", "last": "B"}}}]}`);
    const records: object[] = [];
    await readListPage(body, cleverStudentSchema, 10, async (batch) => {
      records.push(...batch);
    });
    expect(Object.getPrototypeOf(records[0])).toBe(Object.prototype);
    expect((records[0] as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
