// Allowed-origin patterns (AUTH_PREVIEW_ORIGINS): exact origins, or one
// leading wildcard that covers part of the first DNS label only, so
// `https://*-team.vercel.app` allows `https://app-git-x-team.vercel.app` but
// never `https://evil.example/-team.vercel.app` or `https://a.b-team.vercel.app`.

export interface OriginPattern {
  protocol: string;
  /** The host, or what must follow the wildcard. */
  host: string;
  wildcard: boolean;
  port: string;
}

/** The parts of a pattern, or undefined if it is not one. */
export function originPattern(pattern: string): OriginPattern | undefined {
  const match = /^(https?):\/\/(\*)?([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(pattern);
  if (!match) return undefined;
  const [, protocol = "", star, host = "", port = ""] = match;
  const labels = host.split(".");
  if (labels.some((label, index) => label === "" && !(star && index === 0))) return undefined;
  // A wildcard must leave a registrable name behind it: "*.app" is everyone's.
  if (star && labels.filter(Boolean).length < 2) return undefined;
  if (!star && /^[.-]/.test(host)) return undefined;
  return { protocol: `${protocol}:`, host: host.toLowerCase(), wildcard: Boolean(star), port };
}

/** Whether `origin` (scheme://host[:port], nothing else) matches a pattern. */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  const host = url.hostname.toLowerCase();
  return patterns.some((pattern) => {
    const parts = originPattern(pattern);
    if (!parts || parts.protocol !== url.protocol || parts.port !== url.port) return false;
    if (!parts.wildcard) return host === parts.host;
    return host.endsWith(parts.host) && /^[a-z0-9][a-z0-9-]*$/.test(host.slice(0, -parts.host.length));
  });
}
