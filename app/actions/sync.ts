"use server";
// "Sync my classes" (LIG-04, LIB-12, LIB-R06): the signed-in user's own
// roster sync, on demand. Only ever the asking user's; a sync already running
// (its SyncRun row) is reported, not duplicated. The rate limit is a real one
// beside that: a no-change sync ends in well under a second, so without it a
// held key or a script could run sync after sync, each costing Clever calls
// from the district's quota and a SyncRun row.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { validatedActionWithUser } from "@/lib/session";
import { consumeRateLimit, rateLimits } from "@/lib/platform";
import { errorCopy } from "@/lib/platform/error-copy";
import { NO_TOKEN, syncOnDemand } from "@/lib/roster";

export interface SyncActionState {
  status: "idle" | "succeeded" | "failed" | "busy";
  message: string;
  reference?: string;
  /** It failed for want of a Clever token: reconnect to Clever, don't retry. */
  reconnect?: boolean;
}

export const syncMyClasses = validatedActionWithUser(
  {
    role: "any",
    schema: z.object({ intent: z.literal("sync") }),
    invalid: (): SyncActionState => ({ status: "failed", message: errorCopy.sync.invalidRequest }),
  },
  async (_input, user): Promise<SyncActionState> => {
    if (!user.cleverId) {
      return { status: "failed", message: errorCopy.sync.notConnected };
    }
    const limit = await consumeRateLimit(rateLimits.sync, user.id);
    if (!limit.allowed) {
      return { status: "busy", message: errorCopy.sync.tooSoon(limit.retryAfterSeconds) };
    }

    const result = await syncOnDemand(user.id);
    if (result.status === "already_running") {
      return { status: "busy", message: errorCopy.sync.alreadyRunning };
    }
    revalidatePath("/dashboard");
    revalidatePath("/classes");
    if (result.status === "failed") {
      return { status: "failed", message: `${result.message} (Reference ${result.reference})`, reference: result.reference, reconnect: result.code === NO_TOKEN };
    }
    return { status: "succeeded", message: `Synced with Clever: ${result.summary}.` };
  },
);
