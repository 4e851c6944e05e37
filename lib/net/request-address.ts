// The configured way to read a request's client network, the unit of the
// per-network rate limits (see client-address.ts).
import "server-only";
import { env } from "@/lib/env";
import { clientAddress, networkOf } from "./client-address";

export function requestNetwork(headers: Headers): string {
  return networkOf(clientAddress(headers, { vercel: process.env.VERCEL === "1", trustedProxies: env().TRUSTED_PROXIES }));
}
