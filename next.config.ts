import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The local Clever (sandbox/) and the scripts are never part of the app.
  typedRoutes: false,
  poweredByHeader: false,
  // Lets parallel builds (several developers or test runs on one machine)
  // keep separate outputs.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Loaded from node_modules at run time rather than bundled (pg-boss: the
  // job queue's migrations and SQL plans, read as it ships them).
  serverExternalPackages: ["@node-rs/argon2", "pino", "pg-boss"],
  // Metadata in the <head> for every browser, not streamed in after the
  // body: a page has its <title> the moment it is shown (screen readers
  // announce it; axe checks it). Every page's metadata is static, so
  // nothing waits on it.
  htmlLimitedBots: /.*/,
};

export default nextConfig;
