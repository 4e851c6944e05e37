// Proves no secret reaches the browser: the production build runs with
// recognisable canary secrets, then every file served to clients is searched
// for their values and for the variables' names.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export const canarySecrets = {
  AUTH_SECRET: "canary-auth-secret-7d1f0c9e4b2a48f3a6e5d4c3b2a1f0e9",
  CLEVER_CLIENT_SECRET: "canary-clever-client-secret-51be0f",
  TOKEN_ENCRYPTION_KEYS: `canary:${Buffer.from("canary-token-encryption-key-32b!").toString("base64")}`,
  CRON_SECRET: "canary-cron-secret-0c6d2f8a",
} as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Returns one line per leak found in the client-facing output of a build. */
export function findLeakedSecrets(distDir: string): string[] {
  const needles = [...Object.values(canarySecrets), ...Object.keys(canarySecrets)];
  const leaks: string[] = [];
  for (const file of filesUnder(path.join(distDir, "static"))) {
    const text = readFileSync(file, "utf8");
    for (const needle of needles) if (text.includes(needle)) leaks.push(`${path.relative(distDir, file)} contains ${needle.startsWith("canary") ? "a secret value" : needle}`);
  }
  return leaks;
}
