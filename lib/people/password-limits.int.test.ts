// Password attempts against a real PostgreSQL: spraying stops at the
// address, guessing stops per email from that address, guessing one account
// from many addresses slows down, and nobody elsewhere can lock its owner out.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { passwordAccountBackoff, rateLimits } from "@/lib/platform/rate-limit";
import { passwordAttemptAllowed, passwordSucceeded } from "./password-limits";

afterAll(() => db.$disconnect());

const now = new Date("2026-12-01T10:00:05Z");
let seq = 0;
const address = () => `203.0.113.${++seq}`;

describe("password attempt limits", () => {
  it("[security] guessing one account's password from elsewhere cannot lock its owner out", async () => {
    const attacker = address();
    const owner = address();
    const email = `victim-${process.pid}@example.com`;
    const attempts = [];
    // Paced to the account's growing wait, so only the per-address limit stops them.
    let at = now.getTime();
    for (let i = 0; i <= rateLimits.passwordSignIn.limit; i++) {
      if (i >= passwordAccountBackoff.freeAttempts) at += 1000 * 2 ** (i - passwordAccountBackoff.freeAttempts);
      attempts.push(await passwordAttemptAllowed({ address: attacker, email }, new Date(at)));
    }
    expect(attempts.at(-1)).toBe(false);
    expect(attempts.filter(Boolean)).toHaveLength(rateLimits.passwordSignIn.limit);
    // The owner, from their own network, still gets in, whatever the case of the email.
    expect(await passwordAttemptAllowed({ address: owner, email: email.toUpperCase(), knownDevice: true }, now)).toBe(true);
  });

  it("[security] spraying many emails from one address stops at the address and stops adding rows", async () => {
    const sprayer = address();
    let allowed = 0;
    for (let i = 0; i < rateLimits.passwordAddress.limit + 30; i++) {
      if (await passwordAttemptAllowed({ address: sprayer, email: `random-${i}-${process.pid}@example.com` }, now)) allowed += 1;
    }
    expect(allowed).toBe(rateLimits.passwordAddress.limit);
    const perEmail = await db.rateLimit.count({ where: { key: { startsWith: "password-sign-in:random-" }, AND: { key: { endsWith: `|${sprayer}` } } } });
    expect(perEmail).toBe(rateLimits.passwordAddress.limit);
  });

  it("[security] sign-ups (no email to guess) count against the address too", async () => {
    const signups = address();
    const results = [];
    for (let i = 0; i <= rateLimits.passwordAddress.limit; i++) results.push(await passwordAttemptAllowed({ address: signups }, now));
    expect(results.filter(Boolean)).toHaveLength(rateLimits.passwordAddress.limit);
  });

  it("[security] guessing one account from many addresses meets a growing wait, not a lockout; its owner's browser is not slowed", async () => {
    const email = `many-${process.pid}@example.com`;
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    // Each guess from a new address: no per-address limit is ever reached.
    const free = [];
    for (let i = 0; i < passwordAccountBackoff.freeAttempts; i++) free.push(await passwordAttemptAllowed({ address: address(), email }, now));
    expect(free.every(Boolean)).toBe(true);
    // Then one guess a second, two seconds, four… whatever the address.
    expect(await passwordAttemptAllowed({ address: address(), email }, now)).toBe(false);
    expect(await passwordAttemptAllowed({ address: address(), email }, at(1))).toBe(true);
    expect(await passwordAttemptAllowed({ address: address(), email }, at(1.5))).toBe(false);
    expect(await passwordAttemptAllowed({ address: address(), email }, at(3))).toBe(true);
    expect(await passwordAttemptAllowed({ address: address(), email }, at(6))).toBe(false);
    expect(await passwordAttemptAllowed({ address: address(), email }, at(7))).toBe(true);
    // Concurrent guesses share no slot: of twenty at once, at most one goes.
    const burst = await Promise.all(Array.from({ length: 20 }, () => passwordAttemptAllowed({ address: address(), email }, at(16))));
    expect(burst.filter(Boolean)).toHaveLength(1);
    // The wait never grows past its cap: a slowdown, never a lockout.
    const afterCap = at(16 + passwordAccountBackoff.maxWaitSeconds);
    expect(await passwordAttemptAllowed({ address: address(), email }, afterCap)).toBe(true);
    // The owner's browser (signed in here before) is not slowed at all.
    expect(await passwordAttemptAllowed({ address: address(), email, knownDevice: true }, afterCap)).toBe(true);
    // However many tries pile up, the wait stays a number (no overflow): a 500 would lock everyone out.
    await db.rateLimit.update({ where: { key: `${passwordAccountBackoff.name}:${email}` }, data: { count: 5000 } });
    expect(await passwordAttemptAllowed({ address: address(), email }, at(16 + 2 * passwordAccountBackoff.maxWaitSeconds))).toBe(true);
    // A right password starts the count again.
    await passwordSucceeded(email.toUpperCase());
    expect(await passwordAttemptAllowed({ address: address(), email }, afterCap)).toBe(true);
  });
});
