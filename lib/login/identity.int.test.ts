// Who signed in, against the in-process local Clever (strict, as Clever is
// today) and a real PostgreSQL: an OIDC district login costs no Data API
// call, any other login one (/userinfo), and the /me fallback takes over
// where /userinfo is unavailable. Forged id_tokens fail with their own kind.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures } from "@/sandbox/fixtures";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { controlClient } from "@/sandbox/control-client";
import { Browser, DEMO_APP, exchangeCode, redirectParams } from "@/sandbox/test/helpers";
import { countingDb, type CountingDb, testDeps } from "@/tests/support/sync-testbed";
import { syncUser } from "@/lib/roster/sync/sync";
import type { SyncDeps } from "@/lib/clever/deps";
import { verifyIdToken } from "./id-token";
import { identify } from "./identity";

const OIDC_APP = { ...DEMO_APP, oidc: true };
let sandbox: Sandbox;
let counting: CountingDb;
const clever = () => controlClient({ url: sandbox.url, clientId: OIDC_APP.client_id });
/** What the process remembers of /userinfo between logins: the app keeps one, each test starts its own. */
let userinfo: SyncDeps["userinfo"];
const deps = () => testDeps(sandbox, counting.db, { userinfo });

/** A login's token response, as the app receives it (Instant Login, then the exchange). */
async function tokenResponse(cleverId: string): Promise<{ access_token: string; id_token?: string }> {
  const page = await new Browser(sandbox.url).get(`/oauth/instant-login?client_id=${OIDC_APP.client_id}&user_id=${cleverId}&consent=allow`);
  const code = redirectParams(page).get("code");
  if (!code) throw new Error(`no code: ${page.status}`);
  const { body } = await exchangeCode(sandbox.url, code, OIDC_APP.redirect_uris[0]);
  if (typeof body.access_token !== "string") throw new Error("no access token");
  return { access_token: body.access_token, ...(typeof body.id_token === "string" ? { id_token: body.id_token } : {}) };
}

const endpoints = async (user: string) => (await clever().requests({ user })).map((r) => r.endpoint);

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, mode: "test", apps: [OIDC_APP] });
  counting = countingDb(process.env.DATABASE_URL ?? "");
});
afterAll(async () => {
  await counting?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  sandbox.reset();
  userinfo = { unavailableUntil: 0 };
  await counting.db.$executeRawUnsafe(`TRUNCATE "User", "Section", "School", "District", "CleverToken", "RateLimit" CASCADE`);
  // The district row exists (as after anyone's first login), so no call goes to /districts.
  await counting.db.district.create({ data: { id: fixtures.district.id, name: "Sandbox School District" } });
});
afterEach(async () => {
  await clever().clearFaults();
});

