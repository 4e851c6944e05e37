// Each of Clever's identity answers mapped to who signed in, including the
// /me shape of Clever's own documented examples (type only inside data).
import { describe, expect, test } from "vitest";
import { authorizedByOf, loginFromIdToken, loginFromMe, loginFromUserinfo } from "./login-identity";
import { cleverIdTokenClaimsSchema, cleverMeSchema, cleverUserinfoSchema } from "./schemas";

const ID = "64f0e2876b100a053fbf9c6e";
const V3 = "64f0e2926b100a053fc08e14";
const DISTRICT = "64ef5e6c8d6b17762d094e48";

describe("/me", () => {
  test("[clever-today] the documented shape (seed 004: type only inside data) and the recorded one (top-level type) both parse", () => {
    const documented = cleverMeSchema.parse({ data: { id: ID, type: "teacher", district: DISTRICT } });
    const recorded = cleverMeSchema.parse({ type: "teacher", data: { id: ID, district: DISTRICT, authorized_by: "district" }, links: [{ rel: "self", uri: "/me" }] });
    expect(documented.type).toBe("teacher");
    expect(recorded.type).toBe("teacher");
    expect(cleverMeSchema.safeParse({ data: { id: ID } }).success).toBe(false);
  });

  test("[clever-today] /me and the record: a v2.0 /me without authorized_by but with a district is district-shared", () => {
    const me = cleverMeSchema.parse({ data: { id: ID, type: "student", district: DISTRICT } });
    const login = loginFromMe(me, { role: "student", record: { id: ID, name: { first: "Kai", last: "N" }, grade: "4", school: "a1" } });
    expect(login).toMatchObject({ cleverId: ID, role: "student", authorizedBy: "district", districtId: DISTRICT, grade: "4", schoolIds: ["a1"], source: "me" });
  });
});

describe("/userinfo", () => {
  test("[clever-today] Clever's documented example: the v2 id, district-shared, names, no grade", () => {
    const info = cleverUserinfoSchema.parse({
      sub: V3,
      user_id: ID,
      multi_role_user_id: V3,
      user_type: "teacher",
      district_id: DISTRICT,
      district: DISTRICT,
      email: "jp@example.com",
      name: { first: "John-Paul", last: "Johnson", middle: "" },
      schools: [],
      given_name: "John-Paul",
      family_name: "Johnson",
      email_verified: false,
      authorized_by: "district",
    });
    expect(loginFromUserinfo(info)).toEqual({
      cleverId: ID,
      formerIds: [],
      // On v2.1 each role has its own ID; this one ties the person's roles.
      multiRoleUserId: V3,
      role: "teacher",
      authorizedBy: "district",
      districtId: DISTRICT,
      name: { first: "John-Paul", last: "Johnson", middle: "" },
      email: "jp@example.com",
      schoolIds: [],
      source: "userinfo",
    });
  });

  test("[clever-today] on v3.1 the user is known by the v3 ID (sub), and the v2 one finds an account made before the switch", () => {
    const info = cleverUserinfoSchema.parse({ sub: V3, user_id: ID, user_type: "teacher", authorized_by: "district", district_id: DISTRICT });
    expect(loginFromUserinfo(info, "v3.1")).toMatchObject({ cleverId: V3, formerIds: [ID] });
    expect(loginFromUserinfo(info, "v2.1")).toMatchObject({ cleverId: ID, formerIds: [] });
  });

  test("[clever-today] v3 staff are school admins; family contacts are not served; a type the app does not know is read, not refused", () => {
    const base = { sub: V3, user_id: ID, authorized_by: "district" as const, district_id: DISTRICT };
    expect(loginFromUserinfo(cleverUserinfoSchema.parse({ ...base, user_type: "staff" }))).toMatchObject({ role: "school_admin" });
    expect(loginFromUserinfo(cleverUserinfoSchema.parse({ ...base, user_type: "district admin" }))).toMatchObject({ role: "district_admin" });
    expect(loginFromUserinfo(cleverUserinfoSchema.parse({ ...base, user_type: "contact" }))).toEqual({ notServed: "contact" });
    expect(loginFromUserinfo(cleverUserinfoSchema.parse({ ...base, user_type: "counselor" }))).toEqual({ unknownType: "counselor" });
  });

  test("[clever-today] a user shared both ways is the district's; a Library user has no district", () => {
    expect(authorizedByOf("district", DISTRICT)).toBe("district");
    expect(authorizedByOf(undefined, DISTRICT)).toBe("district");
    expect(authorizedByOf(undefined, null)).toBe("teacher");
    const library = loginFromUserinfo(cleverUserinfoSchema.parse({ sub: ID, user_id: ID, user_type: "teacher", authorized_by: "teacher", district_id: DISTRICT }));
    expect(library).toMatchObject({ authorizedBy: "teacher", districtId: null });
  });
});

describe("id_token claims", () => {
  test("[clever-today] a district login's claims need no identity call; without a district claim /userinfo must be asked", () => {
    const claims = cleverIdTokenClaimsSchema.parse({ sub: V3, user_id: ID, user_type: "teacher", district: DISTRICT, given_name: "Ana", family_name: "Núñez", email_verified: false });
    expect(loginFromIdToken(claims)).toMatchObject({ cleverId: ID, role: "teacher", authorizedBy: "district", districtId: DISTRICT, name: { first: "Ana", last: "Núñez" }, source: "id_token" });
    // No middle name in an id_token: provisioning leaves the stored one alone.
    expect(loginFromIdToken(claims)?.name).not.toHaveProperty("middle");
    expect(loginFromIdToken(cleverIdTokenClaimsSchema.parse({ sub: V3, user_id: ID, user_type: "teacher" }))).toBeNull();
    // A type that is not a role the app serves: /userinfo is asked.
    expect(loginFromIdToken(cleverIdTokenClaimsSchema.parse({ sub: V3, user_id: ID, user_type: "counselor", district: DISTRICT }))).toBeNull();
  });
});
