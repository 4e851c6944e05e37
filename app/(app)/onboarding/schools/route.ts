// The school picker's type-ahead (JSON). Signed-in users only, each finding
// the public directory and their own district's schools (lib/schools/queries.ts).
import { NextResponse, type NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/session";
import { searchSchools } from "@/lib/schools";
import { searchText } from "@/lib/platform";

export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "sign in first" }, { status: 401 });
  const query = searchText(request.nextUrl.searchParams, "q");
  const options = await searchSchools(query, user);
  return NextResponse.json({ options }, { headers: { "cache-control": "private, no-store" } });
}
