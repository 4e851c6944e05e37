// One returning student's Clever login, to the first rendered page, counted
// statement by statement on the wire (issue #17: at most 8). The steps
// are the app's own, in the order the exchange request, Auth.js and the
// dashboard run them: the rate limit, the code's claim, identity and
// provisioning, Auth.js's adapter calls, the login sync's claim (Auth.js's
// signIn event), then the dashboard's reads. A sync, when one runs, runs
// after the response and is not counted here.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { OAuthConfig } from "next-auth/providers";
import { bigSectionStudents } from "@/sandbox/fixtures";
import { controlClient } from "@/sandbox/control-client";
import { createSandbox, type Sandbox } from "@/sandbox/server";
import { Browser, DEMO_APP, exchangeCode, redirectParams } from "@/sandbox/test/helpers";
import { appDeps } from "@/lib/clever/deps";
import { db } from "@/lib/platform/db";
import { consumeRateLimit, rateLimits } from "@/lib/platform/rate-limit";
import type { Claim } from "@/lib/roster/sync/lease";
import { claimLoginSync } from "@/lib/roster/sync/login-sync";
import { runSync } from "@/lib/roster/sync/sync";
import { statementProxy, type StatementProxy } from "@/tests/support/statements";
import { testDeps } from "@/tests/support/sync-testbed";
import { authJsConfig } from "./auth";
import { claimCode } from "./login-codes";
import { hashSessionToken, idleMs, loadLiveSession, newSessionToken } from "@/lib/session/session-store";
import { bannerDetails } from "@/lib/session/queries";
import { studentDashboard } from "@/lib/roster/queries";
import type { CleverIdentity } from "./identity";

let sandbox: Sandbox;
/** Between the app's own database client and PostgreSQL: every statement the app sends. */
let proxy: StatementProxy;
const student = bigSectionStudents[100]?.id ?? "";

function statements(): string[] {
  return proxy.statements();
}

/** What a logged statement is for, read from its text. */
function purposeOf(text: string): string {
  // The first pattern that matches names it (the render's joins mention the district and school too).
  const purposes: [RegExp, string][] = [
    [/"RateLimit"/, "rate limit (count this callback)"],
    [/"UsedLoginCode"/, "claim the code (exchanged once)"],
    [/^SELECT .* FROM "public"\."User" .*"cleverLegacyIds" &&/, "provisioning: the user's rows by Clever IDs"],
    // The person's row, through the people writer (lib/people/write-people.ts).
    [/^WITH v AS .*UPDATE "User" u SET/, "provisioning: user update"],
    [/"CleverToken"/, "provisioning: the token, encrypted"],
    [/^INSERT INTO "public"\."Session"/, "Auth.js: the new session"],
    [/^INSERT INTO "SyncRun"/, "the login sync's claim"],
    [/^SELECT .* FROM "public"\."Session" .*LEFT JOIN LATERAL/, "render: session, user and the banner's places"],
    [/^SELECT .* FROM "public"\."User" .*"User_enrollments".*"User_syncRuns"/, "render: classes, teachers and the latest sync"],
    [/^SELECT .* FROM "public"\."(District|School)"/, "provisioning: district or school look-up"],
  ];
  return purposes.find(([pattern]) => pattern.test(text))?.[1] ?? `unexpected: ${text.slice(0, 120)}`;
}

/** An authorization code for `cleverId` (Instant Login), not yet exchanged. */
async function authorizationCode(cleverId: string): Promise<string> {
  const page = await new Browser(sandbox.url).get(`/oauth/instant-login?client_id=${DEMO_APP.client_id}&user_id=${cleverId}&consent=allow`);
  const code = redirectParams(page).get("code");
  if (!code) throw new Error(`no code: ${page.status}`);
  return code;
}

/** The exchange request from the rate limit to the session (what
 * route-handler.ts and Auth.js's callback do for one Clever login). */
async function exchangeRequest(cleverId: string): Promise<{ userId: string; sessionToken: string; accessToken: string; claim: Claim | null; authJsUser: unknown }> {
  const code = await authorizationCode(cleverId);
  const config = authJsConfig();
  const adapter = config.adapter;
  const provider = config.providers[0] as OAuthConfig<CleverIdentity>;
  const userinfo = provider.userinfo;
  if (!adapter?.getUserByAccount || !adapter.createSession || typeof userinfo !== "object" || !userinfo.request) throw new Error("unexpected Auth.js configuration");
  expect((await consumeRateLimit(rateLimits.authCallback, "203.0.113.7")).allowed).toBe(true);
  expect(await claimCode(code)).toBe(true);
  const { body } = await exchangeCode(sandbox.url, code, DEMO_APP.redirect_uris[0]);
  const tokens = { access_token: String(body.access_token) };
  const identity = (await userinfo.request({ tokens, provider: provider as never })) as CleverIdentity;
  const account = { provider: provider.id, providerAccountId: identity.cleverId, type: "oauth" as const };
  // Auth.js asks for the account's user twice: in its callback, and again when it logs the user in.
  const first = await adapter.getUserByAccount(account);
  const user = await adapter.getUserByAccount(account);
  expect(user?.id).toBe(first?.id);
  const sessionToken = newSessionToken();
  await adapter.createSession({ sessionToken, userId: user?.id ?? "", expires: new Date(Date.now() + idleMs()) });
  // Auth.js's signIn event: the login sync's claim (it runs after the response).
  const claimed = await claimLoginSync(user?.id ?? "", await appDeps());
  const claim = claimed && !("skipped" in claimed) ? claimed : null;
  return { userId: user?.id ?? "", sessionToken, accessToken: tokens.access_token, claim, authJsUser: user };
}

