// The page a browser sees at once when Clever sends it back with a code
// (IL-08: render UI quickly while the server-side token exchange completes).
// It is served straight from the callback URL and refreshes itself into the
// same URL with a marker; the browser keeps showing it until that second
// request (the token exchange, identity, provisioning, session) answers. No
// JavaScript is needed: a meta refresh, and a link where refresh is blocked.
// Only browsers get it (they ask for text/html): API clients and redirects
// Clever follows programmatically see the plain exchange.

/** The query parameter that marks the exchange request. */
export const EXCHANGE_PARAM = "signing_in";

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** True for a browser's first arrival at the callback with a code to exchange. */
export function wantsSigningInPage(url: URL, accept: string | null): boolean {
  const params = url.searchParams;
  return params.has("code") && params.has("state") && !params.has(EXCHANGE_PARAM) && (accept ?? "").includes("text/html");
}

/** The callback URL for the exchange itself (relative: same origin). */
export function exchangeUrl(url: URL): string {
  const params = new URLSearchParams(url.searchParams);
  params.set(EXCHANGE_PARAM, "1");
  return `${url.pathname}?${params.toString()}`;
}

/** The callback URL Auth.js should see: without the marker. */
export function withoutExchangeMarker(url: URL): URL {
  const clean = new URL(url);
  clean.searchParams.delete(EXCHANGE_PARAM);
  return clean;
}

export function signingInHtml(url: URL): string {
  const next = escapeHtml(exchangeUrl(url));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0;url=${next}">
<meta name="robots" content="noindex">
<title>Signing you in… · Clever Classroom</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:28rem;margin:0 auto;padding:4rem 1.5rem;text-align:center}
h1{font-size:1.5rem;margin:0 0 .75rem}
p{margin:0 0 1rem;color:#334155}
a{color:#1d4ed8}
.spinner{width:2.5rem;height:2.5rem;margin:0 auto 1.5rem;border:4px solid #cbd5e1;border-top-color:#1d4ed8;border-radius:50%;animation:spin 1s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spinner{animation:none}}
@media (prefers-color-scheme:dark){body{background:#0f172a;color:#f8fafc}p{color:#cbd5e1}a{color:#93c5fd}}
</style>
</head>
<body>
<main>
<div class="spinner" aria-hidden="true"></div>
<div role="status">
<h1>Signing you in with Clever…</h1>
<p>This usually takes a second or two.</p>
</div>
<p><a href="${next}">Continue</a> if nothing happens.</p>
</main>
</body>
</html>
`;
}
