import { describe, expect, it } from "vitest";
import { EnvError, isAddressOrRange, parseEnv } from "./env";

const valid = {
  AUTH_SECRET: "x".repeat(40),
  DATABASE_URL: "postgresql://u:p@localhost:5432/db",
  CLEVER_CLIENT_ID: "id",
  CLEVER_CLIENT_SECRET: "secret",
  CLEVER_REDIRECT_URIS: "http://localhost:3000/api/auth/callback/clever",
  TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}`,
};
/** What production needs besides: its operator named, and clients told
 * apart (here: on Vercel). */
const operator = { COMPANY_NAME: "Lumen Learning Ltd", COMPANY_CONTACT_EMAIL: "privacy@lumen.example", VERCEL: "1" };

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("lib/platform/env", () => {
  it("accepts a complete configuration and applies defaults", () => {
    const env = parseEnv(valid);
    expect(env.CLEVER_OAUTH_URL).toBe("https://clever.com");
    expect(env.CLEVER_API_URL).toBe("https://api.clever.com");
    expect(env.SESSION_IDLE_MINUTES).toBe(120);
    expect(env.CLEVER_REDIRECT_URIS).toEqual([valid.CLEVER_REDIRECT_URIS]);
    expect(env.TOKEN_ENCRYPTION_KEYS[0]?.id).toBe("k1");
  });

  it.each(Object.keys(valid))("names %s when it is missing", (name) => {
    const source: Record<string, string | undefined> = { ...valid, [name]: undefined };
    expect(problems(source)).toEqual([`${name}: is missing`]);
  });

  it("reports every problem at once, one line each", () => {
    expect(problems({})).toHaveLength(Object.keys(valid).length);
  });

  it("rejects malformed values with the variable's name", () => {
    const lines = problems({ ...valid, DATABASE_URL: "mysql://x/y", TOKEN_ENCRYPTION_KEYS: "k1:short" });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^DATABASE_URL: /);
    expect(lines[1]).toMatch(/^TOKEN_ENCRYPTION_KEYS: /);
  });

  it("[LIG-06] refuses http or fragment redirect URIs in production", () => {
    const lines = problems({
      ...valid,
      ...operator,
      APP_ENV: "production",
      CLEVER_REDIRECT_URIS: "http://app.example.com/api/auth/callback/clever,https://app.example.com/cb#x,https://app.example.com/ok",
    });
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => line.startsWith("CLEVER_REDIRECT_URIS:"))).toBe(true);
    expect(() => parseEnv({ ...valid, ...operator, APP_ENV: "production", CLEVER_REDIRECT_URIS: "https://app.example.com/api/auth/callback/clever" })).not.toThrow();
  });

  it("[security] AUTH_URL, AUTH_REDIRECT_PROXY_URL and preview origins must be https in production", () => {
    const production = { ...valid, ...operator, APP_ENV: "production", CLEVER_REDIRECT_URIS: "https://app.example.com/api/auth/callback/clever" };
    const lines = problems({ ...production, AUTH_URL: "http://app.example.com", AUTH_REDIRECT_PROXY_URL: "http://app.example.com/api/auth", AUTH_PREVIEW_ORIGINS: "http://*-team.vercel.app" });
    expect(lines.filter((line) => line.startsWith("AUTH_URL:"))).toHaveLength(1);
    expect(lines.some((line) => line.startsWith("AUTH_REDIRECT_PROXY_URL:") && line.includes("https"))).toBe(true);
    expect(lines.some((line) => line.startsWith("AUTH_PREVIEW_ORIGINS:"))).toBe(true);
    expect(() => parseEnv({ ...production, AUTH_URL: "https://app.example.com", AUTH_PREVIEW_ORIGINS: "https://*-team.vercel.app" })).not.toThrow();
  });

  it("[security] production refuses http Clever hosts and the placeholder operator on /privacy and /terms", () => {
    const production = { ...valid, APP_ENV: "production", VERCEL: "1", CLEVER_REDIRECT_URIS: "https://app.example.com/api/auth/callback/clever" };
    const lines = problems({ ...production, CLEVER_OAUTH_URL: "http://clever.example", CLEVER_API_URL: "http://api.clever.example" });
    expect(lines.map((line) => line.split(":")[0]).sort()).toEqual(["CLEVER_API_URL", "CLEVER_OAUTH_URL", "COMPANY_CONTACT_EMAIL", "COMPANY_NAME"]);
    expect(() => parseEnv({ ...production, ...operator })).not.toThrow();
    // Outside production the placeholders and the local Clever's http are fine.
    expect(problems({ ...valid, CLEVER_OAUTH_URL: "http://127.0.0.1:4110" })).toEqual([]);
  });

  it("[security] production refuses to run where rate limits cannot tell clients apart, unless the operator accepts one shared bucket", () => {
    const alone = { ...valid, ...operator, VERCEL: undefined, APP_ENV: "production", CLEVER_REDIRECT_URIS: "https://app.example.com/api/auth/callback/clever" };
    expect(problems(alone)).toEqual([expect.stringMatching(/^TRUSTED_PROXIES: .*SHARED_RATE_LIMITS=accept/)]);
    expect(problems({ ...alone, TRUSTED_PROXIES: "10.0.0.0/8" })).toEqual([]);
    expect(problems({ ...alone, VERCEL: "1" })).toEqual([]);
    expect(problems({ ...alone, SHARED_RATE_LIMITS: "accept" })).toEqual([]);
    expect(problems({ ...alone, SHARED_RATE_LIMITS: "yes" })).toEqual([expect.stringMatching(/^SHARED_RATE_LIMITS: /)]);
    // Outside production nothing is refused (the demo runs alone).
    expect(problems({ ...alone, APP_ENV: "demo" })).toEqual([]);
  });

  it("[security] the primary redirect URI must be this app's Clever callback, and the proxy URL must agree with it", () => {
    expect(problems({ ...valid, CLEVER_REDIRECT_URIS: "http://localhost:3000/somewhere-else" })).toEqual([expect.stringMatching(/^CLEVER_REDIRECT_URIS: .*\/api\/auth\/callback\/clever/)]);
    expect(problems({ ...valid, CLEVER_REDIRECT_URIS: "http://localhost:3000/api/auth/callback/clever?x=1" })).toHaveLength(1);
    expect(problems({ ...valid, AUTH_REDIRECT_PROXY_URL: "http://other.example/api/auth" })).toEqual([expect.stringMatching(/^AUTH_REDIRECT_PROXY_URL: /)]);
    expect(problems({ ...valid, AUTH_REDIRECT_PROXY_URL: "http://localhost:3000/api/auth" })).toEqual([]);
  });

  it("[security] preview origin patterns and trusted proxies are validated", () => {
    expect(problems({ ...valid, AUTH_PREVIEW_ORIGINS: "https://*.app" })).toEqual([expect.stringMatching(/^AUTH_PREVIEW_ORIGINS: /)]);
    expect(problems({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8,localhost" })).toEqual([expect.stringMatching(/^TRUSTED_PROXIES: /)]);
    const env = parseEnv({ ...valid, AUTH_PREVIEW_ORIGINS: "https://*-team.vercel.app, https://x.example.com", TRUSTED_PROXIES: "10.0.0.0/8" });
    expect(env.AUTH_PREVIEW_ORIGINS).toEqual(["https://*-team.vercel.app", "https://x.example.com"]);
    expect(env.TRUSTED_PROXIES).toEqual(["10.0.0.0/8"]);
  });

  it("trusted proxies are IP addresses and CIDR ranges only", () => {
    expect(["10.0.0.1", "10.0.0.0/8", "::1", "fd00::/8", "0.0.0.0/0"].every(isAddressOrRange)).toBe(true);
    expect(["10.0.0.0/33", "localhost", "10.0.0.0/8/1", "::1/129", ""].some(isAddressOrRange)).toBe(false);
  });

  it("the worker's shutdown grace has a safe default and refuses what it cannot use", () => {
    expect(parseEnv(valid)).toMatchObject({ JOBS_SHUTDOWN_GRACE_SECONDS: 25 });
    expect(problems({ ...valid, JOBS_SHUTDOWN_GRACE_SECONDS: "-1" })).toEqual([expect.stringMatching(/^JOBS_SHUTDOWN_GRACE_SECONDS: /)]);
  });
});
