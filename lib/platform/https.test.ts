import { describe, expect, it } from "vitest";
import { servedOverHttps } from "./https";

describe("servedOverHttps", () => {
  it("follows a pinned AUTH_URL", () => {
    expect(servedOverHttps({ AUTH_URL: "https://app.example.com", CLEVER_REDIRECT_URIS: "http://localhost:3000/api/auth/callback/clever" })).toBe(true);
    expect(servedOverHttps({ AUTH_URL: "http://localhost:3000", APP_ENV: "production" })).toBe(false);
  });

  it("else follows the primary redirect URI, as a list or as the raw variable", () => {
    expect(servedOverHttps({ CLEVER_REDIRECT_URIS: ["https://app.example.com/api/auth/callback/clever", "http://localhost:3000/api/auth/callback/clever"] })).toBe(true);
    expect(servedOverHttps({ CLEVER_REDIRECT_URIS: " http://localhost:3000/api/auth/callback/clever,https://b.example.com/api/auth/callback/clever" })).toBe(false);
    expect(servedOverHttps({ CLEVER_REDIRECT_URIS: "https://app.example.com/api/auth/callback/clever" })).toBe(true);
  });

  it("with neither, https only in production", () => {
    expect(servedOverHttps({ APP_ENV: "production" })).toBe(true);
    expect(servedOverHttps({ APP_ENV: "demo" })).toBe(false);
  });
});