describe("identity", () => {
  test("[clever-today] an OIDC app's district login: the verified id_token says who it is, and no Data API call is made", async () => {
    const tokens = await tokenResponse(fixtures.teacher.id);
    expect(tokens.id_token).toEqual(expect.any(String));
    await clever().clearRequests();
    await verifyIdToken(tokens.id_token ?? "", { issuer: sandbox.url, clientId: OIDC_APP.client_id });
    const identity = await identify(tokens, deps());
    expect(identity).toMatchObject({ cleverId: fixtures.teacher.id, type: "teacher", authorizedBy: "district", districtId: fixtures.district.id, name: "Ana Núñez" });
    expect(await endpoints(fixtures.teacher.id)).toEqual([]);
    const user = await counting.db.user.findUniqueOrThrow({ where: { cleverId: fixtures.teacher.id } });
    expect(user).toMatchObject({ role: "teacher", authorizedBy: "district", districtId: fixtures.district.id, firstName: "Ana", lastName: "Núñez" });
  });

  test("[clever-today] a login without an id_token (a Library teacher) costs one call: /userinfo", async () => {
    const tokens = await tokenResponse(fixtures.libraryTeacher.id);
    expect(tokens.id_token).toBeUndefined();
    await clever().clearRequests();
    const identity = await identify(tokens, deps());
    expect(identity).toMatchObject({ cleverId: fixtures.libraryTeacher.id, type: "teacher", authorizedBy: "teacher", districtId: null, name: "Rosa Martínez" });
    expect(await endpoints(fixtures.libraryTeacher.id)).toEqual(["GET /userinfo"]);
    const user = await counting.db.user.findUniqueOrThrow({ where: { cleverId: fixtures.libraryTeacher.id } });
    expect(user.trialEndsAt).not.toBeNull();
  });

  test("[clever-today] where /userinfo is unavailable, /me and the user's record are read, and this process does not try /userinfo again at once", async () => {
    await clever().addFault({ path: "/userinfo", status: 404 });
    const first = await tokenResponse(fixtures.libraryTeacher.id);
    await clever().clearRequests();
    expect(await identify(first, deps())).toMatchObject({ cleverId: fixtures.libraryTeacher.id, authorizedBy: "teacher", name: "Rosa Martínez" });
    expect(await endpoints(fixtures.libraryTeacher.id)).toEqual(["GET /userinfo", "GET /v2.1/me", "GET /v2.0/teachers/{id}"]);
    await clever().clearFaults();
    // The next login skips /userinfo for a while, though it would answer now.
    const second = await tokenResponse(fixtures.libraryStudent.id);
    expect(await identify(second, deps())).toMatchObject({ cleverId: fixtures.libraryStudent.id, type: "student", authorizedBy: "teacher" });
    expect(await endpoints(fixtures.libraryStudent.id)).toEqual(["GET /v2.1/me", "GET /v2.0/students/{id}"]);
  });

  test("[clever-today] a /me that says type \"user\" (recorded on v3): the user's record tells the role, on either API version", async () => {
    await clever().addFault({ path: "/userinfo", status: 404 });
    for (const apiVersion of ["v2.1", "v3.1"] as const) {
      await clever().addFault({ path: `/${apiVersion}/me`, me: "user" });
      const tokens = await tokenResponse(fixtures.libraryStudent.id);
      await clever().clearRequests();
      // Each version's login in a process that has not seen /userinfo fail yet.
      const identity = await identify(tokens, { ...deps(), apiVersion, userinfo: { unavailableUntil: 0 } });
      expect(identity).toMatchObject({ cleverId: fixtures.libraryStudent.id, type: "student", authorizedBy: "teacher" });
      // v2 has a record per role: the teacher one answers 404, the student one is hers. v3 has one user.
      expect(await endpoints(fixtures.libraryStudent.id)).toEqual(
        apiVersion === "v2.1" ? ["GET /userinfo", "GET /v2.1/me", "GET /v2.0/teachers/{id}", "GET /v2.0/students/{id}"] : ["GET /userinfo", "GET /v3.1/me", "GET /v3.1/users/{id}"],
      );
    }
  });

  test("[clever-today] a user_type the app does not know reads the user's record instead of failing the login; a family contact is refused", async () => {
    await clever().addFault({ path: "/userinfo", userType: "counselor", user: fixtures.libraryTeacher.id });
    const tokens = await tokenResponse(fixtures.libraryTeacher.id);
    await clever().clearRequests();
    expect(await identify(tokens, deps())).toMatchObject({ cleverId: fixtures.libraryTeacher.id, type: "teacher", authorizedBy: "teacher" });
    expect(await endpoints(fixtures.libraryTeacher.id)).toEqual(["GET /userinfo", "GET /v2.1/me", "GET /v2.0/teachers/{id}"]);
    // /userinfo answered: the next login asks it first again.
    await clever().clearFaults();
    await clever().clearRequests();
    await identify(await tokenResponse(fixtures.libraryTeacher.id), deps());
    expect(await endpoints(fixtures.libraryTeacher.id)).toEqual(["GET /userinfo"]);

    await clever().addFault({ path: "/userinfo", userType: "contact", user: fixtures.libraryTeacher.id });
    await expect(identify(await tokenResponse(fixtures.libraryTeacher.id), deps())).rejects.toMatchObject({ kind: "unsupported_user_type" });
  });

  test("[clever-today] a school admin is welcome: their schools come with the login, and their sync reads them with the district token", async () => {
    const tokens = await tokenResponse(fixtures.schoolAdmin.id);
    const identity = await identify({ access_token: tokens.access_token }, deps());
    expect(identity).toMatchObject({ cleverId: fixtures.schoolAdmin.id, type: "school_admin", authorizedBy: "district" });
    const result = await syncUser(identity.userId, "login", deps());
    expect(result).toMatchObject({ status: "succeeded", source: "district_token" });
    const admin = await counting.db.user.findUniqueOrThrow({ where: { id: identity.userId } });
    expect(admin.administeredSchoolIds.length).toBeGreaterThan(0);
    const schools = await counting.db.school.findMany({ where: { id: { in: admin.administeredSchoolIds } } });
    expect(schools.map((s) => s.id).sort()).toEqual([...admin.administeredSchoolIds].sort());
  });

  test("[clever-today] a district admin is welcome, and their sync stores every school of the district", async () => {
    const tokens = await tokenResponse(fixtures.districtAdmin.id);
    const identity = await identify(tokens, deps());
    expect(identity).toMatchObject({ cleverId: fixtures.districtAdmin.id, type: "district_admin", authorizedBy: "district", districtId: fixtures.district.id });
    expect(await syncUser(identity.userId, "login", deps())).toMatchObject({ status: "succeeded", source: "district_token" });
    const names = (await counting.db.school.findMany({ where: { districtId: fixtures.district.id } })).map((s) => s.name).sort();
    expect(names).toEqual(["Sandbox Elementary School", "Sandbox High School"]);
  });
});

describe("forged id_tokens", () => {
  for (const forgery of ["bad_signature", "expired", "wrong_audience", "wrong_issuer", "wrong_nonce", "unsigned"] as const) {
    test(`[clever-today] an id_token with ${forgery.replace("_", " ")} fails the login as id_token_invalid`, async () => {
      await clever().addFault({ path: "/oauth/tokens", method: "POST", idToken: forgery, user: fixtures.teacher.id });
      const tokens = await tokenResponse(fixtures.teacher.id);
      expect(tokens.id_token).toEqual(expect.any(String));
      await expect(verifyIdToken(tokens.id_token ?? "", { issuer: sandbox.url, clientId: OIDC_APP.client_id })).rejects.toMatchObject({ kind: "id_token_invalid" });
    });
  }

  test("[clever-today] a genuine id_token for another client is refused", async () => {
    const tokens = await tokenResponse(fixtures.teacher.id);
    await expect(verifyIdToken(tokens.id_token ?? "", { issuer: sandbox.url, clientId: "another-client" })).rejects.toMatchObject({ kind: "id_token_invalid" });
  });
});
