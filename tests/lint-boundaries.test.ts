// The import boundary of eslint.config.mjs: the app (app/, components/, lib/,
// proxy.ts, instrumentation.ts) never imports the local Clever, test support
// or the browser suites. The fixtures are linted as text under a path inside
// the app, so no file on disk breaks `npm run lint`.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const config = { cwd: root, overrideConfigFile: path.join(root, "eslint.config.mjs") };
// The fixtures below are text, not files: import/no-cycle reads files from
// disk, so it is left to its own test, on files written for it.
const eslint = new ESLint({ ...config, overrideConfig: { rules: { "import/no-cycle": "off" } } });

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

describe("ESLint keeps lib/'s modules one-way, each behind its door", () => {
  const restricted = async (filePath: string, text: string) => (await boundaryErrors(filePath, text)).filter((e) => e.rule === "no-restricted-imports");

  test.each([
    // Against the direction: clever stands on platform alone; people never reach up to the sign-in.
    ["lib/clever/fixture.ts", 'import { displayName } from "@/lib/people";\nexport const d = displayName;\n'],
    ["lib/people/fixture.ts", 'import { signIn } from "@/lib/login";\nexport const s = signIn;\n'],
    ["lib/session/fixture.ts", 'import { syncUser } from "@/lib/roster";\nexport const s = syncUser;\n'],
    // Past a door into a file.
    ["app/(app)/fixture/page.tsx", 'import { teacherSections } from "@/lib/roster/queries";\nexport const t = teacherSections;\n'],
    ["lib/login/fixture.ts", 'import { provisionCleverUser } from "@/lib/people/provision";\nexport const p = provisionCleverUser;\n'],
    // A module through its own door, and a relative path out of its folder.
    ["lib/roster/sync/fixture.ts", 'import { NO_TOKEN } from "@/lib/roster";\nexport const n = NO_TOKEN;\n'],
    ["lib/roster/sync/fixture.ts", 'import { teaches } from "../choices";\nexport const t = teaches;\n'],
    // A page or component loading the job engine or the job registry.
    ["app/(app)/fixture/page.tsx", 'import { enqueue } from "@/lib/platform/jobs";\nexport const e = enqueue;\n'],
    ["components/fixture.tsx", 'import { registeredJobs } from "@/lib/jobs";\nexport const r = registeredJobs;\n'],
    // The error copy, read by client components, importing anything at all.
    ["lib/platform/error-copy.ts", 'import type { FormState } from "./form-state";\nexport type F = FormState;\n'],
  ])("%s: a wrong-way or past-the-door import fails lint", async (filePath, text) => {
    expect(await restricted(filePath, text)).toHaveLength(1);
  });

  test.each([
    ["lib/login/fixture.ts", 'import { provisionCleverUser } from "@/lib/people";\nimport { env } from "@/lib/platform";\nexport const p = [provisionCleverUser, env];\n'],
    ["lib/roster/sync/fixture.ts", 'import { teaches } from "@/lib/roster/choices";\nimport { lease } from "./lease";\nexport const t = [teaches, lease];\n'],
    ["lib/roster/district/fixture.ts", 'import { enqueue } from "@/lib/platform/jobs";\nexport const e = enqueue;\n'],
    ["app/api/cron/fixture/route.ts", 'import { registeredJobs } from "@/lib/jobs";\nimport { drainQueues } from "@/lib/platform/jobs";\nexport const r = [registeredJobs, drainQueues];\n'],
    ["components/fixture.tsx", 'import { teacherSections } from "@/lib/roster";\nimport type { Prisma } from "@/lib/generated/prisma/client";\nexport const t = teacherSections;\nexport type P = Prisma.UserWhereInput;\n'],
    // The error copy's own door, from a (client) component and from inside a module.
    ["components/fixture.tsx", '"use client";\nimport { errorCopy } from "@/lib/platform/error-copy";\nexport const e = errorCopy;\n'],
    ["lib/login/fixture.ts", 'import { errorCopy } from "@/lib/platform/error-copy";\nexport const e = errorCopy;\n'],
  ])("%s: doors, in the direction, pass", async (filePath, text) => {
    expect(await restricted(filePath, text)).toEqual([]);
  });

  test("an import cycle fails lint", async () => {
    // import/no-cycle follows files on disk: two that import each other, written for the test.
    const dir = path.join(root, "lib", `zz-cycle-fixture-${process.pid}`);
    await mkdir(dir, { recursive: true });
    try {
      await writeFile(path.join(dir, "a.ts"), 'import { b } from "./b";\nexport const a = () => b;\n');
      await writeFile(path.join(dir, "b.ts"), 'import { a } from "./a";\nexport const b = () => a;\n');
      const [result] = await new ESLint(config).lintFiles([path.join(dir, "a.ts")]);
      expect(result?.messages.map((m) => m.ruleId)).toContain("import/no-cycle");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
