// Where a login may send the browser afterwards: this app only (no open
// redirects through callbackUrl).

export const AFTER_LOGIN_PATH = "/dashboard";

/** Only same-site paths: "/x" but never "//evil.example" or "/\evil". */
export function safeCallbackPath(value: string | null | undefined): string | undefined {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  try {
    const url = new URL(value, "http://app.invalid");
    if (url.origin !== "http://app.invalid") return undefined;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return undefined;
  }
}
