// The district-token list is a Clever answer like any other: bounded.
import { afterEach, describe, expect, it, vi } from "vitest";
import { CLEVER_LIMITS } from "@/lib/clever/client";
import { fetchDistrictToken, fetchDistrictTokens } from "./tokens";

const deps = { oauthUrl: "https://clever.invalid", clientId: "id", clientSecret: "secret" };

describe("lib/people/tokens", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("[security] an oversized token list is refused unread, with a clear error", async () => {
    const huge = new Response("{}", { status: 200, headers: { "content-length": String(CLEVER_LIMITS.maxBodyBytes + 1), "content-type": "application/json" } });
    vi.stubGlobal("fetch", async () => huge);
    await expect(fetchDistrictToken(deps, "5e1ec7ab1e0000000000000d")).rejects.toMatchObject({ code: "malformed_response" });
  });

  it("asks for the one district (&district=ID), and still matches entries by district in case Clever ignores it", async () => {
    const asked: string[] = [];
    const body = {
      data: [
        { access_token: "other-token", owner: { type: "district", id: "5e1ec7ab1e0000000000000e" } },
        { access_token: "district-token", owner: { type: "district", id: "5e1ec7ab1e0000000000000d" } },
      ],
      links: [{ rel: "self", uri: "/oauth/tokens?owner_type=district&district=5e1ec7ab1e0000000000000d" }],
    };
    vi.stubGlobal("fetch", async (url: URL) => {
      asked.push(url.toString());
      return Response.json(body);
    });
    expect(await fetchDistrictToken(deps, "5e1ec7ab1e0000000000000d")).toBe("district-token");
    expect(asked).toEqual(["https://clever.invalid/oauth/tokens?owner_type=district&district=5e1ec7ab1e0000000000000d"]);
  });

  it("follows the list's next link on Clever's host, and refuses one pointing elsewhere (the request carries the app's credentials)", async () => {
    const pages: Record<string, unknown> = {
      "/oauth/tokens?owner_type=district": {
        data: [{ access_token: "a-token", owner: { type: "district", id: "5e1ec7ab1e0000000000000a" } }],
        links: [{ rel: "next", uri: "/oauth/tokens?owner_type=district&starting_after=x" }],
      },
      "/oauth/tokens?owner_type=district&starting_after=x": { data: [{ access_token: "b-token", owner: { type: "district", id: "5e1ec7ab1e0000000000000b" } }] },
    };
    vi.stubGlobal("fetch", async (url: URL) => Response.json(pages[`${url.pathname}${url.search}`] ?? { data: [] }));
    expect(await fetchDistrictTokens(deps)).toEqual([
      { districtId: "5e1ec7ab1e0000000000000a", token: "a-token" },
      { districtId: "5e1ec7ab1e0000000000000b", token: "b-token" },
    ]);
    vi.stubGlobal("fetch", async () => Response.json({ data: [], links: [{ rel: "next", uri: "https://elsewhere.invalid/oauth/tokens" }] }));
    await expect(fetchDistrictTokens(deps)).rejects.toMatchObject({ code: "malformed_response" });
  });

  it("reads the district's token from a well-formed list", async () => {
    const body = { data: [{ access_token: "district-token", owner: { type: "district", id: "5e1ec7ab1e0000000000000d" } }] };
    vi.stubGlobal("fetch", async () => Response.json(body));
    expect(await fetchDistrictToken(deps, "5e1ec7ab1e0000000000000d")).toBe("district-token");
  });
});
