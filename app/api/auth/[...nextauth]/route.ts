// Auth.js's routes, wrapped for Clever-initiated logins, session replacement
// and friendly errors: see lib/login/route-handler.ts for why.
import type { NextRequest } from "next/server";
import { handleAuthGet, handleAuthPost } from "@/lib/login";

export const dynamic = "force-dynamic";

export function GET(req: NextRequest): Promise<Response> {
  return handleAuthGet(req);
}

export function POST(req: NextRequest): Promise<Response> {
  return handleAuthPost(req);
}
