// Who is asking, from the database session (one query per request, cached).
import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Session } from "@/lib/generated/prisma/client";
import { holdsRole } from "@/lib/people";
import { lookUpSession, type SessionEnd, type SignedInUser } from "./session-store";
import { currentSessionCookie } from "./sessions";

const currentSession = cache(async (): Promise<{ user: SignedInUser | null; session: Session | null; ended: SessionEnd | null }> => {
  const cookie = await currentSessionCookie();
  if (!cookie) return { user: null, session: null, ended: null };
  const found = await lookUpSession(cookie.token, cookie);
  if (found && "session" in found) return { user: found.user, session: found.session, ended: null };
  // A cookie with no session behind it: ended earlier (by another tab, or a
  // purge). Under the old name it may be a planted one: as good as none.
  return { user: null, session: null, ended: found?.ended ?? (cookie.oldName ? null : "expired") };
});

/** The signed-in user, or null (no session, or it ended). */
export async function getCurrentUser(): Promise<SignedInUser | null> {
  return (await currentSession()).user;
}

/** The signed-in user; otherwise the login page, or the logged-out screen
 * when the browser's session has just ended, saying why (idle or maximum
 * lifetime; Clever no longer shares the person; the district disconnected
 * the app). */
export async function requireUser(): Promise<SignedInUser> {
  const { user, ended } = await currentSession();
  if (user) return user;
  if (ended === "district_disconnected") redirect("/logged-out?reason=district");
  // Unshared or deleted in Clever (every role gone): access ended with Clever's.
  if (ended === "archived") redirect("/logged-out?reason=unshared");
  redirect(ended ? "/logged-out?reason=expired" : "/login");
}

/** Merging accounts needs a Clever login this recent, in this browser. */
const MERGE_LOGIN_MAX_AGE_MINUTES = 5;

/** Whether this browser completed a Clever login within the last
 * MERGE_LOGIN_MAX_AGE_MINUTES: what merging accounts asks for, so an
 * unattended or stolen session alone cannot join someone's Clever identity
 * to another account. */
export async function hasFreshCleverLogin(now = new Date()): Promise<boolean> {
  const { session } = await currentSession();
  return isFreshCleverLogin(session, MERGE_LOGIN_MAX_AGE_MINUTES, now);
}

function isFreshCleverLogin(session: Pick<Session, "cleverLoginAt"> | null, maxAgeMinutes: number, now = new Date()): boolean {
  const at = session?.cleverLoginAt;
  return Boolean(at && at <= now && now.getTime() - at.getTime() <= maxAgeMinutes * 60_000);
}

/** Who a page or action is for: "any" is every signed-in user. */
export type RequiredRole = "teacher" | "student" | "any";

/** The signed-in user, holding that role (lib/people/roles.ts); anyone else
 * goes to their dashboard. */
export async function requireRole(role: RequiredRole): Promise<SignedInUser> {
  const user = await requireUser();
  if (role !== "any" && !holdsRole(user, role)) redirect("/dashboard");
  return user;
}

export async function requireTeacher(): Promise<SignedInUser> {
  return requireRole("teacher");
}
