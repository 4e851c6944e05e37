// Vercel Cron calls the cron routes (vercel.json) with
// `Authorization: Bearer CRON_SECRET`; every cron route asks this one check.
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/platform/env";

/** Constant-time comparison; no secret configured means nobody is let in. */
export function cronAuthorized(header: string | null, secret: string | undefined): boolean {
  if (!secret || !header) return false;
  const expected = Buffer.from(`Bearer ${secret}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The 401 a cron route answers when `cronAuthorized` says no, else undefined. */
export function refuseUnlessCron(request: Request): Response | undefined {
  if (cronAuthorized(request.headers.get("authorization"), env().CRON_SECRET)) return undefined;
  return Response.json({ error: "unauthorized" }, { status: 401 });
}
