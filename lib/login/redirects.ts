// Where a login may send the browser afterwards: this app only (no open
// redirects through callbackUrl).

export const AFTER_LOGIN_PATH = "/dashboard";
/** Where a second delivery of a login code goes (route-handler.ts). */
export const ALREADY_SIGNED_IN_PATH = "/auth/signed-in";

const base = new URL("http://app.invalid");

/** "/" alone, or "/" then a character that is neither "/" nor "\": a browser
 * reads "//host" and "/\host" as another origin. */
const singleLeadingSlash = /^\/(?:$|[^/\\])/;

/** Only same-site paths: "/x" but never "//evil.example" or "/\evil".
 * The URL parser resolves dot segments ("/.//evil" is "//evil" once "." is
 * gone), drops tabs and newlines and turns "\" into "/", so the answer is
 * checked again after parsing, on exactly what the browser will be sent. */
export function safeCallbackPath(value: string | null | undefined): string | undefined {
  if (!value || !singleLeadingSlash.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!singleLeadingSlash.test(path) || !staysSameOriginWhenDecoded(url.pathname)) return undefined;
  return path;
}

/** "/%2F%2Fevil" and "/.%2F/evil" are same-origin paths to a browser, but
 * anything that decodes the path once (or twice, for "%252F") and parses it
 * again would go elsewhere; no page here needs such a path, so it is refused. */
function staysSameOriginWhenDecoded(pathname: string): boolean {
  let current = pathname;
  for (let round = 0; round < 3; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      // A malformed escape: nothing can decode it, so it stays as it is.
      return true;
    }
    if (next === current) return true;
    if (!singleLeadingSlash.test(next)) return false;
    try {
      const reparsed = new URL(next, base);
      if (reparsed.origin !== base.origin || !singleLeadingSlash.test(reparsed.pathname)) return false;
    } catch {
      return false;
    }
    current = next;
  }
  // Still changing after three decodings: no link of ours looks like that.
  return false;
}

type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Where "Reconnect to Clever" comes back to: this page with its query
 * ("/dashboard?as=teacher", a filtered "/classes?…"), through safeCallbackPath. */
export function returnPath(pathname: string, search: SearchInput = {}): string {
  const query = new URLSearchParams();
  const entries = search instanceof URLSearchParams ? [...search.entries()] : Object.entries(search);
  for (const [key, value] of entries) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  const qs = query.toString();
  return safeCallbackPath(qs ? `${pathname}?${qs}` : pathname) ?? AFTER_LOGIN_PATH;
}
