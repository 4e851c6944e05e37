// The app's rate limits: what is limited, how often, per what. A plain module
// (no database), so the end-to-end drivers wait out the same limits a person
// meets (e2e/ui-support.ts, e2e/webkit/steps.ts); lib/rate-limit.ts counts them.
export interface RateLimitRule {
  /** What is limited, e.g. "sync" or "password-sign-in". */
  name: string;
  limit: number;
  windowSeconds: number;
}

export const rateLimits = {
  /** Per network address: a school behind one NAT logs in hundreds at once. */
  authCallback: { name: "auth-callback", limit: 1200, windowSeconds: 60 },
  /** Per network address, for every form that checks a password or creates
   * an account: spraying many emails from one place. */
  passwordAddress: { name: "password-address", limit: 100, windowSeconds: 600 },
  /** Per email *and* address: guessing one account's password. Keyed by both
   * so nobody elsewhere can lock a chosen person out. */
  passwordSignIn: { name: "password-sign-in", limit: 10, windowSeconds: 300 },
  sync: { name: "sync", limit: 1, windowSeconds: 5 },
} satisfies Record<string, RateLimitRule>;
