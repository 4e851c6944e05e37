"use server";
// "Apply these changes" (SS-R6, ROLL-05): a district admin applies the full
// sync that was held because it would archive an unusual share of their
// district. Who is asking and which district is theirs are checked again
// here (lib/roster applyHeldSync), never taken from the form; the form names
// only the hold they saw, so a double click, or a newer hold, applies
// nothing unseen.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedActionWithUser } from "@/lib/session";
import { log, newReference } from "@/lib/platform";
import { errorCopy } from "@/lib/platform/error-copy";
import { applyHeldSync } from "@/lib/roster";

export interface HeldSyncActionState {
  status: "idle" | "applied" | "failed";
  message: string;
}

export const applyHeldDistrictSync = validatedActionWithUser(
  {
    role: "any",
    schema: z.object({ reference: z.string().regex(/^HOLD-[0-9A-Z]{1,32}$/) }),
    invalid: (): HeldSyncActionState => ({ status: "failed", message: errorCopy.heldSync.invalidRequest }),
  },
  async ({ reference }, user): Promise<HeldSyncActionState> => {
    let result;
    try {
      result = await applyHeldSync(user, reference);
    } catch (error) {
      const ref = newReference();
      log.error({ reference: ref, hold: reference, reason: error instanceof Error ? error.message : String(error) }, "applying a held district sync failed");
      return { status: "failed", message: errorCopy.heldSync.failed(ref) };
    }
    revalidatePath("/dashboard");
    switch (result.status) {
      case "applied":
        return { status: "applied", message: "Applied. The sync's changes are in place, and nothing is held any more." };
      case "not_allowed":
        return { status: "failed", message: errorCopy.heldSync.notAllowed };
      case "not_held":
        return { status: "failed", message: errorCopy.heldSync.notHeld };
      case "other_hold":
        return { status: "failed", message: errorCopy.heldSync.otherHold };
    }
  },
);
