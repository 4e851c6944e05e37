// What a person may see, from the roles Clever says they hold: one person
// may teach and be a school admin, or be a district admin who teaches (Clever's
// multi-role users). Each role has its view; the one they signed in as opens
// first, and every page and action asks here whether a role is theirs. Pure.
import type { Role, User } from "@/lib/generated/prisma/client";

export type RoleHolder = Pick<User, "role" | "roles">;

/** The views of the app: a teacher's classes, a student's classes, an admin's schools. */
export type View = "teacher" | "student" | "admin";

const VIEW_OF: Record<Role, View> = { teacher: "teacher", student: "student", school_admin: "admin", district_admin: "admin" };

/** Whether the person holds this role (the one they signed in as, or another Clever lists). */
export function holdsRole(user: RoleHolder, role: Role): boolean {
  return user.role === role || user.roles.includes(role);
}

/** Their views, the signed-in role's first; none for an account without a role. */
export function viewsOf(user: RoleHolder): View[] {
  const roles = user.role ? [user.role, ...user.roles] : user.roles;
  return [...new Set(roles.map((role) => VIEW_OF[role]))];
}

/** The view asked for when it is theirs, else the signed-in role's. */
export function viewOf(user: RoleHolder, asked: string | undefined): View | null {
  const views = viewsOf(user);
  return views.find((view) => view === asked) ?? views[0] ?? null;
}

/** The admin role whose schools the admin view shows: a district admin sees
 * the whole district even if they are also a school's staff. */
export function adminRoleOf(user: RoleHolder): "district_admin" | "school_admin" | null {
  if (holdsRole(user, "district_admin")) return "district_admin";
  return holdsRole(user, "school_admin") ? "school_admin" : null;
}

/** Where a view lives: the dashboard, with the view named when it is not the
 * one the person signed in as. */
export function viewHref(user: RoleHolder, view: View): string {
  return viewsOf(user)[0] === view ? "/dashboard" : `/dashboard?as=${view}`;
}
