// The Debian packages the browser tests need. As root they are installed
// (CI starts from a bare machine); otherwise the exact command is printed.
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { run } from "./run";

export interface SystemRequirement {
  /** A file the package provides. */
  path: string;
  /** The Debian package that provides it. */
  debianPackage: string;
}

export const browserPackages: SystemRequirement[] = [
  { path: "/usr/bin/chromium", debianPackage: "chromium" },
  { path: "/usr/bin/firefox-esr", debianPackage: "firefox-esr" },
];

export const webkitPackages: SystemRequirement[] = [
  { path: "/usr/bin/WebKitWebDriver", debianPackage: "webkit2gtk-driver" },
  { path: "/usr/bin/xvfb-run", debianPackage: "xvfb" },
];

export async function ensureSystemPackages(requirements: SystemRequirement[]): Promise<void> {
  const missing = requirements.filter((requirement) => !existsSync(requirement.path)).map((r) => r.debianPackage);
  if (missing.length === 0) return;
  const install = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(" ")}`;
  if (userInfo().uid !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(", ")}. Install them with:\n  sudo sh -c '${install}'`);
  }
  console.log(`Installing ${missing.join(", ")} (apt-get)…`);
  await run("sh", ["-c", install], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}
