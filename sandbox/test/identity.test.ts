// Identity: GET /userinfo (shape of Clever's documented example, v3 IDs) and
// per-app OIDC (discovery, JWKS, RS256 id_tokens verified with jose, nonce,
// and every forged id_token the faults can produce).
import { Ajv2020 } from "ajv/dist/2020.js";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures, type FixtureHandle } from "../fixtures";
import { v3UserId } from "../ids";
import { ID_TOKEN_FORGERIES } from "../oidc";
import type { AppRegistration } from "../types";
import {
  api,
  basic,
  Browser,
  DEMO_APP,
  districtToken,
  exchangeCode,
  expectHtml404,
  loginButton,
  redirectParams,
  startSandbox,
  STUDENT_APP,
  type TestSandbox,
  userToken,
} from "./helpers";
import { USERINFO_SCHEMA } from "./userinfo-schema";

const OIDC_APP: AppRegistration = {
  client_id: "oidc-client-id",
  client_secret: "oidc-client-secret",
  name: "OIDC App",
  redirect_uris: ["http://localhost:3000/api/auth/callback/clever"],
  user_types: ["teacher", "student", "school_admin", "district_admin"],
  oidc: true,
};
const OIDC_BASIC = basic(OIDC_APP.client_id, OIDC_APP.client_secret);
const CALLBACK = OIDC_APP.redirect_uris[0] as string;

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startSandbox({ apps: [DEMO_APP, STUDENT_APP, OIDC_APP] });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => {
  sb.reset();
});

const f = fixtures;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(USERINFO_SCHEMA);

function expectUserinfo(body: unknown, where: string): Record<string, unknown> {
  const ok = validate(body);
  expect(ok, `${where}: ${JSON.stringify(validate.errors)}`).toBe(true);
  return body as Record<string, unknown>;
}

describe("GET /userinfo", () => {
  test("district users: every documented field, sub = v3 id, user_id = v2 id, authorized_by district", async () => {
    const cases: [FixtureHandle, string][] = [
      [f.teacher, "teacher"],
      [f.student, "student"],
      [f.districtAdmin, "district_admin"],
      [f.schoolAdmin, "school_admin"],
    ];
    // Clever's pages name school staff "staff", v2's school admins.
    const userType = (type: string) => (type === "school_admin" ? "staff" : type);
    for (const [user, type] of cases) {
      const r = await api(sb, await userToken(sb, user.id), "/userinfo");
      expect(r.status).toBe(200);
      const body = expectUserinfo(r.body, user.key);
      expect(body).toMatchObject({
        user_id: user.id,
        sub: v3UserId(user.id, type as "teacher"),
        multi_role_user_id: v3UserId(user.id, type as "teacher"),
        user_type: userType(type),
        district_id: f.district.id,
        district: f.district.id,
        email_verified: false,
        authorized_by: "district",
      });
    }
    const teacher = (await api(sb, await userToken(sb, f.teacher.id), "/userinfo")).body as Record<string, unknown>;
    expect(teacher).toMatchObject({
      email: f.teacher.email,
      name: { first: "Ana", middle: "Lucía", last: "Núñez" },
      given_name: "Ana",
      family_name: "Núñez",
      schools: [f.schoolElementary.id],
    });
  });

  test("v3 ids: students keep their v2 id; teachers and admins get a different, stable one", () => {
    expect(v3UserId(f.student.id, "student")).toBe(f.student.id);
    for (const [id, type] of [[f.teacher.id, "teacher"], [f.districtAdmin.id, "district_admin"], [f.schoolAdmin.id, "school_admin"]] as const) {
      expect(v3UserId(id, type)).toMatch(/^[0-9a-f]{24}$/);
      expect(v3UserId(id, type)).not.toBe(id);
      expect(v3UserId(id, type)).toBe(v3UserId(id, type));
    }
  });

  test("Library users: no district fields, authorized_by teacher; no email field when there is none", async () => {
    for (const user of [f.libraryTeacher, f.libraryStudent]) {
      const body = expectUserinfo((await api(sb, await userToken(sb, user.id), "/userinfo")).body, user.key);
      expect(body).not.toHaveProperty("district_id");
      expect(body).not.toHaveProperty("district");
      expect(body.authorized_by).toBe("teacher");
      expect(body.schools).toEqual([]);
    }
    const libStudent = (await api(sb, await userToken(sb, f.libraryStudent.id), "/userinfo")).body;
    expect(libStudent).not.toHaveProperty("email");
    const noEmail = expectUserinfo((await api(sb, await userToken(sb, f.teacherNoEmail.id), "/userinfo")).body, "no email");
    expect(noEmail).not.toHaveProperty("email");
  });

  test("district-app tokens get an HTML 404; no or bad tokens 401; responses carry rate-limit headers", async () => {
    expectHtml404(await api(sb, await districtToken(sb), "/userinfo"), "district token");
    expect((await api(sb, undefined, "/userinfo")).status).toBe(401);
    expect((await api(sb, "nope", "/userinfo")).status).toBe(401);
    const r = await api(sb, await userToken(sb, f.teacher.id), "/userinfo");
    expect(r.headers.get("x-ratelimit-limit")).toBe("1200");
  });
});

