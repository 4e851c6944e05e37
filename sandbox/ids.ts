// Clever user IDs across API versions. v3 IDs differ from v2 IDs for everyone
// but students (CLEVER-TODAY.md, "API versions"); the sandbox derives them
// deterministically so tests and later v3 endpoints agree on one mapping.
import { createHash } from "node:crypto";
import type { UserType } from "./types";

/** The v3 (and /userinfo `sub`) ID of a user with this v2 ID. */
export function v3UserId(v2Id: string, type: UserType): string {
  if (type === "student") return v2Id;
  return createHash("sha1").update(`clever-sandbox-v3:${v2Id}`).digest("hex").slice(0, 24);
}
