// The registry is the worker's and the drain's list: a job defined anywhere in
// lib/ but missing from it would be enqueued (enqueue makes its queue) and
// never worked. Every defineJob in lib/ is registered, under a unique name.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { JobDefinition } from "@/lib/platform/jobs";
import { registeredJobs } from "./registry";

const lib = path.resolve(import.meta.dirname, "..");

function definingFiles(): string[] {
  return readdirSync(lib, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.startsWith("generated"))
    .filter((file) => /=\s*defineJob\(/.test(readFileSync(path.join(lib, file), "utf8")));
}

function isJobDefinition(value: unknown): value is JobDefinition {
  return typeof value === "object" && value !== null && "name" in value && "handle" in value && "payload" in value;
}

describe("the job registry", () => {
  test("holds every job defined in lib/, each name once", async () => {
    const files = definingFiles();
    expect(files.length).toBeGreaterThan(0);
    const defined = new Set<string>();
    for (const file of files) {
      const exports: Record<string, unknown> = await import(path.join(lib, file));
      for (const value of Object.values(exports)) if (isJobDefinition(value)) defined.add(value.name);
    }
    const registered = registeredJobs.map((job) => job.name);
    expect(new Set(registered).size).toBe(registered.length);
    expect([...defined].sort()).toEqual([...registered].sort());
  });
});
