// Whether the app is served over https: its public origin says so. That is
// AUTH_URL when an operator pins one, else the primary redirect URI (every
// deployment registers it, and it is where Clever sends people back); with
// neither, production (always https there). One rule for the session and
// Auth.js cookies (lib/session/session-store.ts: `__Host-` names and the Secure
// flag) and for HSTS (proxy.ts).
export function servedOverHttps({ AUTH_URL, CLEVER_REDIRECT_URIS, APP_ENV }: { AUTH_URL?: string; CLEVER_REDIRECT_URIS?: string | readonly string[]; APP_ENV?: string }): boolean {
  const primary = typeof CLEVER_REDIRECT_URIS === "string" ? CLEVER_REDIRECT_URIS.split(",")[0]?.trim() : CLEVER_REDIRECT_URIS?.[0];
  const publicUrl = AUTH_URL || primary;
  return publicUrl ? publicUrl.startsWith("https:") : APP_ENV === "production";
}
