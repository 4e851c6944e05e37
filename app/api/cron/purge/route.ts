// Called by Vercel Cron (vercel.json) with `Authorization: Bearer CRON_SECRET`.
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { purgeExpired } from "@/lib/maintenance";

export const dynamic = "force-dynamic";

function authorized(header: string | null, secret: string | undefined): boolean {
  if (!secret || !header) return false;
  const expected = Buffer.from(`Bearer ${secret}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function GET(request: Request) {
  if (!authorized(request.headers.get("authorization"), env().CRON_SECRET)) {
    return Response.json({ error: "unauthorized" }, { status: 401 });
  }
  const purged = await purgeExpired();
  log.info({ purged }, "purged expired rows");
  return Response.json({ purged });
}
