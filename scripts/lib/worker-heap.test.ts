import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { WORKER_NODE_FLAGS } from "./worker-heap";

describe("the worker's heap limit", () => {
  test("[district-rostering] npm run worker starts the worker with the same flags as the demo and the test stack", () => {
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.worker).toBe(`node ${WORKER_NODE_FLAGS.join(" ")} scripts/worker.ts`);
  });
});
