// `npx tsx scripts/db-server.ts [NAME]`: starts an embedded PostgreSQL (data in
// .data/NAME) and keeps it running until Ctrl-C. Export the printed
// DATABASE_URL to point the scripts and tests at it (tests create fresh
// databases beside it), e.g. to run several test runs side by side.
import { startEmbeddedPostgres } from "./lib/postgres";

const server = await startEmbeddedPostgres(process.argv[2] ?? "postgres-dev");
console.log(`DATABASE_URL=${server.url}`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
setInterval(() => {}, 1 << 30);
