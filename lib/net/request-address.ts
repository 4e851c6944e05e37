// The configured way to read a request's client address (see client-address.ts).
import "server-only";
import { env } from "@/lib/env";
import { clientAddress } from "./client-address";

export function requestAddress(headers: Headers): string {
  return clientAddress(headers, { vercel: process.env.VERCEL === "1", trustedProxies: env().TRUSTED_PROXIES });
}
