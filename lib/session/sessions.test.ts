// Which cookie counts as the session: on https only the `__Host-` one (any
// other name can be planted by a sibling subdomain or over http).
import { beforeEach, describe, expect, it, vi } from "vitest";

const jar = new Map<string, string>();
let appUrl = "https://classroom.example.com";

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }),
}));
vi.mock("@/lib/platform/env", () => ({ env: () => ({ AUTH_URL: appUrl, APP_ENV: "production", SESSION_IDLE_MINUTES: 120, SESSION_MAX_HOURS: 12 }) }));

const { currentSessionToken } = await import("./sessions");

describe("lib/session/sessions", () => {
  beforeEach(() => jar.clear());

  it("[security] on https only the __Host- session cookie is accepted: a plain or __Secure- one may have been planted", async () => {
    appUrl = "https://classroom.example.com";
    jar.set("authjs.session-token", "planted");
    jar.set("__Secure-authjs.session-token", "planted by a sibling subdomain");
    expect(await currentSessionToken()).toBeUndefined();
    jar.set("__Host-authjs.session-token", "real");
    expect(await currentSessionToken()).toBe("real");
  });

  it("on http (local demo) the plain cookie is the session", async () => {
    appUrl = "http://localhost:3000";
    jar.set("authjs.session-token", "local");
    expect(await currentSessionToken()).toBe("local");
  });
});
