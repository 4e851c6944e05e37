// Who the user is, as /userinfo and the OIDC id_token tell it. The shape is
// Clever's documented /userinfo example (dev.clever.com, "The /userinfo
// Endpoint"); there is no Swagger definition for it.
import type { PersonName, UserRef } from "./types";

export interface UserinfoBody {
  sub: string;
  user_id: string;
  multi_role_user_id: string;
  user_type: string;
  district_id?: string;
  district?: string;
  email?: string;
  name: { first: string; middle: string; last: string };
  schools: string[];
  given_name: string;
  family_name: string;
  email_verified: false;
  authorized_by: "district" | "teacher";
}

function personName(user: UserRef): { first: string; middle: string; last: string } {
  const n: PersonName = typeof user.object.name === "object" && user.object.name !== null ? user.object.name : {};
  // The docs' example sends every part, an empty middle included.
  return { first: n.first ?? "", middle: n.middle ?? "", last: n.last ?? "" };
}

/** GET /userinfo for a user. Library users carry no district fields. */
export function userinfoBody(user: UserRef): UserinfoBody {
  const sub = user.v3Id;
  const name = personName(user);
  const obj = user.object;
  const body: UserinfoBody = {
    sub,
    user_id: user.id,
    // The multi-role ID is the v3 ID (one for all of a user's roles), as in the docs' example;
    // user_id/user_type are the role of this login. Clever's pages name
    // school staff "staff" (v2's school admins).
    multi_role_user_id: sub,
    user_type: user.type === "school_admin" ? "staff" : user.type,
    name,
    schools: [...(obj.schools ?? []), ...(typeof obj.school === "string" && !(obj.schools ?? []).includes(obj.school) ? [obj.school] : [])],
    given_name: name.first,
    family_name: name.last,
    // Clever does not verify e-mail addresses.
    email_verified: false,
    authorized_by: user.sharing,
  };
  if (user.sharing === "district" && typeof obj.district === "string") {
    body.district_id = obj.district;
    body.district = obj.district;
  }
  if (typeof obj.email === "string" && obj.email.length > 0) body.email = obj.email;
  return body;
}

/** The Clever claims of an id_token (besides iss/aud/iat/exp/nonce); no authorized_by. */
export function idTokenClaims(user: UserRef): Record<string, unknown> {
  const info = userinfoBody(user);
  const claims: Record<string, unknown> = {
    sub: info.sub,
    user_id: info.user_id,
    user_type: info.user_type,
    district: info.district,
    multi_role_user_id: info.multi_role_user_id,
    email_verified: info.email_verified,
    given_name: info.given_name,
    family_name: info.family_name,
  };
  if (info.email !== undefined) claims.email = info.email;
  return claims;
}
