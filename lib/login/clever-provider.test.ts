// The provider names what went wrong at Clever's token endpoint itself, as
// our own typed errors (the route handler maps them to the friendly page).
import { describe, expect, it } from "vitest";
import { customFetch } from "@auth/core";
import { checkTokenResponse, CleverProvider, fetchFromClever } from "./clever-provider";
import { isCleverLoginError, type LoginErrorKind } from "./errors";

async function kindOf(response: Response): Promise<LoginErrorKind | "ok"> {
  try {
    await checkTokenResponse(response);
    return "ok";
  } catch (error) {
    if (isCleverLoginError(error)) return error.kind;
    throw error;
  }
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => Response.json(body, { status, headers });

describe("Clever's token endpoint", () => {
  it("accepts a usable token response", async () => {
    expect(await kindOf(json({ access_token: "t", token_type: "bearer" }))).toBe("ok");
  });

  it("classifies token endpoint failures", async () => {
    expect(await kindOf(json({ error: "invalid_grant" }, 400))).toBe("code_invalid");
    expect(await kindOf(json({ error: "invalid_client" }, 400))).toBe("misconfiguration");
    expect(await kindOf(json({ error: "invalid_client" }, 401, { "www-authenticate": 'Basic realm="clever"' }))).toBe("misconfiguration");
    expect(await kindOf(new Response("Too Many Requests", { status: 429 }))).toBe("clever_unavailable");
    expect(await kindOf(new Response("<html>bad gateway</html>", { status: 502 }))).toBe("clever_unavailable");
    expect(await kindOf(new Response("not here", { status: 404 }))).toBe("misconfiguration");
    expect(await kindOf(new Response("{not json", { status: 200 }))).toBe("malformed_response");
    expect(await kindOf(json({ token_type: "bearer" }))).toBe("malformed_response");
    expect(await kindOf(json({ access_token: "t" }))).toBe("malformed_response");
  });

  it("keeps provider text out of the error's details", async () => {
    try {
      await checkTokenResponse(json({ error: "invalid_grant", error_description: "secret-ish raw provider text" }, 400));
    } catch (error) {
      expect(JSON.stringify(isCleverLoginError(error) ? error.details : error)).not.toContain("secret-ish");
      return;
    }
    throw new Error("expected a failure");
  });

  it("a token endpoint that does not answer is 'Clever is unavailable'", async () => {
    const provider = CleverProvider({ clientId: "id", clientSecret: "s", oauthUrl: "http://127.0.0.1:9", apiUrl: "http://127.0.0.1:9", identify: () => Promise.reject(new Error("unused")) });
    const exchange = provider[customFetch];
    if (!exchange) throw new Error("the provider has no fetch of its own");
    await expect(exchange("http://127.0.0.1:9/oauth/tokens", { method: "POST", body: new URLSearchParams({ grant_type: "authorization_code" }) })).rejects.toMatchObject({
      kind: "clever_unavailable",
    });
    await expect(fetchFromClever("http://127.0.0.1:9/oauth/tokens")).rejects.toMatchObject({ kind: "clever_unavailable" });
  });

  it("a code already claimed is never sent to Clever ('code_reused')", async () => {
    const claimed: string[] = [];
    const provider = CleverProvider({
      clientId: "id",
      clientSecret: "s",
      oauthUrl: "http://127.0.0.1:9",
      apiUrl: "http://127.0.0.1:9",
      identify: () => Promise.reject(new Error("unused")),
      claimCode: (code) => Promise.resolve(claimed.includes(code) ? false : (claimed.push(code), true)),
    });
    const exchange = provider[customFetch];
    if (!exchange) throw new Error("the provider has no fetch of its own");
    const body = () => new URLSearchParams({ grant_type: "authorization_code", code: "abc" });
    // First delivery: claimed, then sent (here to a closed port).
    await expect(exchange("http://127.0.0.1:9/oauth/tokens", { method: "POST", body: body() })).rejects.toMatchObject({ kind: "clever_unavailable" });
    await expect(exchange("http://127.0.0.1:9/oauth/tokens", { method: "POST", body: body() })).rejects.toMatchObject({ kind: "code_reused" });
    expect(claimed).toEqual(["abc"]);
  });
});
