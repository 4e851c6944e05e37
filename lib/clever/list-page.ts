// One page of a Clever list, parsed as a stream: a district-app page holds up
// to 10,000 records (15 MB of student JSON, more for sections with their
// rosters), and parsed whole, then validated into a second copy, it is the
// largest thing a sync worker holds (several hundred MB of objects at once).
// Here the page's bytes are tokenized a slice at a time and each entry of
// `data` is validated and handed on as soon as it is complete, then dropped
// (@streamparser/json with keepStack off), so a worker holds the raw bytes
// and one batch of records, whatever the page's size.
//
// The rules are the whole-page envelope's (schemas.ts listEnvelope): the
// body is an object with a `data` array, each entry is checked on its own
// (listEntry: a record with an unusable ID is skipped by position, any other
// broken record fails the page), `links` are checked when present.
import { JSONParser } from "@streamparser/json";
import { z } from "zod";
import { cleverLinkSchema, listEntry } from "./schemas";

/** Where the list goes on after a page: its last record's ID, and whether Clever links a next page. */
export interface PageEnd {
  last: string | null;
  more: boolean;
  /** Positions of entries left out for an unusable ID. */
  skipped: number[];
}

/** Why a page could not be read: invalid JSON, or entries that break the schema (their paths and messages, no values). */
export class ListPageError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
    this.name = "ListPageError";
  }
}

/** Bytes tokenized per step: small against a page, large enough that the tokenizer's per-call cost vanishes. */
const SLICE_BYTES = 256 * 1024;

const linksSchema = z.array(cleverLinkSchema);

/** Parses `body` (a list page) and calls `write` with its records, `size` at
 * a time, in order, awaiting each before reading on; then says where the list
 * goes on. Throws ListPageError (nothing after the bad entry is written: the
 * caller's transaction undoes what was). */
export async function readListPage<T extends z.ZodType>(
  body: Uint8Array,
  item: T,
  size: number,
  write: (records: z.infer<T>[]) => Promise<void>,
): Promise<PageEnd> {
  const entryOf = listEntry(item);
  const parser = new JSONParser({ paths: ["$.data.*", "$.data", "$.links"], keepStack: false });
  let batch: z.infer<T>[] = [];
  const skipped: number[] = [];
  const issues: string[] = [];
  let sawData = false;
  let links: unknown;
  let last: string | null = null;
  let problem: string | null = null;

  parser.onValue = ({ value, key, parent, stack }) => {
    if (problem !== null || issues.length > 0) return;
    if (stack.length === 2 && Array.isArray(parent) && typeof key === "number") {
      const entry = entryOf(value);
      if ("record" in entry) {
        batch.push(entry.record);
        last = (entry.record as { id: string }).id;
      } else if ("skipped" in entry) skipped.push(key);
      else for (const issue of entry.issues.slice(0, 10)) issues.push(`data.${[key, ...issue.path.map(String)].join(".")}: ${issue.message}`);
    } else if (stack.length === 1 && key === "data") {
      if (Array.isArray(value)) sawData = true;
      else problem = "its data is not a list";
    } else if (stack.length === 1 && key === "links") links = value;
  };
  parser.onError = (error) => {
    problem ??= error instanceof Error ? "it is not valid JSON" : "it could not be read";
  };

  // TextDecoder drops a BOM and replaces invalid UTF-8, like Response.text();
  // `stream` keeps a character split across two slices whole.
  const decoder = new TextDecoder();
  for (let start = 0; start < body.byteLength; start += SLICE_BYTES) {
    parser.write(decoder.decode(body.subarray(start, start + SLICE_BYTES), { stream: true }));
    if (problem !== null) throw new ListPageError(`the page is unreadable: ${problem}`);
    if (issues.length > 0) throw new ListPageError("the page does not match its schema", issues);
    while (batch.length >= size) {
      const ready = batch.slice(0, size);
      batch = batch.slice(size);
      await write(ready);
    }
  }
  const tail = decoder.decode();
  if (tail.length > 0) parser.write(tail);
  if (!parser.isEnded) parser.end();
  if (problem !== null) throw new ListPageError(`the page is unreadable: ${problem}`);
  if (issues.length > 0) throw new ListPageError("the page does not match its schema", issues);
  if (!sawData) throw new ListPageError("the page has no data list");
  let linkList: z.infer<typeof linksSchema> = [];
  if (links !== undefined) {
    const parsed = linksSchema.safeParse(links);
    if (!parsed.success) throw new ListPageError("the page's links do not match their schema");
    linkList = parsed.data;
  }
  if (batch.length > 0) await write(batch);
  return { last, more: last !== null && linkList.some((link) => link.rel === "next"), skipped };
}
