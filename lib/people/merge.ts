// Merging two accounts of one person (LIB-07, LIG-08, LIG-09, SYNC-02): the
// absorbed account's rows move to the kept account in one transaction, so
// nothing is lost and nothing is half-done. Who may merge is decided by
// merge-rules.ts, re-checked here under row locks.
import "server-only";
import { db, log, type TokenVault, tokenVault } from "@/lib/platform";
import type { User } from "@/lib/generated/prisma/client";
import { absorbAccount } from "./absorb";
import { decideMerge, type MergeRefusal } from "./merge-rules";

export type MergeResult = { ok: true; user: User } | { ok: false; reason: MergeRefusal };

class Refused extends Error {
  constructor(readonly reason: MergeRefusal) {
    super(reason);
  }
}

/** Joins the signed-in `currentId` with `otherId` (proven by password; the
 * caller has checked the fresh Clever login too). */
export async function mergeAccounts(currentId: string, otherId: string, vault: TokenVault = tokenVault()): Promise<MergeResult> {
  try {
    const user = await db.$transaction(async (tx) => {
      // Lock both rows so a concurrent login or sync cannot write in between.
      await tx.$queryRaw`SELECT id FROM "User" WHERE id IN (${currentId}, ${otherId}) ORDER BY id FOR UPDATE`;
      const [current, other] = await Promise.all([
        tx.user.findUniqueOrThrow({ where: { id: currentId } }),
        tx.user.findUniqueOrThrow({ where: { id: otherId } }),
      ]);
      const decision = decideMerge(current, other);
      if (!decision.ok) throw new Refused(decision.reason);
      const kept = decision.keepId === other.id ? other : current;
      const absorbed = decision.absorbId === current.id ? current : other;
      return absorbAccount(tx, vault, kept, absorbed);
    });
    log.info({ event: "accounts.merged", keptUserId: user.id, absorbedUserId: currentId === user.id ? otherId : currentId }, "accounts merged");
    return { ok: true, user };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    throw error;
  }
}
