import { describe, expect, it } from "vitest";
import { clientAddress, networkOf, UNIDENTIFIED } from "./client-address";

const headers = (values: Record<string, string>) => new Headers(values);
const direct = { vercel: false, trustedProxies: [] };
const behindProxy = { vercel: false, trustedProxies: ["10.0.0.0/8", "::1"] };

describe("lib/platform/client-address", () => {
  it("[security] a client's own X-Forwarded-For is not believed without a trusted proxy", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.9" }), direct)).toBe(UNIDENTIFIED);
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.1" }), direct)).toBe(UNIDENTIFIED);
    expect(clientAddress(headers({}), direct)).toBe(UNIDENTIFIED);
  });

  it("[security] behind trusted proxies the address is the first untrusted hop from the right", () => {
    // The client claimed 1.2.3.4; our proxy appended what it saw.
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }), behindProxy)).toBe("203.0.113.9");
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9, 10.1.2.3" }), behindProxy)).toBe("203.0.113.9");
    expect(clientAddress(headers({ "x-forwarded-for": "::ffff:203.0.113.9" }), behindProxy)).toBe("203.0.113.9");
    expect(clientAddress(headers({ "x-forwarded-for": "10.1.2.3" }), behindProxy)).toBe("10.1.2.3");
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4, not-an-ip" }), behindProxy)).toBe(UNIDENTIFIED);
  });

  it("[security] on Vercel the platform's x-real-ip is the address, whatever the client sent", () => {
    const vercel = { vercel: true, trustedProxies: [] };
    expect(clientAddress(headers({ "x-real-ip": "203.0.113.9", "x-forwarded-for": "1.2.3.4" }), vercel)).toBe("203.0.113.9");
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4" }), vercel)).toBe(UNIDENTIFIED);
  });

  it("[security] an IPv6 client is limited by its /64, so rotating addresses inside it changes nothing; IPv4 by address", () => {
    expect(networkOf("2001:db8:abcd:12:1::7")).toBe("2001:db8:abcd:12::/64");
    expect(networkOf("2001:0db8:abcd:0012:ffff:ffff:ffff:ffff")).toBe("2001:db8:abcd:12::/64");
    expect(networkOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(networkOf("203.0.113.9")).toBe("203.0.113.9");
    expect(networkOf(UNIDENTIFIED)).toBe(UNIDENTIFIED);
  });

  it("[security] the IPv6 prefix is configurable: a provider handing out /56s is counted by its /56", () => {
    expect(networkOf("2001:db8:abcd:12ff:1::7", 56)).toBe("2001:db8:abcd:1200::/56");
    expect(networkOf("2001:db8:abcd:12aa::9", 56)).toBe(networkOf("2001:db8:abcd:1201::1", 56));
    expect(networkOf("2001:db8::1", 48)).toBe("2001:db8:0::/48");
    expect(networkOf("2001:db8::1", 128)).toBe("2001:db8:0:0:0:0:0:1/128");
  });
});
