// Clever's rate limits: a fixed window per bearer token (default 1200
// requests per minute), reported on every response in X-RateLimit-* headers.
// As recorded, a window starts at the token's first request (not on the
// clock's minute) and the bucket header says "bearer".
import type { AccessToken } from "./store";

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitRule = { limit: 1200, windowMs: 60_000 };

/** One user's tokens, one district's district-app token, or (neither) everyone. */
export interface RateLimitScope {
  user?: string;
  district?: string;
}

export interface RateLimitResult {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private base: RateLimitRule;
  private readonly byUser = new Map<string, RateLimitRule>();
  private readonly byDistrict = new Map<string, RateLimitRule>();
  /** Per token, with the scope it counts for ("user:ID" or "district:ID"). */
  private readonly counters = new Map<string, { windowStart: number; count: number; owner: string }>();

  constructor(private readonly defaults: RateLimitRule = DEFAULT_RATE_LIMIT) {
    this.base = { ...defaults };
  }

  /** A rule for one user's tokens, one district's district-app token, or (neither) everyone. */
  set(rule: RateLimitRule, scope: RateLimitScope = {}): void {
    if (scope.user !== undefined) this.byUser.set(scope.user, rule);
    else if (scope.district !== undefined) this.byDistrict.set(scope.district, rule);
    else this.base = rule;
    // A new rule starts counting afresh, so tests see exactly its limit; only
    // its own scope's counts, so parallel tests of other users keep theirs.
    this.forgetCounts(scope);
  }

  /** Back to the defaults (createSandbox's rateLimit option, else 1200/min):
   * one user's or one district's rule, or (neither) every rule. */
  reset(scope: RateLimitScope = {}): void {
    if (scope.user !== undefined) this.byUser.delete(scope.user);
    else if (scope.district !== undefined) this.byDistrict.delete(scope.district);
    else {
      this.base = { ...this.defaults };
      this.byUser.clear();
      this.byDistrict.clear();
    }
    this.forgetCounts(scope);
  }

  private forgetCounts(scope: RateLimitScope): void {
    const owner = scope.user !== undefined ? `user:${scope.user}` : scope.district !== undefined ? `district:${scope.district}` : undefined;
    if (owner === undefined) return this.counters.clear();
    for (const [token, counter] of this.counters) if (counter.owner === owner) this.counters.delete(token);
  }

  rules(): { default: RateLimitRule; users: Record<string, RateLimitRule>; districts: Record<string, RateLimitRule> } {
    return { default: this.base, users: Object.fromEntries(this.byUser), districts: Object.fromEntries(this.byDistrict) };
  }

  private ruleFor(token: AccessToken): RateLimitRule {
    const scoped = token.kind === "user" ? this.byUser.get(token.userId) : this.byDistrict.get(token.districtId);
    return scoped ?? this.base;
  }

  /** Counts one request of `token` at `nowMs`. */
  hit(token: AccessToken, nowMs: number): RateLimitResult {
    const rule = this.ruleFor(token);
    let counter = this.counters.get(token.token);
    if (!counter || nowMs >= counter.windowStart + rule.windowMs) {
      counter = { windowStart: nowMs, count: 0, owner: token.kind === "user" ? `user:${token.userId}` : `district:${token.districtId}` };
      this.counters.set(token.token, counter);
    }
    const { windowStart } = counter;
    const allowed = counter.count < rule.limit;
    if (allowed) counter.count += 1;
    return {
      allowed,
      headers: {
        "x-ratelimit-bucket": "bearer",
        "x-ratelimit-limit": String(rule.limit),
        "x-ratelimit-remaining": String(Math.max(0, rule.limit - counter.count)),
        "x-ratelimit-reset": String(Math.ceil((windowStart + rule.windowMs) / 1000)),
      },
    };
  }
}
