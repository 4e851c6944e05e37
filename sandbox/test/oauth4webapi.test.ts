// The sandbox speaks plain OAuth 2.0: a full flow with oauth4webapi, an
// independent standards-based client, as a cross-check of our own tests.
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fixtures } from "../fixtures";
import { Browser, DEMO_APP, loginButton, PRIMARY, startSandbox, type TestSandbox } from "./helpers";

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(async () => {
  await sb.close();
});

const insecure = { [oauth.allowInsecureRequests]: true };

test("[IL-03][DSSO-01][LIB-01] a full authorization-code flow with oauth4webapi", async () => {
  // Clever publishes no discovery document: describe the server by hand.
  const as: oauth.AuthorizationServer = {
    issuer: sb.url,
    authorization_endpoint: `${sb.url}/oauth/authorize`,
    token_endpoint: `${sb.url}/oauth/tokens`,
  };
  const client: oauth.Client = { client_id: DEMO_APP.client_id };
  const clientAuth = oauth.ClientSecretBasic(DEMO_APP.client_secret);
  const state = oauth.generateRandomState();

  const authorizationUrl = new URL(as.authorization_endpoint ?? "");
  authorizationUrl.searchParams.set("client_id", client.client_id);
  authorizationUrl.searchParams.set("redirect_uri", PRIMARY);
  authorizationUrl.searchParams.set("response_type", "code");
  authorizationUrl.searchParams.set("state", state);
  authorizationUrl.searchParams.set("district_id", fixtures.district.id);

  // The user's part: the district login page.
  const browser = new Browser(sb.url);
  const login = await browser.get(authorizationUrl.toString());
  const callback = await browser.follow(await browser.press(login, loginButton(fixtures.teacher.name, "teacher")));
  expect(callback.status).toBe(302);

  const params = oauth.validateAuthResponse(as, client, new URL(callback.location ?? ""), state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, PRIMARY, oauth.nopkce, insecure);
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  expect(result.token_type).toBe("bearer");
  expect(result.access_token).toMatch(/^[0-9a-f]{40}$/);

  const me = await oauth.protectedResourceRequest(
    result.access_token,
    "GET",
    new URL(`${sb.url}/v2.1/me`),
    undefined,
    undefined,
    insecure,
  );
  expect(me.status).toBe(200);
  expect(await me.json()).toMatchObject({ type: "teacher", data: { id: fixtures.teacher.id, authorized_by: "district" } });

  // Replaying the code: a standard OAuth error the library understands.
  const replay = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, PRIMARY, oauth.nopkce, insecure);
  await expect(oauth.processAuthorizationCodeResponse(as, client, replay)).rejects.toMatchObject({
    error: "invalid_grant",
  });
});

test("oauth4webapi sees access_denied when a Library teacher denies consent", async () => {
  const as: oauth.AuthorizationServer = { issuer: sb.url, authorization_endpoint: `${sb.url}/oauth/authorize` };
  const client: oauth.Client = { client_id: DEMO_APP.client_id };
  const state = oauth.generateRandomState();
  const browser = new Browser(sb.url);
  const url = `/oauth/authorize?${new URLSearchParams({
    client_id: client.client_id,
    response_type: "code",
    state,
    district_id: fixtures.library.id,
  }).toString()}`;
  const login = await browser.get(url);
  const consent = await browser.follow(await browser.press(login, loginButton(fixtures.libraryTeacher.name, "teacher")));
  const denied = await browser.press(consent, "Deny");
  expect(() => oauth.validateAuthResponse(as, client, new URL(denied.location ?? ""), state)).toThrow(
    expect.objectContaining({ error: "access_denied" }),
  );
});
