import { describe, expect, it } from "vitest";
import { EXCHANGE_PARAM, exchangeUrl, signingInHtml, wantsSigningInPage, withoutExchangeMarker } from "./signing-in-page";

const callback = new URL("https://app.example/api/auth/callback/clever?code=c0de&state=s%22t<a>te&scope=read");

describe("the signing-in page", () => {
  it("is for a browser's first arrival with a code and state", () => {
    expect(wantsSigningInPage(callback, "text/html,application/xhtml+xml,*/*;q=0.8")).toBe(true);
    expect(wantsSigningInPage(callback, "*/*")).toBe(false);
    expect(wantsSigningInPage(callback, null)).toBe(false);
    expect(wantsSigningInPage(new URL(exchangeUrl(callback), callback), "text/html")).toBe(false);
    // Clever-initiated arrivals (no state) restart at once; errors have no code.
    expect(wantsSigningInPage(new URL("https://app.example/api/auth/callback/clever?code=c0de"), "text/html")).toBe(false);
    expect(wantsSigningInPage(new URL("https://app.example/api/auth/callback/clever?error=access_denied&state=s"), "text/html")).toBe(false);
  });

  it("continues to the same callback, same origin, and Auth.js sees it without the marker", () => {
    const next = exchangeUrl(callback);
    expect(next.startsWith("/api/auth/callback/clever?")).toBe(true);
    const resolved = new URL(next, callback);
    expect(resolved.searchParams.get(EXCHANGE_PARAM)).toBe("1");
    expect(withoutExchangeMarker(resolved).href).toBe(callback.href.replace("s%22t<a>te", "s%22t%3Ca%3Ete"));
  });

  it("escapes what it echoes", () => {
    const html = signingInHtml(callback);
    expect(html).not.toContain("<a>");
    expect(html).toContain('http-equiv="refresh" content="0;url=/api/auth/callback/clever?code=c0de&amp;state=s%22t%3Ca%3Ete&amp;scope=read&amp;signing_in=1"');
    expect(html).toContain('role="status"');
  });
});