/** The dashboard's server render for this session (app/(app)/layout.tsx and
 * dashboard/page.tsx): who is signed in, the banner, the student's view. */
async function dashboard(sessionToken: string) {
  const live = await loadLiveSession(sessionToken);
  if (!live) return null;
  const { classes, run } = await studentDashboard(live.user.id);
  return { user: live.user, place: bannerDetails(live.user).place, classes, run };
}

beforeAll(async () => {
  // The app's database client is made on first use, from DATABASE_URL: through the proxy.
  proxy = await statementProxy(process.env.DATABASE_URL ?? "");
  process.env.DATABASE_URL = proxy.url;
  sandbox = await createSandbox({ port: 0, mode: "test", apps: [DEMO_APP] });
  process.env.CLEVER_API_URL = sandbox.url;
  process.env.CLEVER_OAUTH_URL = sandbox.url;
});
afterAll(async () => {
  await db.$disconnect();
  await sandbox?.close();
  await proxy?.close();
});
beforeEach(async () => {
  sandbox.reset();
  await db.$executeRawUnsafe(`TRUNCATE "User", "Section", "School", "District", "CleverToken", "RateLimit", "UsedLoginCode" CASCADE`);
});

/** The first login and its sync: the student, district, school and classes exist. */
async function firstLogin(cleverId: string) {
  const first = await exchangeRequest(cleverId);
  if (!first.claim) throw new Error("the first login's sync was not claimed");
  await runSync(first.claim, testDeps(sandbox, db));
  proxy.reset();
  return first;
}

describe("a returning login", () => {
  test("reaches its first rendered page in at most 8 SQL statements, and keeps every guarantee", async () => {
    const first = await firstLogin(student);

    const again = await exchangeRequest(student);
    const data = await dashboard(again.sessionToken);
    const sent = statements();

    expect(again.userId).toBe(first.userId);
    expect(data?.user.id).toBe(first.userId);
    expect(data?.classes.length).toBeGreaterThan(0);
    expect(data?.place).toBe("Sandbox High School");
    // Its roster was synced moments ago (LOGIN_SYNC_FRESH_SECONDS): the claim
    // recorded a skip, and the dashboard shows the last sync that ran.
    expect(again.claim).toBeNull();
    expect(await db.syncRun.count({ where: { userId: first.userId, outcome: "skipped" } })).toBe(1);
    expect(data?.run?.outcome).toBe("succeeded");
    // A fresh session each login; the token encrypted at rest.
    expect(await db.session.count({ where: { sessionToken: hashSessionToken(again.sessionToken) } })).toBe(1);
    const stored = await db.cleverToken.findUniqueOrThrow({ where: { userId: first.userId } });
    expect(JSON.stringify(stored)).not.toContain(again.accessToken);
    expect(sent.map(purposeOf), `the statements, one a line:\n${sent.join("\n")}`).toEqual([
      "rate limit (count this callback)",
      "claim the code (exchanged once)",
      "provisioning: the user's rows by Clever IDs",
      // Clever's data did not change since the last login: no user update, no
      // district or school look-up (the row already points at them).
      "provisioning: the token, encrypted",
      "Auth.js: the new session",
      "the login sync's claim",
      "render: session, user and the banner's places",
      "render: classes, teachers and the latest sync",
    ]);
  });

  test("whose Clever data changed writes the change, and Auth.js gets the row as written (not read back)", async () => {
    const first = await firstLogin(student);
    const clever = controlClient({ url: sandbox.url, clientId: DEMO_APP.client_id });
    const record = (await clever.getData("students", student)).data as Record<string, unknown>;
    await clever.putData("students", student, { ...record, name: { first: "Renamed", last: "Student" } });
    const again = await exchangeRequest(student);
    const purposes = statements().map(purposeOf);
    expect(again.authJsUser).toMatchObject({ id: first.userId, firstName: "Renamed", lastName: "Student" });
    expect(await db.user.findUniqueOrThrow({ where: { id: first.userId } })).toMatchObject({ firstName: "Renamed", lastName: "Student" });
    // The login request and the sync's claim: the update is the one more statement (docs/benchmarks.md, "One returning login").
    expect(purposes).toEqual([
      "rate limit (count this callback)",
      "claim the code (exchanged once)",
      "provisioning: the user's rows by Clever IDs",
      "provisioning: user update",
      "provisioning: the token, encrypted",
      "Auth.js: the new session",
      "the login sync's claim",
    ]);
  });
});
