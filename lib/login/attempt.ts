// One Clever login, from the code exchange to the session, as Auth.js runs
// it in one request: the one place its steps hand each other what Auth.js
// does not carry between them. Created with the request's configuration
// (auth.ts), written once by the provider's identity step, read by the
// adapter and the signIn event.
import type { User } from "@/lib/generated/prisma/client";

export class LoginAttempt {
  /** The user row provisioning has just written. Auth.js asks the adapter
   * for the login's user twice right after (getUserByAccount): it gets this
   * row instead of two reads of what was just written. */
  user: User | null = null;
  /** This login changed what the user's sync reads (a role or a district
   * granted or taken away): the login syncs even if it synced moments ago. */
  rosterScopeChanged = false;

  provisioned(user: User, rosterScopeChanged: boolean): void {
    this.user = user;
    this.rosterScopeChanged = rosterScopeChanged;
  }

  /** The provisioned row when it is this Clever user's, else null. */
  userWithCleverId(cleverId: string): User | null {
    return this.user?.cleverId === cleverId ? this.user : null;
  }
}
