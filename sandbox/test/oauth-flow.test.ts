// The authorization-code flow at HTTP level, following the sandbox's HTML
// pages like a browser: picker, district login, consent, redirect, token.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type FixtureHandle, fixtures } from "../fixtures";
import {
  api,
  Browser,
  DEMO_APP,
  DEMO_BASIC,
  exchangeCode,
  type Page,
  parseForms,
  PRIMARY,
  redirectParams,
  SECONDARY,
  startSandbox,
  STUDENT_APP,
  type TestSandbox,
  loginButton,
} from "./helpers";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => sb.reset());

function authorizeUrl(extra: Record<string, string> = {}, clientId = DEMO_APP.client_id): string {
  return `/oauth/authorize?${new URLSearchParams({ client_id: clientId, response_type: "code", ...extra }).toString()}`;
}

/** Log in with Clever: picker (search), district login page, login button; returns the page after login. */
async function logInWithClever(browser: Browser, user: FixtureHandle, extra: Record<string, string> = {}, clientId?: string): Promise<Page> {
  let page = await browser.get(authorizeUrl(extra, clientId));
  expect(page.status).toBe(200);
  if (!("district_id" in extra)) {
    expect(page.html).toContain("Find your school");
    if (user.districtId === null) {
      page = await browser.clickLink(page, "Clever Library");
    } else {
      page = await browser.search(page, "district_search", "Sandbox School");
      page = await browser.clickLink(page, "Sandbox School District");
    }
  }
  expect(page.status).toBe(200);
  page = await browser.press(page, loginButton(user.name, user.type));
  expect(page.status).toBe(303);
  expect(page.headers.get("set-cookie")).toMatch(/^clever_session=[0-9a-f]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=7200$/);
  return browser.follow(page);
}

describe("[IL-01][IL-02][DSSO-T1] Log in with Clever, one user of each type", () => {
  const users: [string, FixtureHandle, "district" | "teacher"][] = [
    ["district teacher", fixtures.teacher, "district"],
    ["district student", fixtures.student, "district"],
    ["school admin", fixtures.schoolAdmin, "district"],
    ["district admin", fixtures.districtAdmin, "district"],
    ["Library teacher", fixtures.libraryTeacher, "teacher"],
    ["Library student", fixtures.libraryStudent, "teacher"],
  ];
  for (const [label, user, sharing] of users) {
    test(`[IL-06][SYNC-01] ${label}: picker → login → code → token → /me`, async () => {
      const browser = new Browser(sb.url);
      let page = await logInWithClever(browser, user, { state: "st-123", redirect_uri: PRIMARY });
      if (sharing === "teacher") {
        expect(page.html).toContain("Allow");
        page = await browser.press(page, "Allow");
      }
      expect(page.status).toBe(302);
      const params = redirectParams(page);
      expect(page.location?.startsWith(`${PRIMARY}?`)).toBe(true);
      expect(params.get("state")).toBe("st-123");
      expect(params.get("scope")).toMatch(/read:user_id/);
      const code = params.get("code") ?? "";
      const token = await exchangeCode(sb.url, code);
      expect(token.status).toBe(200);
      expect(token.body).toEqual({ access_token: expect.any(String), token_type: "bearer" });

      const me = await api(sb, token.body.access_token as string, "/v2.1/me");
      expect(me.status).toBe(200);
      const data = (me.body as { type: string; data: Record<string, string> }).data;
      expect((me.body as { type: string }).type).toBe(user.type);
      expect(data.id).toBe(user.id);
      expect(data.type).toBe(user.type);
      expect(data.authorized_by).toBe(sharing);
      if (sharing === "district") expect(data.district).toBe(fixtures.district.id);
      else expect(data).not.toHaveProperty("district");

      const me20 = await api(sb, token.body.access_token as string, "/v2.0/me");
      expect((me20.body as { data: Record<string, string> }).data).not.toHaveProperty("authorized_by");
    });
  }
});

