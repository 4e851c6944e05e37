// The tests run on the Node.js production runs: package.json's engines (what
// Vercel deploys) and the `node` dev dependency (what npm scripts run on,
// whatever Node the machine has) name one major, and this process is on it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { projectRoot } from "./postgres";

const manifest = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

test("engines, the node dev dependency and this process agree on one Node.js major", () => {
  const engines = /^(\d+)\.x$/.exec(manifest.engines.node)?.[1];
  expect(engines, "engines.node is a major line such as 24.x (Vercel's form)").toBeDefined();
  expect(manifest.devDependencies.node?.split(".")[0]).toBe(engines);
  expect(process.versions.node.split(".")[0]).toBe(engines);
});
