// Liveness with a database round trip, for uptime checks and the e2e setup.
import { checkDatabase } from "@/lib/platform";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase();
  if (database.ok) return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  return Response.json(
    { status: "unavailable", reason: database.reason },
    { status: 503, headers: { "Cache-Control": "no-store" } },
  );
}