describe("authorize request handling", () => {
  test("[IL-02] district_id skips the school picker", async () => {
    const browser = new Browser(sb.url);
    const page = await browser.get(authorizeUrl({ district_id: fixtures.district.id }));
    expect(page.html).not.toContain("Find your school");
    expect(page.html).toContain(loginButton("Ana Núñez", "teacher"));
  });

  test("the picker finds the district by ID and by a school's name, and always offers the Library", async () => {
    const browser = new Browser(sb.url);
    const picker = await browser.get(authorizeUrl());
    const byId = await browser.search(picker, "district_search", fixtures.district.id);
    expect(byId.html).toContain("Sandbox School District");
    const bySchool = await browser.search(picker, "district_search", "elementary");
    expect(bySchool.html).toContain("Sandbox School District");
    const none = await browser.search(picker, "district_search", "no such place");
    expect(none.html).not.toContain(">Sandbox School District<");
    expect(none.html).toContain("Clever Library");
  });

  test("[IL-10] without state the redirect has code and scope only", async () => {
    const browser = new Browser(sb.url);
    const page = await logInWithClever(browser, fixtures.teacher, { district_id: fixtures.district.id });
    const params = redirectParams(page);
    expect([...params.keys()].sort()).toEqual(["code", "scope"]);
  });

  test("[IL-10] state is passed through untouched (UTF-8, spaces, symbols; empty state kept)", async () => {
    const browser = new Browser(sb.url);
    const state = "a b+c/é?&=%20";
    const page = await logInWithClever(browser, fixtures.teacher, { district_id: fixtures.district.id, state });
    expect(redirectParams(page).get("state")).toBe(state);
    const again = await browser.get(authorizeUrl({ state: "" }));
    expect(redirectParams(again).has("state")).toBe(true);
    expect(redirectParams(again).get("state")).toBe("");
  });

  test("[IL-09] a LIWC link may name a secondary redirect URI; the token must then name it too", async () => {
    const browser = new Browser(sb.url);
    const page = await logInWithClever(browser, fixtures.teacher, { district_id: fixtures.district.id, redirect_uri: SECONDARY });
    expect(page.location?.startsWith(`${SECONDARY}?`)).toBe(true);
    const code = redirectParams(page).get("code") ?? "";
    expect((await exchangeCode(sb.url, code, PRIMARY)).body.error).toBe("invalid_grant");
    expect((await exchangeCode(sb.url, code, SECONDARY)).status).toBe(200);
  });

  test("[IL-09] without redirect_uri the primary is used", async () => {
    const browser = new Browser(sb.url);
    const page = await logInWithClever(browser, fixtures.teacher, { district_id: fixtures.district.id });
    expect(page.location?.startsWith(`${PRIMARY}?`)).toBe(true);
  });

  test("a redirect_uri that is not registered exactly gets an error page, never a redirect", async () => {
    const browser = new Browser(sb.url);
    for (const bad of [`${PRIMARY}/`, `${PRIMARY}?x=1`, "http://evil.example/callback", PRIMARY.toUpperCase()]) {
      const page = await browser.get(authorizeUrl({ redirect_uri: bad }));
      expect(page.status).toBe(400);
      expect(page.location).toBeNull();
      expect(page.html).toContain("Invalid redirect URI");
    }
  });

  test("an unknown or missing client_id gets Clever's error page (400)", async () => {
    const browser = new Browser(sb.url);
    const unknown = await browser.get("/oauth/authorize?client_id=nope&response_type=code");
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain("Unknown application");
    const missing = await browser.get("/oauth/authorize?response_type=code");
    expect(missing.status).toBe(400);
  });

  test("response_type other than code is reported to the redirect URI (RFC 6749 §4.1.2.1)", async () => {
    const browser = new Browser(sb.url);
    const page = await browser.get(authorizeUrl({ response_type: "token", state: "s1" }));
    expect(page.status).toBe(302);
    expect(redirectParams(page).get("error")).toBe("unsupported_response_type");
    expect(redirectParams(page).get("state")).toBe("s1");
  });

  test("[IL-05] a Clever session makes the second authorization immediate, until it expires after 2 h", async () => {
    const browser = new Browser(sb.url);
    await logInWithClever(browser, fixtures.student, { district_id: fixtures.district.id });
    const second = await browser.get(authorizeUrl({ state: "again" }));
    expect(second.status).toBe(302);
    expect(redirectParams(second).get("state")).toBe("again");
    // With district_id of the session's own district: still immediate.
    const third = await browser.get(authorizeUrl({ district_id: fixtures.district.id }));
    expect(third.status).toBe(302);
    sb.advance(2 * 60 * 60_000);
    const expired = await browser.get(authorizeUrl({ district_id: fixtures.district.id }));
    expect(expired.status).toBe(200);
    expect(expired.html).toContain("Log in as");
  });

  test("[DSSO-R5] a different user on the same browser: log out of Clever, log in again", async () => {
    const browser = new Browser(sb.url);
    await logInWithClever(browser, fixtures.student, { district_id: fixtures.district.id });
    await browser.get("/logout");
    const page = await logInWithClever(browser, fixtures.studentMultiTeacher, { district_id: fixtures.district.id });
    const token = await exchangeCode(sb.url, redirectParams(page).get("code") ?? "");
    const me = await api(sb, token.body.access_token as string, "/v2.0/me");
    expect((me.body as { data: { id: string } }).data.id).toBe(fixtures.studentMultiTeacher.id);
  });

  test("a login page of another district replaces the session user", async () => {
    const browser = new Browser(sb.url);
    await logInWithClever(browser, fixtures.teacher, { district_id: fixtures.district.id });
    // A Library link while logged in to the district shows the Library login page.
    const page = await browser.get(authorizeUrl({ district_id: fixtures.library.id }));
    expect(page.status).toBe(200);
    expect(page.html).toContain(loginButton(fixtures.libraryTeacher.name, "teacher"));
  });

  test("login buttons are POST forms carrying every authorize parameter", async () => {
    const browser = new Browser(sb.url);
    const page = await browser.get(authorizeUrl({ district_id: fixtures.district.id, state: "s", scope: "read:user_id" }));
    const [form] = parseForms(page.html);
    expect(form?.method).toBe("POST");
    const fields = new Map(form?.fields);
    expect(fields.get("client_id")).toBe(DEMO_APP.client_id);
    expect(fields.get("response_type")).toBe("code");
    expect(fields.get("state")).toBe("s");
    expect(fields.get("scope")).toBe("read:user_id");
    expect(fields.get("district_id")).toBe(fixtures.district.id);
  });

  test("login page names are exact and HTML-escaped (UTF-8, apostrophe, emoji, RTL, NFD, 200 chars)", async () => {
    const browser = new Browser(sb.url);
    const page = await browser.get(authorizeUrl({ district_id: fixtures.district.id }));
    const texts = parseForms(page.html).flatMap((f) => f.buttons.map((b) => b.text));
    for (const h of [
      fixtures.teacherUtf8,
      fixtures.studentApostrophe,
      fixtures.studentEmoji,
      fixtures.studentArabic,
      fixtures.studentHebrew,
      fixtures.studentNfd,
      fixtures.studentLongName,
    ]) {
      expect(texts).toContain(loginButton(h.name, h.type));
    }
    expect(fixtures.studentLongName.name).toHaveLength(200);
    expect(fixtures.studentNfd.name).not.toBe(fixtures.studentNfd.name.normalize("NFC"));
    expect(texts).toContain("Log in as José Ñúñez (teacher)");
  });
});

