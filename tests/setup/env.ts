// Tests run with the demo configuration (.env.example) unless overridden, and
// integration tests with the run's fresh database.
import { inject } from "vitest";
import { exampleEnv } from "../../scripts/lib/dev-env";

for (const [key, value] of Object.entries(exampleEnv())) process.env[key] ??= value;
process.env.APP_ENV = "test";
const databaseUrl = inject("databaseUrl");
if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
