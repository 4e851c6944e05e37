import { describe, expect, it } from "vitest";
import { signingInHtml } from "@/lib/login/signing-in-page";
import { metaRefreshTarget } from "./http-login";

describe("the bench's browser-like client", () => {
  it("follows the signing-in page's refresh into the exchange", () => {
    const callback = new URL("http://localhost:3300/api/auth/callback/clever?code=abc&state=s%2B1");
    const next = metaRefreshTarget(signingInHtml(callback), callback);
    expect(next?.href).toBe("http://localhost:3300/api/auth/callback/clever?code=abc&state=s%2B1&signing_in=1");
  });

  it("stays on pages without an immediate refresh", () => {
    expect(metaRefreshTarget("<html><body>Dashboard</body></html>", new URL("http://localhost/"))).toBeUndefined();
  });
});
