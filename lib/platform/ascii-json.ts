// Rows staged for a set-based statement as one JSON parameter, written in
// ASCII: every other character as its \u escape (PostgreSQL turns each back
// into the same UTF-8). V8 keeps an ASCII string at one byte a character,
// half what one accented name makes a whole batch cost, and Prisma keeps its
// recent statements' parameters (lib/roster/district/write.ts).

const NOT_ASCII = /[\u0080-\uffff]/g;
const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** Rows as ASCII JSON (each UTF-16 unit of a non-ASCII character escaped, surrogate pairs as pairs). */
export function asciiJson(rows: unknown[]): string {
  return JSON.stringify(rows).replace(NOT_ASCII, escape);
}
