import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, newReference } from "./log";

describe("log", () => {
  it("makes short, unambiguous support references", () => {
    const references = new Set(Array.from({ length: 200 }, () => newReference()));
    expect(references.size).toBe(200);
    for (const reference of references) expect(reference).toMatch(/^ERR-[2-9A-HJ-NP-Z]{6}$/);
  });

  it("redacts tokens, codes and secrets wherever they appear", () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    createLogger(sink).info(
      { access_token: "tok-123", request: { code: "abc-code", nested: { client_secret: "s3cret" } }, userId: "u1" },
      "token exchange",
    );
    const text = lines.join("");
    expect(text).not.toMatch(/tok-123|abc-code|s3cret/);
    expect(text.match(/\[redacted\]/g)).toHaveLength(3);
    expect(text).toContain('"userId":"u1"');
  });
});
