import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The local Clever (sandbox/) and the scripts are never part of the app.
  typedRoutes: false,
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "pino"],
};

export default nextConfig;
