// The import boundary of eslint.config.mjs: the app (app/, components/, lib/,
// proxy.ts, instrumentation.ts) never imports the local Clever, test support
// or the browser suites. The fixtures are linted as text under a path inside
// the app, so no file on disk breaks `npm run lint`.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.mjs") });

/** The boundary's findings for `text` as if it were the file at `filePath`. */
async function boundaryErrors(filePath: string, text: string): Promise<{ rule: string | null; line: number }[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, filePath) });
  if (!result) throw new Error("ESLint returned no result");
  return result.messages
    .filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax" || m.fatal)
    .map((m) => ({ rule: m.ruleId, line: m.line }));
}

describe("ESLint keeps test support out of the app", () => {
  test("a lib/ file importing the sandbox by alias and tests/ by relative path fails lint", async () => {
    const text = ['import { a } from "@/sandbox/x";', 'import { b } from "../../tests/y";', "export const c = [a, b];", ""].join("\n");
    expect(await boundaryErrors("lib/sync/fixture.ts", text)).toEqual([
      { rule: "no-restricted-imports", line: 1 },
      { rule: "no-restricted-imports", line: 2 },
    ]);
  });

  test.each([
    ["app/(app)/dashboard/fixture.tsx", 'import type { Kind } from "@/sandbox/types";\nexport type K = Kind;\n'],
    ["components/fixture.tsx", 'export { sandbox } from "../e2e/support/clever";\n'],
    ["lib/fixture.ts", 'import { logIn } from "@/tests/support/sync-testbed";\nexport const l = logIn;\n'],
    ["lib/auth/fixture.ts", 'import { fixtures } from "../../sandbox/fixtures";\nexport const f = fixtures;\n'],
    ["proxy.ts", 'import { fixtures } from "./sandbox/fixtures";\nexport const f = fixtures;\n'],
    ["instrumentation.ts", 'import "@/e2e/support/db";\n'],
    ["lib/fixture.ts", 'export const load = () => import("@/sandbox/control-client");\n'],
  ])("%s: a boundary import fails lint", async (filePath, text) => {
    const errors = await boundaryErrors(filePath, text);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.rule).toMatch(/^no-restricted-(imports|syntax)$/);
  });

  test("the app's own imports, packages and look-alike names pass", async () => {
    const text = [
      'import { z } from "zod";',
      'import { env } from "@/lib/platform/env";',
      'import type { SyncDeps } from "./deps";',
      'import { a } from "@/lib/sandboxed";',
      'import { b } from "../tests-like";',
      "export const c = [z, env, a, b];",
      "export type D = SyncDeps;",
      "",
    ].join("\n");
    expect(await boundaryErrors("lib/sync/fixture.ts", text)).toEqual([]);
  });

  test.each([
    ["lib/sync/fixture.int.test.ts"],
    ["tests/support/fixture.ts"],
    ["e2e/fixture.spec.ts"],
    ["scripts/fixture.ts"],
  ])("%s: tests, the browser suites and scripts may import the sandbox", async (filePath) => {
    expect(await boundaryErrors(filePath, 'import { fixtures } from "@/sandbox/fixtures";\nexport const f = fixtures;\n')).toEqual([]);
  });
});
