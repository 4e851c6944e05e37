// Called by Vercel Cron (vercel.json) with `Authorization: Bearer CRON_SECRET`.
import { log, refuseUnlessCron } from "@/lib/platform";
import { purgeExpired } from "@/lib/jobs";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const refused = refuseUnlessCron(request);
  if (refused) return refused;
  const purged = await purgeExpired();
  log.info({ purged }, "purged expired rows");
  return Response.json({ purged });
}
