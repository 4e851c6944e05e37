// Finds the entries of a JSON object's `data` list by their bytes, without
// parsing them: one pass that tracks only strings and brackets (a string is
// skipped by searching for its closing quote), so each entry can then go to
// `JSON.parse`, several times faster than any tokenizer written in
// JavaScript, and be dropped before the next. Nothing here decides whether
// the JSON is valid: the entries and the envelope (the page with its `data`
// lists emptied) are each parsed by `JSON.parse`, which does. Only an
// unterminated string or unbalanced brackets are caught here, as they make
// the split itself meaningless.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
/** The longest key the split reads to find `data` (escapes included). */
const KEY_BYTES = 64;

export interface SplitPage {
  /** The page with each `data` list's contents left out, in parts to decode and join. */
  envelope: Uint8Array[];
  /** The `data` lists' entries, in order, each as its bytes (a view, not a copy). */
  entries(): Generator<Uint8Array>;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The position of the quote that closes the string opened at `open`, or -1. */
function closingQuote(body: Uint8Array, open: number): number {
  let at = open + 1;
  for (;;) {
    at = body.indexOf(QUOTE, at);
    if (at < 0) return -1;
    let backslashes = 0;
    while (body[at - 1 - backslashes] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return at;
    at += 1;
  }
}

const keyDecoder = new TextDecoder();

function isDataKey(body: Uint8Array, open: number, close: number): boolean {
  if (close - open > KEY_BYTES) return false;
  try {
    return JSON.parse(keyDecoder.decode(body.subarray(open, close + 1))) === "data";
  } catch {
    return false;
  }
}

/** Splits `body`, or null when its strings or brackets do not close. A BOM
 * at its start is left out. */
export function splitDataList(body: Uint8Array): SplitPage | null {
  const start = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  const open: number[] = [];
  const envelope: Uint8Array[] = [];
  const bounds: number[] = [];
  let envelopeFrom = start;
  // Keys are read only in the outermost object; a `data` key's list is split.
  let expectKey = false;
  let keyIsData = false;
  let listNext = false;
  let inList = false;
  let listHasContent = false;
  let entryFrom = 0;
  for (let at = start; at < body.length; at += 1) {
    const byte = body[at] as number;
    if (isSpace(byte)) continue;
    const depth = open.length;
    const inOuterObject = depth === 1 && open[0] === OPEN_OBJECT;
    if (listNext) {
      listNext = false;
      if (byte === OPEN_LIST && inOuterObject) {
        open.push(byte);
        envelope.push(body.subarray(envelopeFrom, at + 1));
        inList = true;
        listHasContent = false;
        entryFrom = at + 1;
        continue;
      }
    }
    const closesList = inList && depth === 2 && byte === CLOSE_LIST;
    if (inList && !closesList) listHasContent = true;
    switch (byte) {
      case QUOTE: {
        const close = closingQuote(body, at);
        if (close < 0) return null;
        if (inOuterObject && expectKey) {
          keyIsData = isDataKey(body, at, close);
          expectKey = false;
        }
        at = close;
        break;
      }
      case OPEN_OBJECT:
      case OPEN_LIST:
        open.push(byte);
        if (depth === 0 && byte === OPEN_OBJECT) expectKey = true;
        break;
      case CLOSE_OBJECT:
      case CLOSE_LIST: {
        if (open.pop() !== (byte === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_LIST)) return null;
        if (closesList) {
          if (listHasContent) bounds.push(entryFrom, at);
          inList = false;
          envelopeFrom = at;
        }
        break;
      }
      case COMMA:
        if (inOuterObject) expectKey = true;
        else if (inList && depth === 2) {
          bounds.push(entryFrom, at);
          entryFrom = at + 1;
        }
        break;
      case COLON:
        if (inOuterObject && keyIsData) listNext = true;
        keyIsData = false;
        break;
    }
  }
  if (open.length > 0) return null;
  envelope.push(body.subarray(envelopeFrom));
  return {
    envelope,
    *entries() {
      for (let i = 0; i < bounds.length; i += 2) yield body.subarray(bounds[i], bounds[i + 1]);
    },
  };
}
