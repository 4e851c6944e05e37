// Invalid configuration stops the server at start-up with one line per
// problem, instead of failing on the first request.
import { env, EnvError } from "@/lib/platform/env";

export function checkConfigurationAtStartup(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
