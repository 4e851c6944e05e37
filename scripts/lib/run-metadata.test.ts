import { describe, expect, it } from "vitest";
import { hasUncommittedChanges } from "./run-metadata";

describe("run metadata: a dirty tree", () => {
  it("is any change to the project's files", () => {
    expect(hasUncommittedChanges(" M lib/login/auth.ts\n")).toBe(true);
    expect(hasUncommittedChanges("?? e2e/new.spec.ts\n")).toBe(true);
    expect(hasUncommittedChanges(" M package-lock.json\n M app/page.tsx\n")).toBe(true);
  });

  it("is not the lockfile npm install normalises on a clean checkout, nor nothing", () => {
    expect(hasUncommittedChanges(" M package-lock.json\n")).toBe(false);
    expect(hasUncommittedChanges("")).toBe(false);
  });
});
