// What a teacher reads when a sync fails, by failure code: one lookup for the
// sync's own answer and for "Don't see a class?" (issue #18). The sentences
// are in lib/platform/error-copy.ts.
import { errorCopy } from "@/lib/platform/error-copy";

/** The failure code of a sync that had no valid Clever token: the answer is "Reconnect to Clever", not a retry. */
export const NO_TOKEN = "no_token";

export const SYNC_FAILED_FALLBACK = errorCopy.sync.failed;

// The expired token has its own sentence: a typecheck failure if it is gone.
const friendly: Readonly<Record<string, string>> = errorCopy.sync.byCode satisfies Record<typeof NO_TOKEN, string>;

/** The friendly sentence for a sync failure code; unknown or missing codes get the general one. */
export function syncFailureMessage(code: string | null | undefined): string {
  return (code && Object.hasOwn(friendly, code) ? friendly[code] : undefined) ?? SYNC_FAILED_FALLBACK;
}
