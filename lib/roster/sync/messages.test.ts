import { describe, expect, test } from "vitest";
import { SYNC_FAILED_FALLBACK, syncFailureMessage } from "@/lib/roster/sync/messages";

describe("syncFailureMessage", () => {
  test("[LIB-R06] a known failure code gets its own friendly sentence, not the code", () => {
    expect(syncFailureMessage("unreachable")).toBe("We couldn't reach Clever. Please try again in a minute.");
    expect(syncFailureMessage("server_error")).not.toContain("server_error");
  });
  test("[LIB-R06] an unknown, inherited or missing code gets the general sentence", () => {
    expect(syncFailureMessage("internal")).toBe(SYNC_FAILED_FALLBACK);
    expect(syncFailureMessage("toString")).toBe(SYNC_FAILED_FALLBACK);
    expect(syncFailureMessage(null)).toBe(SYNC_FAILED_FALLBACK);
  });
});
