// `npx tsx scripts/db-server.ts [NAME]`: starts an embedded PostgreSQL (data in
// .data/NAME) and keeps it running until Ctrl-C or SIGTERM, or with
// `--lifeline`, the end of its standard input (startEmbeddedPostgres: the
// process that started it is gone).
// Export the printed DATABASE_URL to point the scripts and tests at it (tests
// create fresh databases beside it), e.g. to run several test runs side by side.
import { runEmbeddedPostgres } from "./lib/embedded-postgres";

const args = process.argv.slice(2);
const server = await runEmbeddedPostgres(args.find((arg) => !arg.startsWith("--")) ?? "postgres-dev");
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
if (args.includes("--lifeline")) {
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
}
setInterval(() => {}, 1 << 30);
