// Password attempts against a real PostgreSQL: spraying stops at the
// address, guessing stops per email from that address, and nobody elsewhere
// can lock a person out.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { rateLimits } from "@/lib/rate-limit";
import { passwordAttemptAllowed } from "./password-limits";

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
    for (let i = 0; i <= rateLimits.passwordSignIn.limit; i++) attempts.push(await passwordAttemptAllowed(attacker, email, now));
    expect(attempts.at(-1)).toBe(false);
    expect(attempts.filter(Boolean)).toHaveLength(rateLimits.passwordSignIn.limit);
    // The owner, from their own network, still gets in, whatever the case of the email.
    expect(await passwordAttemptAllowed(owner, email.toUpperCase(), now)).toBe(true);
  });

  it("[security] spraying many emails from one address stops at the address and stops adding rows", async () => {
    const sprayer = address();
    let allowed = 0;
    for (let i = 0; i < rateLimits.passwordAddress.limit + 30; i++) {
      if (await passwordAttemptAllowed(sprayer, `random-${i}-${process.pid}@example.com`, now)) allowed += 1;
    }
    expect(allowed).toBe(rateLimits.passwordAddress.limit);
    const perEmail = await db.rateLimit.count({ where: { key: { startsWith: "password-sign-in:random-" }, AND: { key: { endsWith: `|${sprayer}` } } } });
    expect(perEmail).toBe(rateLimits.passwordAddress.limit);
  });

  it("[security] sign-ups (no email to guess) count against the address too", async () => {
    const signups = address();
    const results = [];
    for (let i = 0; i <= rateLimits.passwordAddress.limit; i++) results.push(await passwordAttemptAllowed(signups, undefined, now));
    expect(results.filter(Boolean)).toHaveLength(rateLimits.passwordAddress.limit);
  });
});
