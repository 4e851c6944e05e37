// Which cookie counts as the session: on https only the `__Secure-` one (a
// plain-named cookie can be planted by a sibling subdomain or over http).
import { beforeEach, describe, expect, it, vi } from "vitest";

const jar = new Map<string, string>();
let appUrl = "https://classroom.example.com";

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }),
}));
vi.mock("@/lib/env", () => ({ env: () => ({ AUTH_URL: appUrl, APP_ENV: "production", SESSION_IDLE_MINUTES: 120, SESSION_MAX_HOURS: 12 }) }));

const { currentSessionToken } = await import("./sessions");

describe("lib/auth/sessions", () => {
  beforeEach(() => jar.clear());

  it("[security] on https only the __Secure- session cookie is accepted", async () => {
    appUrl = "https://classroom.example.com";
    jar.set("authjs.session-token", "planted");
    expect(await currentSessionToken()).toBeUndefined();
    jar.set("__Secure-authjs.session-token", "real");
    expect(await currentSessionToken()).toBe("real");
  });

  it("on http (local demo) the plain cookie is the session", async () => {
    appUrl = "http://localhost:3000";
    jar.set("authjs.session-token", "local");
    expect(await currentSessionToken()).toBe("local");
  });
});
