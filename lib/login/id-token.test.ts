// The key set an id_token is checked against: found through Clever's
// discovery document, and never over http when the issuer is https.
import { afterEach, describe, expect, it, vi } from "vitest";
import { verifyIdToken } from "./id-token";

const issuer = "https://clever.example";
const discovery = (jwksUri: string) => Response.json({ issuer, jwks_uri: jwksUri });

describe("lib/login/id-token", () => {
  // A key set is kept (per issuer) only once its discovery document passed
  // every check, so these refusals leave nothing behind for the next test.
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("[security] an https issuer whose discovery document names an http key set fails the login as misconfigured", async () => {
    vi.stubGlobal("fetch", async () => discovery("http://clever.example/oauth/certs"));
    await expect(verifyIdToken("a.b.c", { issuer, clientId: "app" })).rejects.toMatchObject({ kind: "misconfiguration" });
  });

  it("a discovery document naming another issuer fails as misconfigured", async () => {
    vi.stubGlobal("fetch", async () => Response.json({ issuer: "https://elsewhere.example", jwks_uri: "https://clever.example/oauth/certs" }));
    await expect(verifyIdToken("a.b.c", { issuer, clientId: "app" })).rejects.toMatchObject({ kind: "misconfiguration" });
  });
});
