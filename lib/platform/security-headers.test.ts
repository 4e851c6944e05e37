import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, staticSecurityHeaders } from "./security-headers";

const base = { nonce: "abc123", cleverOrigin: "https://clever.com", production: true, development: false };

describe("security headers", () => {
  it("builds a nonce-based policy that forbids framing and foreign scripts", () => {
    const policy = contentSecurityPolicy(base);
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("form-action 'self' https://clever.com");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("upgrade-insecure-requests");
    expect(policy).not.toContain("unsafe-eval");
  });

  it("allows eval only in development and upgrades requests only in production", () => {
    const policy = contentSecurityPolicy({ ...base, production: false, development: true });
    expect(policy).toContain("'unsafe-eval'");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("sends HSTS whenever the app is served over https", () => {
    expect(staticSecurityHeaders({ https: true })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(staticSecurityHeaders({ https: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(staticSecurityHeaders({ https: false })["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });
});
