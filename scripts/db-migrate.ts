// `npm run db:migrate`: applies committed migrations to DATABASE_URL, or to the
// embedded PostgreSQL when DATABASE_URL is unset.
import { ensureDatabase, migrate } from "./lib/postgres";

const db = await ensureDatabase();
try {
  migrate(db.url);
  console.log("Migrations applied.");
} finally {
  await db.stop();
}
