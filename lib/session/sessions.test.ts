// Which cookie counts as the session: on https the `__Host-` one, else the
// old `__Secure-` name (which counts only for sessions started under it:
// session-store.int.test.ts); a plain one could have been planted over http.
import { beforeEach, describe, expect, it, vi } from "vitest";

const jar = new Map<string, string>();
let appUrl = "https://classroom.example.com";

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }),
}));
vi.mock("@/lib/platform/env", () => ({ env: () => ({ AUTH_URL: appUrl, APP_ENV: "production", SESSION_IDLE_MINUTES: 120, SESSION_MAX_HOURS: 12 }) }));

const { currentSessionCookie } = await import("./sessions");

describe("lib/session/sessions", () => {
  beforeEach(() => jar.clear());

  it("[security] on https the __Host- session cookie counts; a plain one never, the old __Secure- name only as such", async () => {
    appUrl = "https://classroom.example.com";
    jar.set("authjs.session-token", "planted");
    expect(await currentSessionCookie()).toBeUndefined();
    jar.set("__Secure-authjs.session-token", "from before the __Host- name");
    expect(await currentSessionCookie()).toEqual({ token: "from before the __Host- name", oldName: true });
    jar.set("__Host-authjs.session-token", "real");
    expect(await currentSessionCookie()).toEqual({ token: "real", oldName: false });
  });

  it("on http (local demo) the plain cookie is the session", async () => {
    appUrl = "http://localhost:3000";
    jar.set("authjs.session-token", "local");
    jar.set("__Secure-authjs.session-token", "never over http");
    expect(await currentSessionCookie()).toEqual({ token: "local", oldName: false });
    jar.delete("authjs.session-token");
    expect(await currentSessionCookie()).toBeUndefined();
  });
});
