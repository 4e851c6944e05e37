// One page of a Clever list, read a record at a time: a district-app page
// holds up to 10,000 records (15 MB of student JSON, more for sections with
// their rosters), and parsed whole, then validated into a second copy, it is
// the largest thing a sync worker holds (several hundred MB of objects at
// once). Here the page's bytes are split into the entries of its `data` list
// (./json-split.ts) and each entry is parsed by `JSON.parse`, validated and
// handed on a batch at a time, then dropped, so a worker holds the raw bytes
// and one batch of records, whatever the page's size. Everything outside
// `data` (its `links`, the envelope) is parsed as the page with an empty
// list: the page as a whole is valid JSON or it fails.
//
// The rules are the whole-page envelope's (schemas.ts listEnvelope): the
// body is an object with a `data` array, each entry is checked on its own
// (listEntry: a record with an unusable ID is skipped by position, any other
// broken record fails the page), `links` are checked when present.
import { z } from "zod";
import { splitDataList } from "./json-split";
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

const envelopeSchema = z.looseObject({ data: z.array(z.never()), links: z.array(cleverLinkSchema).optional() });

/** JSON.parse, failing the page as unreadable. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ListPageError("the page is unreadable: it is not valid JSON");
  }
}

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
  // TextDecoder drops a BOM and replaces invalid UTF-8, like Response.text().
  const decoder = new TextDecoder();
  const split = splitDataList(body);
  if (split === null) throw new ListPageError("the page is unreadable: it is not valid JSON");
  // The envelope first (no record is written from a page whose envelope is broken).
  const envelope = parsed(split.envelope.map((part) => decoder.decode(part)).join(""));
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope) || !("data" in envelope)) {
    throw new ListPageError("the page has no data list");
  }
  if (!Array.isArray(envelope.data)) throw new ListPageError("the page is unreadable: its data is not a list");
  const checked = envelopeSchema.safeParse(envelope);
  if (!checked.success) throw new ListPageError("the page's links do not match their schema");

  let batch: z.infer<T>[] = [];
  const skipped: number[] = [];
  let last: string | null = null;
  let position = 0;
  for (const bytes of split.entries()) {
    const entry = entryOf(parsed(decoder.decode(bytes)));
    if ("record" in entry) {
      batch.push(entry.record);
      last = (entry.record as { id: string }).id;
    } else if ("skipped" in entry) skipped.push(position);
    else {
      const at = position;
      throw new ListPageError(
        "the page does not match its schema",
        entry.issues.slice(0, 10).map((issue) => `data.${[at, ...issue.path.map(String)].join(".")}: ${issue.message}`),
      );
    }
    position += 1;
    if (batch.length >= size) {
      const ready = batch;
      batch = [];
      await write(ready);
    }
  }
  if (batch.length > 0) await write(batch);
  return { last, more: last !== null && (checked.data.links ?? []).some((link) => link.rel === "next"), skipped };
}
