import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = {
  "@": root,
  // Next.js guards server modules with `server-only`; tests run on the server.
  "server-only": path.join(root, "tests/setup/server-only.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Integration files spend most of their time waiting on PostgreSQL and
    // the local Clever: two at a time, on two databases (INTEGRATION_WORKERS).
    maxWorkers: 2,
    // Since Vitest 5 an inline project extends this file (its alias): the two
    // share one Vite server and its transform cache.
    projects: [
      {
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "sandbox/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts", "e2e/**/*.unit.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          setupFiles: ["tests/setup/env.ts"],
          // Generous: CI machines are small and may be busy; tests assert
          // behaviour, never speed.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", ".next/**"],
          globalSetup: ["tests/setup/database.ts"],
          // next-auth imports "next/server" without its extension, which
          // Node's resolver refuses and Vite's accepts.
          server: { deps: { inline: ["next-auth"] } },
          setupFiles: ["tests/setup/env.ts"],
          // Two files at a time, each worker on a fresh database of its own
          // (tests/setup/database.ts): the files of one worker run in turn.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
