// knip (`npm run lint`): unused files, exports and dependencies. Its plugins
// find most entry points themselves: Next.js (app/, proxy.ts,
// instrumentation.ts), the package.json scripts (scripts/*.ts, sandbox/main.ts),
// Playwright (e2e/**/*.spec.ts and what they import, the stack's servers),
// Vitest (vitest.config.ts and its test files) and Prisma (prisma.config.ts).
// Listed here: what is started by a path the plugins cannot read.
import type { KnipConfig } from "knip";

const config: KnipConfig = {
  entry: [
    // Spawned by path: scripts/bench/main.ts, scripts/bench-district.ts,
    // scripts/lib/postgres.ts (the embedded PostgreSQL's own process).
    "scripts/bench.ts",
    "scripts/bench/district-{sandbox,worker}.ts",
    "scripts/db-server.ts",
    // The gate's fixture suite, its own vitest config run by scripts/test-gate.test.ts.
    "tests/gate/*.ts",
    // vitest.config.ts's alias for `server-only`, given as a path.
    "tests/setup/server-only.ts",
  ],
  // Debian's shadow tools, run as root to make the embedded PostgreSQL's user.
  ignoreBinaries: ["groupadd", "useradd"],
};

export default config;
