// Who signed in, as the app needs it, from whichever of Clever's three
// answers the login had: a verified id_token (OIDC apps, district logins),
// /userinfo (one call), or /me plus the user's own record (the fallback).
// Each source is mapped here, at the edge; provisioning never sees which.
import type { CleverApiVersion, CleverClient } from "./client";
import type { CleverGrade, CleverIdTokenClaims, CleverMe, CleverName, CleverUserinfo } from "./schemas";
import type { CleverRoleRecord } from "./v3";

export type CleverLoginRole = "teacher" | "student" | "school_admin" | "district_admin";

export interface CleverLogin {
  /** The Clever ID in the API version this deployment speaks (v2 or v3). */
  cleverId: string;
  /** Other IDs Clever gives for this user (on v3.1: the v2 one), by which an
   * account made before a version switch is found. */
  formerIds: string[];
  /** Clever's one ID for a person across their roles (/userinfo and
   * id_tokens: `multi_role_user_id`): on v2.1, where each role has its own
   * ID, it ties a teacher's login to the same person's staff login. */
  multiRoleUserId: string | null;
  role: CleverLoginRole;
  authorizedBy: "district" | "teacher";
  /** District-shared users only. */
  districtId: string | null;
  /** Absent parts were not in this source (an id_token has no middle name). */
  name: CleverName | null;
  email: string | null;
  schoolIds: string[];
  /** Only when the source was the student's record; undefined: not known. */
  grade?: CleverGrade | null;
  source: "id_token" | "userinfo" | "me";
}

/** What a login type names: a role this app serves ("staff" are v2's school
 * admins), "contact" (a family member, not served), or null for any other
 * value, whose role the user's record must tell. */
function loginRoleOf(type: string): CleverLoginRole | "contact" | null {
  switch (type.trim().toLowerCase().replace(/\s+/g, "_")) {
    case "teacher":
      return "teacher";
    case "student":
      return "student";
    case "staff":
    case "school_admin":
      return "school_admin";
    case "district_admin":
      return "district_admin";
    case "contact":
      return "contact";
    default:
      return null;
  }
}

/** An answer that does not say who signed in as a role: a kind of user the
 * app does not serve, or a type it does not know (the user's record then
 * says; lib/login/identity.ts). */
export type UnreadLogin = { notServed: string } | { unknownType: string };

/** Who shared the user: Clever says so (v2.1 /me, /userinfo); where it does
 * not (v2.0), a district on the user means the district did (seed 004). A
 * user shared both ways is the district's (Clever routes them there). */
export function authorizedByOf(authorizedBy: "district" | "teacher" | undefined, districtId: string | null | undefined): "district" | "teacher" {
  return authorizedBy ?? (districtId ? "district" : "teacher");
}

/** Which ID is the user's in the API version this deployment speaks: /userinfo
 * and id_tokens give both (`sub` is the v3 one, `user_id` the v2 one). */
function idFor(version: CleverApiVersion, ids: { sub: string; user_id: string }): string {
  return version === "v3.1" ? ids.sub : ids.user_id;
}

/** On v3.1, the v2 ID a user may still be stored under. */
function formerIdsFor(version: CleverApiVersion, ids: { sub: string; user_id: string }): string[] {
  return version === "v3.1" && ids.user_id !== ids.sub ? [ids.user_id] : [];
}

export function loginFromUserinfo(info: CleverUserinfo, version: CleverApiVersion = "v2.1"): CleverLogin | UnreadLogin {
  const role = loginRoleOf(info.user_type);
  if (role === "contact") return { notServed: info.user_type };
  if (role === null) return { unknownType: info.user_type };
  const district = info.district_id ?? info.district ?? null;
  const authorizedBy = authorizedByOf(info.authorized_by, district);
  return {
    cleverId: idFor(version, info),
    formerIds: formerIdsFor(version, info),
    multiRoleUserId: info.multi_role_user_id ?? null,
    role,
    authorizedBy,
    districtId: authorizedBy === "district" ? district : null,
    name: info.name ?? { first: info.given_name, last: info.family_name },
    email: info.email ?? null,
    schoolIds: info.schools ?? [],
    source: "userinfo",
  };
}

/** A verified id_token's claims, or null when they cannot say who signed in
 * (no district, or a type that is not a role this app serves: then
 * /userinfo must be asked). Clever gives id_tokens to district logins only,
 * so a district claim means district-shared. */
export function loginFromIdToken(claims: CleverIdTokenClaims, version: CleverApiVersion = "v2.1"): CleverLogin | null {
  const role = loginRoleOf(claims.user_type);
  if (!claims.district || role === null || role === "contact") return null;
  return {
    cleverId: idFor(version, claims),
    formerIds: formerIdsFor(version, claims),
    multiRoleUserId: claims.multi_role_user_id ?? null,
    role,
    authorizedBy: "district",
    districtId: claims.district,
    name: { first: claims.given_name, last: claims.family_name },
    email: claims.email ?? null,
    schoolIds: [],
    source: "id_token",
  };
}

/** /me and the user's record in the role the login is in. */
export function loginFromMe(me: CleverMe, { role, record }: CleverRoleRecord): CleverLogin {
  if (record.id !== me.data.id) throw new TypeError("the user's record and /me disagree on the Clever ID");
  const authorizedBy = authorizedByOf(me.data.authorized_by, me.data.district);
  const district = me.data.district ?? record.district ?? null;
  const school = "school" in record && typeof record.school === "string" ? [record.school] : [];
  const schools = "schools" in record && Array.isArray(record.schools) ? record.schools : [];
  return {
    cleverId: me.data.id,
    // A v3 record's role names its v2 ID (lib/clever/v3.ts).
    formerIds: typeof record.legacy_id === "string" && record.legacy_id !== me.data.id ? [record.legacy_id] : [],
    // /me names one role's record; on v3.1 its ID is the person's already.
    multiRoleUserId: null,
    role,
    authorizedBy,
    districtId: authorizedBy === "district" ? district : null,
    name: record.name ?? null,
    email: record.email ?? null,
    schoolIds: [...new Set([...school, ...schools])],
    ...(role === "student" ? { grade: record.grade ?? null } : {}),
    source: "me",
  };
}

/** The fallback, for when /userinfo is unavailable or names no role: /me,
 * then the user's record of the role /me names (seed 004), or, when /me
 * names none (v3's "user", or a type the app does not know), the record in
 * whichever role it holds. "district": the token is a district's, not a
 * user's. */
export async function readLoginThroughMe(client: CleverClient): Promise<CleverLogin | { notServed: string } | "district"> {
  const me = await client.me();
  if (me.type === "district") return "district";
  const id = me.data.id;
  const role = loginRoleOf(me.type);
  switch (role) {
    case "teacher":
      return loginFromMe(me, { role, record: await client.teacher(id) });
    case "student":
      return loginFromMe(me, { role, record: await client.student(id) });
    case "district_admin":
      return loginFromMe(me, { role, record: await client.districtAdmin(id) });
    case "school_admin":
      return loginFromMe(me, { role, record: await client.schoolAdmin(id) });
    case "contact":
      return { notServed: me.type };
    case null: {
      const found = await client.userInAnyRole(id);
      return found ? loginFromMe(me, found) : { notServed: me.type };
    }
  }
}
