// CLI entry: `tsx sandbox/main.ts [--students N --teachers N --sections N --schools N --seed N]`
// (a generated district beside the fixtures; see generated-district.ts).
// Env: SANDBOX_PORT (4100), SANDBOX_HOST (127.0.0.1), SANDBOX_MODE (demo),
// SANDBOX_APPS_FILE, or CLEVER_CLIENT_ID / CLEVER_CLIENT_SECRET / CLEVER_REDIRECT_URIS;
// SANDBOX_STRICT=false for the lenient answers (read by createSandbox).
import { loadApps, loadMode, parseCliArgs } from "./config";
import { createSandbox } from "./server";

async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? "4100");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid SANDBOX_PORT ${process.env.SANDBOX_PORT}`);
  const sandbox = await createSandbox({
    port,
    host: process.env.SANDBOX_HOST || "127.0.0.1",
    mode: loadMode(process.env, "demo"),
    apps: loadApps(process.env),
    ...parseCliArgs(process.argv.slice(2)),
  });
  const apps = [...sandbox.store.apps.keys()].join(", ");
  const generated = sandbox.store.generated;
  if (generated) {
    const c = generated.counts;
    console.log(
      `Generated district ${generated.district.id} "${generated.district.name}": ${c.students} students, ${c.teachers} teachers, ${c.sections} sections, ${c.schools} schools, ${c.terms} terms`,
    );
  }
  // The one line scripts wait for.
  console.log(`Clever sandbox ready at ${sandbox.url} (mode ${sandbox.mode}; apps: ${apps})`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`Clever sandbox: error while closing on ${signal}:`, err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error("Clever sandbox failed to start:", err);
  process.exit(1);
});
