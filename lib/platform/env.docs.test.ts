// The configuration is documented where a newcomer looks: every setting the
// app reads is in docs/configuration.md's Variables table and in
// .env.example, and nothing in either is a setting nothing reads.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema } from "./env";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** Read by something other than lib/platform/env.ts, each named with its reader. */
const READ_ELSEWHERE: Record<string, string> = {
  DIRECT_URL: "prisma.config.ts (migrations)",
};
/** Set by the platform, never by an operator: documented, not in .env.example. */
const PLATFORM = ["VERCEL"];

const DOC = "docs/configuration.md";
const SECTION = "## Variables";
const HEADER = "| variable | required | meaning |";

/** The names in the first column of the Variables table (one or two a row). */
function documentedSettings(): string[] {
  const doc = read(DOC);
  const start = doc.indexOf(SECTION);
  if (start === -1) throw new Error(`${DOC} has no "${SECTION}" section`);
  const next = doc.indexOf("\n## ", start + 1);
  const section = doc.slice(start, next === -1 ? undefined : next);
  if (!section.includes(HEADER)) throw new Error(`${DOC}'s "${SECTION}" section has no table headed "${HEADER}"`);
  return [...section.matchAll(/^\| `([A-Z0-9_]+)`(?:, `([A-Z0-9_]+)`)?/gm)].flatMap((match) => [match[1], match[2]].filter((name): name is string => name !== undefined));
}

/** The names .env.example sets or shows commented out (`# NAME=`). */
function exampleSettings(): string[] {
  return [...read(".env.example").matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1] ?? "");
}

describe("configuration docs", () => {
  const schema = Object.keys(envSchema.shape);

  it("every setting lib/platform/env.ts reads is in docs/configuration.md's Variables table, once", () => {
    const documented = documentedSettings();
    expect(documented.filter((name, index) => documented.indexOf(name) !== index)).toEqual([]);
    expect(schema.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it("every setting an operator gives lib/platform/env.ts is in .env.example", () => {
    const example = exampleSettings();
    expect(schema.filter((name) => !example.includes(name) && !PLATFORM.includes(name))).toEqual([]);
  });

  it("docs/configuration.md and .env.example name only settings something reads", () => {
    const known = new Set([...schema, ...Object.keys(READ_ELSEWHERE)]);
    const example = exampleSettings();
    expect(documentedSettings().filter((name) => !known.has(name))).toEqual([]);
    expect(example.filter((name) => !known.has(name))).toEqual([]);
    for (const [name, reader] of Object.entries(READ_ELSEWHERE)) expect(read(reader.split(" ")[0] ?? ""), `${name} in ${reader}`).toContain(name);
  });
});
