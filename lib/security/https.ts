// Whether the app is served over https: its public origin (AUTH_URL) says so,
// or, with none set, it runs in production (always https there). One rule
// for the session cookies (lib/auth/session-store.ts: `__Secure-` names and
// the Secure flag) and for HSTS (proxy.ts).
export function servedOverHttps({ AUTH_URL, APP_ENV }: { AUTH_URL?: string; APP_ENV?: string }): boolean {
  return AUTH_URL ? AUTH_URL.startsWith("https:") : APP_ENV === "production";
}
