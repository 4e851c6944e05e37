// The gate's fixture (scripts/test-gate.test.ts): one failing unit test and
// one passing integration test that starts the embedded PostgreSQL in its
// global setup, as the real integration project does. `npm test` run on this
// config must exit non-zero.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", root: import.meta.dirname, include: ["unit.fixture.ts"] } },
      { test: { name: "integration", root: import.meta.dirname, include: ["integration.fixture.ts"], globalSetup: ["database.fixture.ts"], testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
});
