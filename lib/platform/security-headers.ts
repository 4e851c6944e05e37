// Security headers. Pure functions so the policy is unit-tested; `proxy.ts`
// applies them to every response with a fresh nonce.

export interface PolicyOptions {
  nonce: string;
  /** Origin of Clever's OAuth host: form posts end in a redirect there. */
  cleverOrigin: string;
  production: boolean;
  /** `next dev` needs eval for React's debugging tools. */
  development: boolean;
}

export function contentSecurityPolicy({ nonce, cleverOrigin, production, development }: PolicyOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // 'strict-dynamic' lets the nonce-bearing Next.js bootstrap load its chunks.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // React writes style attributes; no third-party styles are loaded.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", cleverOrigin],
    "frame-ancestors": ["'none'"],
  };
  const policy = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (production) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/** `https`: the app is served over https (production always is; so is the
 * test stack), where HSTS pins browsers to it. Over plain http it would mean
 * nothing (browsers ignore it there). */
export function staticSecurityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload" } : {}),
  };
}
