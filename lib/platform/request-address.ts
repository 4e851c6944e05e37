// The configured way to read a request's client network, the unit of the
// per-network rate limits (see client-address.ts).
import "server-only";
import { env } from "@/lib/platform/env";
import { clientAddress, networkOf } from "./client-address";

export function requestNetwork(headers: Headers): string {
  const { VERCEL, TRUSTED_PROXIES } = env();
  return networkOf(clientAddress(headers, { vercel: VERCEL === "1", trustedProxies: TRUSTED_PROXIES }));
}
