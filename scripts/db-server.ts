// `npx tsx scripts/db-server.ts [NAME]`: starts an embedded PostgreSQL (data in
// .data/NAME) and keeps it running until Ctrl-C, SIGTERM, or the end of its
// standard input when another process started it (startEmbeddedPostgres).
// Export the printed DATABASE_URL to point the scripts and tests at it (tests
// create fresh databases beside it), e.g. to run several test runs side by side.
import { runEmbeddedPostgres } from "./lib/embedded-postgres";

const server = await runEmbeddedPostgres(process.argv[2] ?? "postgres-dev");
console.log(`DATABASE_URL=${server.url}`);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error("[postgres] could not stop:", error);
      process.exit(1);
    },
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
// Started by another process: its end (the pipe closing) stops the server too.
if (!process.stdin.isTTY) {
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
}
setInterval(() => {}, 1 << 30);