describe("[IL-07] user types the app does not support", () => {
  test("a teacher on a students-only app gets Clever's error page, not a redirect", async () => {
    const browser = new Browser(sb.url);
    const page = await logInWithClever(browser, fixtures.teacher, { district_id: fixtures.district.id }, STUDENT_APP.client_id);
    expect(page.status).toBe(403);
    expect(page.location).toBeNull();
    expect(page.html).toContain("support your account type");
  });

  test("a student on the same app is redirected", async () => {
    const browser = new Browser(sb.url);
    const page = await logInWithClever(browser, fixtures.student, { district_id: fixtures.district.id }, STUDENT_APP.client_id);
    expect(page.status).toBe(302);
    expect(page.location?.startsWith(`${STUDENT_APP.redirect_uris[0]}?`)).toBe(true);
  });

  test("an admin through an Instant Login link on the students-only app gets the error page", async () => {
    const browser = new Browser(sb.url);
    const page = await browser.get(`/instant-login?client_id=${STUDENT_APP.client_id}&user_id=${fixtures.districtAdmin.id}`);
    expect(page.status).toBe(403);
    expect(page.location).toBeNull();
  });
});

describe("Library consent", () => {
  test("Deny redirects with error=access_denied and the state", async () => {
    const browser = new Browser(sb.url);
    const consent = await logInWithClever(browser, fixtures.libraryTeacher, { state: "deny-me" });
    expect(consent.html).toContain("Clever Classroom would like to access your Clever data");
    const page = await browser.press(consent, "Deny");
    expect(page.status).toBe(302);
    const params = redirectParams(page);
    expect(params.get("error")).toBe("access_denied");
    expect(params.get("state")).toBe("deny-me");
    expect(params.has("code")).toBe(false);
  });

  test("Allow is remembered per user and app", async () => {
    const browser = new Browser(sb.url);
    const consent = await logInWithClever(browser, fixtures.libraryTeacher, {});
    expect(consent.status).toBe(200);
    const page = await browser.press(consent, "Allow");
    expect(page.status).toBe(302);
    // The same user again: no consent screen.
    const again = await browser.get(authorizeUrl());
    expect(again.status).toBe(302);
    expect(redirectParams(again).has("code")).toBe(true);
    // Another Library teacher still sees it.
    await browser.get("/logout");
    const other = await logInWithClever(browser, fixtures.libraryTeacher2, {});
    expect(other.status).toBe(200);
    expect(other.html).toContain("Allow");
  });

  test("[LIG-02] a student whose teacher installed the app logs in without a consent screen", async () => {
    const browser = new Browser(sb.url);
    const before = await logInWithClever(browser, fixtures.libraryStudent, {});
    expect(before.html).toContain("Allow");
    await browser.get("/logout");
    const teacher = await logInWithClever(browser, fixtures.libraryTeacher2, {});
    await browser.press(teacher, "Allow");
    await browser.get("/logout");
    const after = await logInWithClever(browser, fixtures.libraryStudent, {});
    expect(after.status).toBe(302);
  });

  test("district-shared users never see the consent screen", async () => {
    const browser = new Browser(sb.url);
    const page = await logInWithClever(browser, fixtures.coTeacherB, { district_id: fixtures.district.id });
    expect(page.status).toBe(302);
  });
});

