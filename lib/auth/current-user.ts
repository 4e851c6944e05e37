// Who is asking, from the database session (one query per request, cached).
import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { User } from "@/lib/generated/prisma/client";
import { loadLiveSession } from "./session-store";
import { currentSessionToken } from "./sessions";

const currentSession = cache(async (): Promise<{ user: User | null; hadCookie: boolean }> => {
  const token = await currentSessionToken();
  if (!token) return { user: null, hadCookie: false };
  const live = await loadLiveSession(token);
  return { user: live?.user ?? null, hadCookie: true };
});

/** The signed-in user, or null (no session, or it ended). */
export async function getCurrentUser(): Promise<User | null> {
  return (await currentSession()).user;
}

/** The signed-in user; otherwise the login page, or the logged-out screen
 * when the browser's session has just ended (idle or maximum lifetime). */
export async function requireUser(): Promise<User> {
  const { user, hadCookie } = await currentSession();
  if (user) return user;
  redirect(hadCookie ? "/logged-out?reason=expired" : "/login");
}

export async function requireTeacher(): Promise<User> {
  const user = await requireUser();
  if (user.role !== "teacher") redirect("/dashboard");
  return user;
}

export async function requireStudent(): Promise<User> {
  const user = await requireUser();
  if (user.role !== "student") redirect("/dashboard");
  return user;
}
