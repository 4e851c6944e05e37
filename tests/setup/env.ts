// Tests run with the demo configuration (.env.example) unless overridden, and
// integration tests with the run's fresh database.
import { inject } from "vitest";
import { exampleEnv } from "../../scripts/lib/dev-env";

for (const [key, value] of Object.entries(exampleEnv())) process.env[key] ??= value;
process.env.APP_ENV = "test";
// Each worker its own database (tests/setup/database.ts): VITEST_POOL_ID runs from 1 to maxWorkers.
const databaseUrls = inject("databaseUrls");
if (databaseUrls?.length) process.env.DATABASE_URL = databaseUrls[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % databaseUrls.length];