describe("[IL-01] Clever-initiated logins: Portal and Instant Login links", () => {
  test("[IL-09][IL-10] Portal: log in, click the app icon → primary redirect URI, code + scope, no state", async () => {
    const browser = new Browser(sb.url);
    let page = await browser.get("/portal");
    page = await browser.search(page, "district_search", "Sandbox");
    page = await browser.clickLink(page, "Sandbox School District");
    page = await browser.press(page, loginButton(fixtures.teacher.name, "teacher"));
    page = await browser.follow(page);
    expect(page.html).toContain("Welcome, Ana Núñez");
    page = await browser.follow(await browser.clickLink(page, "Clever Classroom"));
    expect(page.status).toBe(302);
    expect(page.location?.startsWith(`${PRIMARY}?`)).toBe(true);
    expect([...redirectParams(page).keys()].sort()).toEqual(["code", "scope"]);
    expect((await exchangeCode(sb.url, redirectParams(page).get("code") ?? "")).status).toBe(200);
  });

  test("Portal lists only apps supporting the user's type", async () => {
    const browser = new Browser(sb.url);
    await browser.get(`/instant-login?client_id=${DEMO_APP.client_id}&user_id=${fixtures.teacher.id}`);
    const teacherPortal = await browser.get("/portal");
    expect(teacherPortal.html).toContain("Clever Classroom");
    expect(teacherPortal.html).not.toContain("Student Only App");
    await browser.get(`/instant-login?client_id=${DEMO_APP.client_id}&user_id=${fixtures.student.id}`);
    const studentPortal = await browser.get("/portal");
    expect(studentPortal.html).toContain("Student Only App");
  });

  test("[IL-09][IL-10] Instant Login link: district login page, then primary redirect URI without state", async () => {
    const browser = new Browser(sb.url);
    let page = await browser.get(`/instant-login?client_id=${DEMO_APP.client_id}&district_id=${fixtures.district.id}`);
    expect(page.html).toContain(loginButton(fixtures.student.name, "student"));
    page = await browser.follow(await browser.press(page, loginButton(fixtures.student.name, "student")));
    expect(page.status).toBe(302);
    expect(page.location?.startsWith(`${PRIMARY}?`)).toBe(true);
    expect(redirectParams(page).has("state")).toBe(false);
    // Logged in to Clever now: the link goes straight through.
    const again = await browser.get(`/instant-login?client_id=${DEMO_APP.client_id}&district_id=${fixtures.district.id}`);
    expect(again.status).toBe(302);
  });

  test("Library install: consent from an Instant Login link lands on the primary redirect URI with a code and no state", async () => {
    const browser = new Browser(sb.url);
    const consent = await browser.get(`/instant-login?client_id=${DEMO_APP.client_id}&user_id=${fixtures.libraryTeacher.id}`);
    expect(consent.html).toContain("Allow");
    const page = await browser.press(consent, "Allow");
    expect(page.status).toBe(302);
    expect(page.location?.startsWith(`${PRIMARY}?`)).toBe(true);
    expect([...redirectParams(page).keys()].sort()).toEqual(["code", "scope"]);
  });

  test("sandbox shortcut: user_id + consent=allow logs a Library user straight in", async () => {
    const browser = new Browser(sb.url);
    const page = await browser.get(
      `/instant-login?client_id=${DEMO_APP.client_id}&user_id=${fixtures.libraryStudent.id}&consent=allow`,
    );
    expect(page.status).toBe(302);
    expect(redirectParams(page).has("code")).toBe(true);
  });

  test("a district not connected to the app: its users get an error page", async () => {
    sb.store.disconnect(fixtures.district.id, DEMO_APP.client_id);
    const browser = new Browser(sb.url);
    const page = await browser.get(`/instant-login?client_id=${DEMO_APP.client_id}&user_id=${fixtures.teacher.id}`);
    expect(page.status).toBe(403);
    expect(page.html).toContain("not connected to your district");
  });
});