/** "Log in with Clever" on the OIDC app for a district user, through the login page; the token response. */
async function oidcLogin(user: FixtureHandle, nonce?: string): Promise<Record<string, unknown>> {
  const q = new URLSearchParams({ client_id: OIDC_APP.client_id, redirect_uri: CALLBACK, response_type: "code", state: "s1" });
  if (nonce !== undefined) q.set("nonce", nonce);
  if (user.districtId !== null) q.set("district_id", user.districtId);
  const browser = new Browser(sb.url);
  const login = await browser.get(`/oauth/authorize?${q.toString()}`);
  const callback = await browser.follow(await browser.press(login, loginButton(user.name, user.type)));
  const code = redirectParams(callback).get("code") ?? "";
  const t = await exchangeCode(sb.url, code, CALLBACK, OIDC_BASIC);
  expect(t.status).toBe(200);
  return t.body;
}

function verify(idToken: string) {
  const jwks = createRemoteJWKSet(new URL(`${sb.url}/oauth/certs`));
  return jwtVerify(idToken, jwks, {
    issuer: sb.url,
    audience: OIDC_APP.client_id,
    algorithms: ["RS256"],
    currentDate: new Date(sb.store.now()),
  });
}

describe("OIDC", () => {
  test("discovery names the sandbox as issuer, its endpoints and a JWKS of RS256 keys", async () => {
    const d = (await (await fetch(`${sb.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(d).toMatchObject({
      issuer: sb.url,
      authorization_endpoint: `${sb.url}/oauth/authorize`,
      token_endpoint: `${sb.url}/oauth/tokens`,
      userinfo_endpoint: `${sb.url}/userinfo`,
      id_token_signing_alg_values_supported: ["RS256"],
      jwks_uri: `${sb.url}/oauth/certs`,
    });
    const jwks = (await (await fetch(String(d.jwks_uri))).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", kid: sb.oidc.kid });
    expect(jwks.keys[0]).not.toHaveProperty("d");
  });

  test("a district user's login returns an id_token that verifies against the JWKS, with Clever's claims", async () => {
    const body = await oidcLogin(f.teacher, "n-123");
    const { payload, protectedHeader } = await verify(String(body.id_token));
    expect(protectedHeader).toMatchObject({ alg: "RS256", kid: sb.oidc.kid });
    const iat = Math.floor(sb.store.now() / 1000);
    expect(payload).toEqual({
      iss: sb.url,
      aud: OIDC_APP.client_id,
      sub: v3UserId(f.teacher.id, "teacher"),
      iat,
      exp: iat + 3600,
      nonce: "n-123",
      user_id: f.teacher.id,
      user_type: "teacher",
      district: f.district.id,
      multi_role_user_id: v3UserId(f.teacher.id, "teacher"),
      email: f.teacher.email,
      email_verified: false,
      given_name: "Ana",
      family_name: "Núñez",
    });
    expect(payload).not.toHaveProperty("authorized_by");
    // Without a nonce there is none in the token; without an email, no email claim.
    const plain = decodeJwt(String((await oidcLogin(f.teacherNoEmail)).id_token));
    expect(plain).not.toHaveProperty("nonce");
    expect(plain).not.toHaveProperty("email");
  });

  test("non-OIDC apps and Library logins get no id_token", async () => {
    const browser = new Browser(sb.url);
    const page = await browser.get(`/oauth/instant-login?client_id=${DEMO_APP.client_id}&user_id=${f.teacher.id}`);
    const plain = await exchangeCode(sb.url, redirectParams(page).get("code") ?? "");
    expect(plain.body).not.toHaveProperty("id_token");
    const lib = await browser.get(`/oauth/instant-login?client_id=${OIDC_APP.client_id}&user_id=${f.libraryTeacher.id}&consent=allow`);
    const libTokens = await exchangeCode(sb.url, redirectParams(lib).get("code") ?? "", CALLBACK, OIDC_BASIC);
    expect(libTokens.status).toBe(200);
    expect(libTokens.body).not.toHaveProperty("id_token");
  });

  test("the nonce survives the consent screen too", async () => {
    // A Library login on an OIDC app gets no id_token, but the nonce must still reach the code.
    const q = new URLSearchParams({ client_id: OIDC_APP.client_id, response_type: "code", nonce: "lib-n", district_id: f.library.id });
    const browser = new Browser(sb.url);
    const login = await browser.get(`/oauth/authorize?${q.toString()}`);
    const consent = await browser.follow(await browser.press(login, loginButton(f.libraryTeacher.name, "teacher")));
    expect(consent.html).toContain('name="nonce"');
    const callback = await browser.press(consent, "Allow");
    const code = redirectParams(callback).get("code") ?? "";
    expect(sb.store.getCode(code)?.nonce).toBe("lib-n");
  });

  test("an app registered at runtime with oidc: true gets id_tokens", async () => {
    const app = { ...OIDC_APP, client_id: "runtime-oidc", client_secret: "s" };
    expect((await fetch(`${sb.url}/sandbox/apps/runtime-oidc`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(app) })).status).toBe(201);
    const page = await new Browser(sb.url).get(`/oauth/instant-login?client_id=runtime-oidc&user_id=${f.student.id}`);
    const t = await exchangeCode(sb.url, redirectParams(page).get("code") ?? "", CALLBACK, basic("runtime-oidc", "s"));
    expect(decodeJwt(String(t.body.id_token)).sub).toBe(f.student.id);
  });

  test("the issuer option changes iss and the discovery issuer", async () => {
    const other = await startSandbox({ apps: [OIDC_APP], issuer: "https://clever.com" });
    try {
      const d = (await (await fetch(`${other.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(d.issuer).toBe("https://clever.com");
      expect(d.token_endpoint).toBe(`${other.url}/oauth/tokens`);
    } finally {
      await other.close();
    }
  });

  describe("forged id_tokens (faults with idToken)", () => {
    for (const forgery of ID_TOKEN_FORGERIES) {
      test(`${forgery}: fails verification or its claim check`, async () => {
        const fault = await fetch(`${sb.url}/sandbox/faults`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ path: "/oauth/tokens", method: "POST", idToken: forgery, user: f.teacher.id, times: 1 }),
        });
        expect(fault.status).toBe(201);
        const nonce = "expected-nonce";
        const body = await oidcLogin(f.teacher, nonce);
        expect(body.access_token).toEqual(expect.any(String));
        const idToken = String(body.id_token);
        let failed = false;
        try {
          const { payload } = await verify(idToken);
          failed = payload.nonce !== nonce;
        } catch {
          failed = true;
        }
        expect(failed).toBe(true);
        // The fault was used once: the next login's id_token is genuine.
        const next = await oidcLogin(f.teacher, nonce);
        expect((await verify(String(next.id_token))).payload.nonce).toBe(nonce);
      });
    }

    test("an unknown forgery is refused", async () => {
      const r = await fetch(`${sb.url}/sandbox/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ path: "/oauth/tokens", idToken: "made_up" }),
      });
      expect(r.status).toBe(400);
    });
  });
});
