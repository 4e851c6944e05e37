// Fails on purpose: the gate must report it (tests/gate/vitest.config.ts).
import { expect, test } from "vitest";

test("a deliberately failing fixture test", () => {
  expect(1 + 1).toBe(3);
});