// ------------------------------------------------------------- /oauth/tokens

async function freshCode(redirectUri?: string): Promise<string> {
  const browser = new Browser(sb.url);
  const extra: Record<string, string> = { district_id: fixtures.district.id };
  if (redirectUri) extra.redirect_uri = redirectUri;
  const page = await logInWithClever(browser, fixtures.teacher, extra);
  return redirectParams(page).get("code") ?? "";
}

async function postTokens(headers: Record<string, string>, body: string | FormData): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sb.url}/oauth/tokens`, { method: "POST", headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("[IL-03] token exchange", () => {
  test("[IL-03] form-urlencoded with HTTP Basic works", async () => {
    const code = await freshCode();
    const r = await postTokens(
      { authorization: DEMO_BASIC, "content-type": "application/x-www-form-urlencoded; charset=UTF-8" },
      new URLSearchParams({ code, grant_type: "authorization_code", redirect_uri: PRIMARY }).toString(),
    );
    expect(r.status).toBe(200);
    expect(r.body.token_type).toBe("bearer");
  });

  test("[IL-03] application/json with HTTP Basic works", async () => {
    const code = await freshCode();
    const r = await postTokens(
      { authorization: DEMO_BASIC, "content-type": "application/json" },
      JSON.stringify({ code, grant_type: "authorization_code", redirect_uri: PRIMARY }),
    );
    expect(r.status).toBe(200);
    expect(typeof r.body.access_token).toBe("string");
  });

  test("[IL-03] wrong client secret → 401 invalid_client", async () => {
    const code = await freshCode();
    const bad = `Basic ${Buffer.from(`${DEMO_APP.client_id}:wrong`).toString("base64")}`;
    const r = await exchangeCode(sb.url, code, PRIMARY, bad);
    expect(r.status).toBe(401);
    expect(r.body.error).toBe("invalid_client");
  });

  test("[IL-03] missing Basic auth (credentials in the body instead) → 401 invalid_client", async () => {
    const code = await freshCode();
    const r = await postTokens(
      { "content-type": "application/x-www-form-urlencoded" },
      new URLSearchParams({
        code,
        grant_type: "authorization_code",
        redirect_uri: PRIMARY,
        client_id: DEMO_APP.client_id,
        client_secret: DEMO_APP.client_secret,
      }).toString(),
    );
    expect(r.status).toBe(401);
    expect(r.body.error).toBe("invalid_client");
  });

  test("[IL-03] multipart/form-data body → 400 invalid_request", async () => {
    const code = await freshCode();
    const form = new FormData();
    form.set("code", code);
    form.set("grant_type", "authorization_code");
    form.set("redirect_uri", PRIMARY);
    const r = await postTokens({ authorization: DEMO_BASIC }, form);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_request");
  });

  test("[IL-03] missing Content-Type → 400 invalid_request", async () => {
    const code = await freshCode();
    const body = new URLSearchParams({ code, grant_type: "authorization_code", redirect_uri: PRIMARY }).toString();
    // A Uint8Array body makes fetch send no Content-Type at all.
    const res = await fetch(`${sb.url}/oauth/tokens`, {
      method: "POST",
      headers: { authorization: DEMO_BASIC },
      body: new TextEncoder().encode(body),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_request");
  });

  test("[IL-03] text/plain body → 400 invalid_request", async () => {
    const code = await freshCode();
    const r = await postTokens(
      { authorization: DEMO_BASIC, "content-type": "text/plain" },
      new URLSearchParams({ code, grant_type: "authorization_code", redirect_uri: PRIMARY }).toString(),
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_request");
  });

  test("[IL-03] grant_type other than authorization_code → unsupported_grant_type", async () => {
    const r = await postTokens(
      { authorization: DEMO_BASIC, "content-type": "application/x-www-form-urlencoded" },
      "grant_type=refresh_token&refresh_token=x",
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("unsupported_grant_type");
  });

  test("[IL-03] redirect_uri different from the one the code was issued for → invalid_grant", async () => {
    const code = await freshCode();
    const r = await exchangeCode(sb.url, code, `${PRIMARY}/other`);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_grant");
  });

  test("a code issued to one app cannot be redeemed by another", async () => {
    const code = await freshCode();
    const other = `Basic ${Buffer.from(`${STUDENT_APP.client_id}:${STUDENT_APP.client_secret}`).toString("base64")}`;
    expect((await exchangeCode(sb.url, code, PRIMARY, other)).body.error).toBe("invalid_grant");
  });

  test("[IL-04] a code works once: the second use fails with invalid_grant and revokes the first token", async () => {
    const code = await freshCode();
    const first = await exchangeCode(sb.url, code);
    expect(first.status).toBe(200);
    const token = first.body.access_token as string;
    expect((await api(sb, token, "/v2.0/me")).status).toBe(200);
    const second = await exchangeCode(sb.url, code);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe("invalid_grant");
    expect((await api(sb, token, "/v2.0/me")).status).toBe(401);
  });

  test("[IL-04] a code expires after 60 s", async () => {
    const code = await freshCode();
    sb.advance(59_000);
    const stillGood = await freshCode();
    expect((await exchangeCode(sb.url, stillGood)).status).toBe(200);
    sb.advance(1_000);
    const r = await exchangeCode(sb.url, code);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_grant");
  });

  test("[IL-04] the clock can also be advanced through POST /sandbox/clock", async () => {
    const code = await freshCode();
    await fetch(`${sb.url}/sandbox/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceMs: 61_000 }),
    });
    expect((await exchangeCode(sb.url, code)).body.error).toBe("invalid_grant");
  });

  test("[IL-05] tokens expire after 24 h and cannot be refreshed", async () => {
    const token = (await exchangeCode(sb.url, await freshCode())).body.access_token as string;
    sb.advance(24 * 60 * 60_000 - 1);
    expect((await api(sb, token, "/v2.0/me")).status).toBe(200);
    sb.advance(1);
    const expired = await api(sb, token, "/v2.0/me");
    expect(expired.status).toBe(401);
    expect(expired.body).toHaveProperty("error");
    const refresh = await postTokens(
      { authorization: DEMO_BASIC, "content-type": "application/x-www-form-urlencoded" },
      `grant_type=refresh_token&refresh_token=${token}`,
    );
    expect(refresh.body.error).toBe("unsupported_grant_type");
  });

  test("unknown code → invalid_grant", async () => {
    expect((await exchangeCode(sb.url, "0".repeat(40))).body.error).toBe("invalid_grant");
  });
});

