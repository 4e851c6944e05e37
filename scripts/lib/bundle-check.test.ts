import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canarySecrets, findLeakedSecrets } from "./bundle-check";

function fakeBuild(files: Record<string, string>): string {
  const dist = mkdtempSync(path.join(tmpdir(), "dist-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dist, "static", name)), { recursive: true });
    writeFileSync(path.join(dist, "static", name), text);
  }
  return dist;
}

describe("findLeakedSecrets", () => {
  it("passes a clean build", () => {
    expect(findLeakedSecrets(fakeBuild({ "chunks/app.js": "console.log('hello')" }))).toEqual([]);
  });

  it("reports a secret value or a secret variable's name in client files", () => {
    const leaks = findLeakedSecrets(
      fakeBuild({ "chunks/a.js": `const s = "${canarySecrets.CLEVER_CLIENT_SECRET}"`, "chunks/b.js": "process.env.TOKEN_ENCRYPTION_KEYS" }),
    );
    expect(leaks).toEqual(["static/chunks/a.js contains a secret value", "static/chunks/b.js contains TOKEN_ENCRYPTION_KEYS"]);
  });
});
