// What a teacher reads when a sync fails, by failure code: one table for the
// sync's own answer and for "Don't see a class?" (issue #18).
/** The failure code of a sync that had no valid Clever token: the answer is "Reconnect to Clever", not a retry. */
export const NO_TOKEN = "no_token";

export const SYNC_FAILED_FALLBACK = "Something went wrong while syncing with Clever. Your classes were not changed.";

const friendly: Record<string, string> = {
  [NO_TOKEN]: "Your Clever sign-in has expired. Sign in with Clever again to sync your classes.",
  rate_limited: "Clever is busy right now. Please try again in a minute.",
  unreachable: "We couldn't reach Clever. Please try again in a minute.",
  timeout: "Clever took too long to answer. Please try again in a minute.",
  server_error: "Clever had a problem answering. Please try again in a minute.",
  malformed_response: "Clever sent data we couldn't read, so nothing was changed. Please try again later.",
};

/** The friendly sentence for a sync failure code; unknown or missing codes get the general one. */
export function syncFailureMessage(code: string | null | undefined): string {
  return (code && Object.hasOwn(friendly, code) ? friendly[code] : undefined) ?? SYNC_FAILED_FALLBACK;
}
