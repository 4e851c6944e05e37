import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRequirements } from "./coverage";
import { mutants, patchProblems } from "./mutants";
import { projectRoot } from "./postgres";

const read = (file: string) => {
  const full = path.join(projectRoot, file);
  return existsSync(full) ? readFileSync(full, "utf8") : undefined;
};

describe("the mutants of certify:mutants", () => {
  it("are at least twelve, each for a requirement requirements.yml defines", () => {
    expect(mutants.length).toBeGreaterThanOrEqual(12);
    const known = new Set(loadRequirements(projectRoot).map((r) => r.id));
    expect(mutants.map((m) => m.requirement).filter((id) => !known.has(id))).toEqual([]);
  });

  it("each still applies to the tree: every text it replaces occurs exactly once", () => {
    expect(mutants.flatMap((m) => patchProblems(m, read))).toEqual([]);
  });

  it("refuses a patch whose text is gone or repeated", () => {
    const mutant = { requirement: "X-01", what: "", patches: [{ file: "a.ts", find: "x", replace: "y" }] };
    expect(patchProblems(mutant, () => "x x")).toEqual(["X-01: the patch no longer applies to a.ts (its text occurs 2 times); update the mutant"]);
    expect(patchProblems(mutant, () => undefined)).toEqual(["X-01: a.ts does not exist (moved?); update the mutant"]);
    expect(patchProblems(mutant, () => "x")).toEqual([]);
  });
});
