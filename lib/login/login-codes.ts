// One exchange per authorization code. Safari and an iOS app, or a
// double-tapped link, can deliver the same code twice (Clever: "callback
// handlers must be idempotent"). A second exchange would fail (codes work
// once) and, by RFC 6749 §4.1.2, may revoke the token the first one got. So
// the code is claimed, hashed, just before it is exchanged, and a delivery of
// a claimed code is told "already signed in" without reaching Clever.
import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/platform";
import { Prisma } from "@/lib/generated/prisma/client";

/** Clever's codes live a minute; a claim outlives that with room for clocks. */
const CLAIM_LIFETIME_MS = 10 * 60_000;

function hashOf(code: string): string {
  return createHash("sha256").update(code).digest("base64url");
}

/** When this code was claimed for its exchange (null: never, or long ago). */
export async function codeClaimedAt(code: string, now = new Date()): Promise<Date | null> {
  const row = await db.usedLoginCode.findUnique({ where: { codeHash: hashOf(code) }, select: { usedAt: true, expiresAt: true } });
  return row !== null && row.expiresAt > now ? row.usedAt : null;
}

/** Claims the code for this exchange: false when another delivery has it. */
export async function claimCode(code: string, now = new Date()): Promise<boolean> {
  try {
    await db.usedLoginCode.create({ data: { codeHash: hashOf(code), usedAt: now, expiresAt: new Date(now.getTime() + CLAIM_LIFETIME_MS) } });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

/** Gives a claim back when the exchange never got an answer from Clever (it
 * did not answer, or refused with an error): the code was not used here, and
 * a second delivery must not be told it signed anyone in. */
export async function releaseCode(code: string): Promise<void> {
  await db.usedLoginCode.deleteMany({ where: { codeHash: hashOf(code) } });
}

export async function purgeUsedCodes(now = new Date()): Promise<number> {
  const { count } = await db.usedLoginCode.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
