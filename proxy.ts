// Runs before every page and API request: a fresh CSP nonce (Next.js reads it
// from the request's Content-Security-Policy header and puts it on its own
// scripts), the other security headers, and a request ID (x-request-id).
// Authorization is NOT decided here: every page and server action checks who
// is asking itself.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, staticSecurityHeaders } from "@/lib/platform/security-headers";
import { securityHeaderSettings } from "@/lib/platform/proxy-settings";

const { production, https, development, cleverOrigin } = securityHeaderSettings();
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy({ nonce, cleverOrigin, production, development });
  // Our own ID, unless a platform in front passed one in a strict form: a
  // client must not be able to write arbitrary text into a header we echo.
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("Content-Security-Policy", policy);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("x-request-id", requestId);
  for (const [name, value] of Object.entries(staticSecurityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

// Every path but Next's own hashed assets: a page path ending in ".png"
// (/dashboard/sections/x.png) renders a signed-in page, and must not go out
// without its CSP and frame protection.
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
