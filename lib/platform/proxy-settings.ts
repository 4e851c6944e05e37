// What proxy.ts needs to choose each response's security headers, read from
// the environment as plain strings (not env(), which validates every
// setting): these few names are all the headers depend on.
import { servedOverHttps } from "./https";

export function securityHeaderSettings() {
  return {
    production: process.env.APP_ENV === "production",
    https: servedOverHttps({ AUTH_URL: process.env.AUTH_URL, CLEVER_REDIRECT_URIS: process.env.CLEVER_REDIRECT_URIS, APP_ENV: process.env.APP_ENV }),
    /** `next dev`: React's debugging tools need eval. */
    development: process.env.NODE_ENV === "development",
    cleverOrigin: new URL(process.env.CLEVER_OAUTH_URL ?? "https://clever.com").origin,
  };
}
