// A Clever login at the HTTP level, as a browser performs it: Instant Login on
// the local Clever, the Clever-initiated arrival on the primary redirect URI,
// the app's restart with its own state, the "Signing you in" page, the
// callback (token exchange, identity, session), then the rendered dashboard. One cookie jar per host, like a
// browser, so nothing is shared between simulated users.

class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  header(url: URL): string | undefined {
    const jar = this.cookies.get(url.hostname);
    if (!jar || jar.size === 0) return undefined;
    return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  store(url: URL, response: Response): void {
    const jar = this.cookies.get(url.hostname) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const name = pair.slice(0, pair.indexOf("=")).trim();
      const value = pair.slice(pair.indexOf("=") + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1] ?? "") < Date.now()));
      if (expired || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(url.hostname, jar);
  }
}

export interface LoginTiming {
  /** From the Clever-initiated arrival at the callback to the rendered dashboard. */
  callbackToDashboardMs: number;
  requests: number;
  /** Each request of the login, host and path, in order. */
  hopPaths: string[];
}

class LoginError extends Error {}

/** The target of an immediate `<meta http-equiv="refresh">`, as a browser follows it. */
export function metaRefreshTarget(html: string, base: URL): URL | undefined {
  const match = /<meta\s+http-equiv="refresh"\s+content="0;url=([^"]+)"/i.exec(html);
  return match?.[1] ? new URL(match[1].replace(/&amp;/g, "&"), base) : undefined;
}

/** Follows redirects and immediate meta refreshes by hand (to keep per-host
 * cookies) until a page that stays. */
async function follow(start: URL, jar: CookieJar, maxHops = 10): Promise<{ url: URL; body: string; status: number; hops: number; hopPaths: string[]; callbackAt?: number }> {
  let url = start;
  const hopPaths: string[] = [];
  let callbackAt: number | undefined;
  for (let hop = 0; hop < maxHops; hop++) {
    if (callbackAt === undefined && url.pathname.startsWith("/api/auth/callback/")) callbackAt = performance.now();
    hopPaths.push(`${url.host}${url.pathname}`);
    const cookie = jar.header(url);
    // A browser's navigation: the app answers it with HTML (e.g. "Signing you in").
    const response = await fetch(url, { redirect: "manual", headers: { accept: "text/html,application/xhtml+xml", ...(cookie ? { cookie } : {}) } });
    jar.store(url, response);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.arrayBuffer();
      url = new URL(location, url);
      continue;
    }
    const body = await response.text();
    const refresh = response.status === 200 ? metaRefreshTarget(body, url) : undefined;
    if (refresh) {
      url = refresh;
      continue;
    }
    return { url, body, status: response.status, hops: hop + 1, hopPaths, callbackAt };
  }
  throw new LoginError(`too many redirects from ${start}`);
}

export async function instantLoginToDashboard(options: { cleverUrl: string; clientId: string; districtId: string; userId: string }): Promise<LoginTiming> {
  const jar = new CookieJar();
  const start = new URL("/instant-login", options.cleverUrl);
  start.searchParams.set("client_id", options.clientId);
  start.searchParams.set("district_id", options.districtId);
  start.searchParams.set("user_id", options.userId);
  const { url, body, status, hops, hopPaths, callbackAt } = await follow(start, jar);
  // A teacher's very first login lands on onboarding, a signed-in page too.
  if (status !== 200 || !(url.pathname.startsWith("/dashboard") || url.pathname === "/onboarding")) {
    throw new LoginError(`ended at ${url.pathname}${url.search} with ${status}`);
  }
  if (!body.includes("Log out")) throw new LoginError("the dashboard did not render a signed-in page");
  return { callbackToDashboardMs: performance.now() - (callbackAt ?? performance.now()), requests: hops, hopPaths };
}
