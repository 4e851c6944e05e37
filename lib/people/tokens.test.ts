// The district-token list is a Clever answer like any other: bounded.
import { afterEach, describe, expect, it, vi } from "vitest";
import { CLEVER_LIMITS } from "@/lib/clever/client";
import { fetchDistrictToken } from "./tokens";

const deps = { oauthUrl: "https://clever.invalid", clientId: "id", clientSecret: "secret" };

describe("lib/sync/tokens", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("[security] an oversized token list is refused unread, with a clear error", async () => {
    const huge = new Response("{}", { status: 200, headers: { "content-length": String(CLEVER_LIMITS.maxBodyBytes + 1), "content-type": "application/json" } });
    vi.stubGlobal("fetch", async () => huge);
    await expect(fetchDistrictToken(deps, "5e1ec7ab1e0000000000000d")).rejects.toMatchObject({ code: "malformed_response" });
  });

  it("reads the district's token from a well-formed list", async () => {
    const body = { data: [{ access_token: "district-token", owner: { type: "district", id: "5e1ec7ab1e0000000000000d" } }] };
    vi.stubGlobal("fetch", async () => Response.json(body));
    expect(await fetchDistrictToken(deps, "5e1ec7ab1e0000000000000d")).toBe("district-token");
  });
});
