// The gate itself: `npm test` (scripts/test.ts) exits non-zero when a test
// fails, even when the runner started the embedded PostgreSQL, and its last
// line counts the failure; on the same fixture without the failing test it
// passes, so this test can fail both ways.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { projectRoot } from "./lib/postgres";

function npmTest(...args: string[]) {
  const result = spawnSync(path.join(projectRoot, "node_modules", ".bin", "tsx"), ["scripts/test.ts", "--only", "vitest", "--vitest-config", "tests/gate/vitest.config.ts", ...args], {
    cwd: projectRoot,
    encoding: "utf8",
    timeout: 150_000,
  });
  const lines = result.stdout.trim().split("\n");
  return { status: result.status, lastLine: lines.at(-1), output: `${result.stdout}\n${result.stderr}` };
}

describe("npm test's gate", () => {
  test("a failing test beside an integration test on the embedded PostgreSQL fails the run, and the last line counts it", { timeout: 180_000 }, () => {
    const run = npmTest();
    expect(run.lastLine, run.output).toBe("1 passed, 1 failed");
    expect(run.status, run.output).toBe(1);
  });

  test("vitest's own exit code says the fixture failed: the embedded PostgreSQL's exit hook lives in a process of its own", { timeout: 180_000 }, () => {
    const result = spawnSync(path.join(projectRoot, "node_modules", ".bin", "vitest"), ["run", "--config", "tests/gate/vitest.config.ts"], { cwd: projectRoot, encoding: "utf8", timeout: 150_000 });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(1);
  });

  test("the same fixture without its failing test passes", { timeout: 180_000 }, () => {
    const run = npmTest("--vitest-project", "integration");
    expect(run.lastLine, run.output).toBe("1 passed, 0 failed");
    expect(run.status, run.output).toBe(0);
  });
});
