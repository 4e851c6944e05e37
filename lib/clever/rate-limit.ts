// Clever's rate limit as Clever signals it: 1,200 requests a minute per bearer
// token in fixed one-minute windows, told on every response by
// X-RateLimit-Limit / -Remaining / -Reset (Unix seconds), with no Retry-After
// on a 429 (dev.clever.com "Rate Limiting"). What the last answer said is kept
// per token for the whole process, so every client of one token (a district
// token serves many syncs at once) paces itself from the same figures.
import { createHash } from "node:crypto";

export interface RateWindow {
  limit: number;
  remaining: number;
  /** Epoch ms when the window ends. */
  resetAt: number;
}

/** Clever's windows are one minute long: a Reset further away than this is a
 * clock difference, not a reason to wait longer. */
const MAX_WINDOW_MS = 60_000;

const windows = new Map<string, RateWindow>();

/** The process's key for a token's window (never the token itself). */
export function bucketOf(token: string): string {
  return createHash("sha256").update(token).digest("base64url").slice(0, 22);
}

function headerNumber(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/** The window a response describes, if it carries Clever's headers. */
export function readRateHeaders(headers: Headers, now: number): RateWindow | undefined {
  const limit = headerNumber(headers, "x-ratelimit-limit");
  const remaining = headerNumber(headers, "x-ratelimit-remaining");
  const reset = headerNumber(headers, "x-ratelimit-reset");
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  const resetAt = Math.min(Math.max(reset * 1000, now), now + MAX_WINDOW_MS);
  return { limit, remaining: Math.min(remaining, limit), resetAt };
}

/** Windows kept before ended ones are swept out (one per token seen). */
const SWEEP_AT = 5_000;

export function recordWindow(bucket: string, window: RateWindow, now = Date.now()): void {
  windows.set(bucket, window);
  if (windows.size > SWEEP_AT) for (const [key, known] of windows) if (known.resetAt <= now) windows.delete(key);
}

/** Counts a request about to be sent, so parallel requests of one token do
 * not all spend the same last request. */
export function spendRequest(bucket: string, now: number): void {
  const window = windows.get(bucket);
  if (window && window.resetAt > now) window.remaining = Math.max(0, window.remaining - 1);
}

/** How long to wait before the next request of this token (0: go now), keeping
 * `reserve` requests of the window unspent, and when the window will have room.
 * A login (no reserve) spends what is left at once; a client keeping a
 * reserve spreads its last requests over the rest of the window once fewer
 * than three reserves remain, so it does not stall at the reserve early. */
export function paceFor(bucket: string, now: number, reserve = 0): { waitMs: number; resetAt?: number } {
  const window = windows.get(bucket);
  if (!window || window.resetAt <= now) return { waitMs: 0 };
  const left = window.resetAt - now;
  const usable = window.remaining - reserve;
  if (usable <= 0) return { waitMs: left, resetAt: window.resetAt };
  if (reserve > 0 && window.remaining <= reserve * 3) return { waitMs: Math.floor(left / usable), resetAt: window.resetAt };
  return { waitMs: 0 };
}

/** How many requests of a window a sync that nobody is waiting for must leave
 * to logins (a twentieth: 60 of Clever's 1,200). */
export function reserveFor(limit: number): number {
  return Math.ceil(limit / 20);
}

/** The reserve for the token's current window (0 while unknown). */
export function reserveOf(bucket: string): number {
  const window = windows.get(bucket);
  return window ? reserveFor(window.limit) : 0;
}
