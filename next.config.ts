import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The local Clever (sandbox/) and the scripts are never part of the app.
  typedRoutes: false,
  poweredByHeader: false,
  // Lets parallel builds (several developers or test runs on one machine)
  // keep separate outputs.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  serverExternalPackages: ["@node-rs/argon2", "pino"],
};

export default nextConfig;
