import { describe, expect, it } from "vitest";
import { cronAuthorized } from "./cron-auth";

describe("cronAuthorized", () => {
  const secret = "a-cron-secret-of-24-chars";

  it("lets in exactly `Bearer <secret>`", () => {
    expect(cronAuthorized(`Bearer ${secret}`, secret)).toBe(true);
  });

  it("refuses a missing, wrong or differently shaped header, and everyone when no secret is configured", () => {
    expect(cronAuthorized(null, secret)).toBe(false);
    expect(cronAuthorized(`Bearer ${secret}x`, secret)).toBe(false);
    expect(cronAuthorized(secret, secret)).toBe(false);
    expect(cronAuthorized(`bearer ${secret}`, secret)).toBe(false);
    expect(cronAuthorized("Bearer ", undefined)).toBe(false);
    expect(cronAuthorized("Bearer undefined", undefined)).toBe(false);
  });
});
