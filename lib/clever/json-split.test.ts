import { describe, expect, test } from "vitest";
import { splitDataList } from "./json-split";

const decoder = new TextDecoder();
/** The entries as parsed values and the envelope as parsed JSON, or null. */
function split(text: string | Uint8Array) {
  const page = splitDataList(typeof text === "string" ? Buffer.from(text) : text);
  if (page === null) return null;
  return { entries: [...page.entries()].map((bytes) => decoder.decode(bytes).trim()), envelope: page.envelope.map((part) => decoder.decode(part)).join("") };
}

describe("a page's data entries found by their bytes", () => {
  test("strings holding quotes, backslashes, brackets and commas do not split an entry", () => {
    const entries = [{ a: 'say "hi", [then] {go}' }, { b: "ends in a backslash \\" }, { c: "\\\"" }, ["x", ["y"]], "data", 5];
    const result = split(JSON.stringify({ links: [{ rel: "next" }], data: entries, uri: "/x" }));
    expect(result?.entries.map((entry) => JSON.parse(entry) as unknown)).toEqual(entries);
    expect(JSON.parse(result?.envelope ?? "")).toEqual({ links: [{ rel: "next" }], data: [], uri: "/x" });
  });

  test("only the outer object's data key is split: nested ones, values named data and other keys stay whole", () => {
    const text = '{"x": "data", "meta": {"data": [1, 2]}, "d\\u0061ta": [{"data": [3]}, {"data": 4}]}';
    const result = split(text);
    expect(result?.entries).toEqual(['{"data": [3]}', '{"data": 4}']);
    expect(JSON.parse(result?.envelope ?? "")).toEqual({ x: "data", meta: { data: [1, 2] }, data: [] });
  });

  test("an empty list has no entries; a list with an empty place has an empty entry (JSON.parse then refuses it)", () => {
    expect(split('{"data": [ ]}')?.entries).toEqual([]);
    expect(split('{"data": [1,]}')?.entries).toEqual(["1", ""]);
    expect(split('{"data": [,1]}')?.entries).toEqual(["", "1"]);
  });

  test("a BOM at the start is left out; multi-byte characters pass untouched", () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"data": [{"n": "José 😀 مريم"}]}')]);
    const result = split(body);
    expect(result?.envelope).toBe('{"data": []}');
    expect(JSON.parse(result?.entries[0] ?? "")).toEqual({ n: "José 😀 مريم" });
  });

  test.each([
    ["an unterminated string", '{"data": ["abc]}'],
    ["an unclosed list", '{"data": [1, 2'],
    ["mismatched brackets", '{"data": [1, 2}]'],
    ["a stray closer", '{"data": []}]'],
  ])("%s: no split", (_, text) => {
    expect(split(text)).toBeNull();
  });
});
