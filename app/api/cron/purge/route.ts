// Called by Vercel Cron (vercel.json) with `Authorization: Bearer CRON_SECRET`.
import { log } from "@/lib/platform/log";
import { purgeExpired } from "@/lib/jobs/maintenance";
import { refuseUnlessCron } from "@/lib/platform/cron-auth";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const refused = refuseUnlessCron(request);
  if (refused) return refused;
  const purged = await purgeExpired();
  log.info({ purged }, "purged expired rows");
  return Response.json({ purged });
}
