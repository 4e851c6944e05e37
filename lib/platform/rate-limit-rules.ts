// The app's rate limits: what is limited, how often, per what. A plain module
// (no database), so the end-to-end drivers wait out the same limits a person
// meets (e2e/ui-support.ts, e2e/webkit/steps.ts); lib/platform/rate-limit.ts counts them.
export interface RateLimitRule {
  /** What is limited, e.g. "sync" or "password-sign-in". */
  name: string;
  limit: number;
  windowSeconds: number;
}

/** A growing wait between attempts at one subject after `freeAttempts` in a
 * row without a success: 1 s, 2 s, 4 s… up to `maxWaitSeconds`. A slowdown,
 * never a lockout: whoever waits gets their try. Forgotten after a quiet day. */
export interface BackoffRule {
  name: string;
  freeAttempts: number;
  maxWaitSeconds: number;
  forgetAfterSeconds: number;
}

/** Per account (its email), from any address: guessing one password from
 * many addresses. A browser its owner signed in from before skips it
 * (lib/people/known-device.ts), so an attacker slows only strangers. */
export const passwordAccountBackoff: BackoffRule = { name: "password-account", freeAttempts: 5, maxWaitSeconds: 300, forgetAfterSeconds: 86_400 };

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