describe("district-app tokens", () => {
  test("GET /oauth/tokens?owner_type=district lists the connected district's token", async () => {
    const res = await fetch(`${sb.url}/oauth/tokens?owner_type=district`, { headers: { authorization: DEMO_BASIC } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { id: string; created: string; owner: unknown; access_token: string; scopes: string[] }[] };
    expect(body.data).toHaveLength(1);
    const [entry] = body.data;
    expect(entry?.owner).toEqual({ type: "district", id: fixtures.district.id });
    expect(entry?.scopes).toContain("read:sections");
    expect(Number.isNaN(Date.parse(entry?.created ?? ""))).toBe(false);
    const me = await api(sb, entry?.access_token, "/v2.0/me");
    expect(me.body).toMatchObject({ type: "district", data: { id: fixtures.district.id } });
    // Long-lived: still valid after days.
    sb.advance(30 * 24 * 60 * 60_000);
    expect((await api(sb, entry?.access_token, "/v2.0/me")).status).toBe(200);
  });

  test("without Basic credentials → 401", async () => {
    const res = await fetch(`${sb.url}/oauth/tokens?owner_type=district`);
    expect(res.status).toBe(401);
  });

  test("an app the district did not connect gets no tokens", async () => {
    sb.store.disconnect(fixtures.district.id, DEMO_APP.client_id);
    const res = await fetch(`${sb.url}/oauth/tokens?owner_type=district`, { headers: { authorization: DEMO_BASIC } });
    expect(((await res.json()) as { data: unknown[] }).data).toEqual([]);
  });
});
