import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, newReference } from "./log";

/** A logger whose lines land in `lines` (raw) for the test to read. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  const logger = createLogger(sink);
  return {
    logger,
    text: () => lines.join(""),
    records: () => lines.join("").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

// A Clever-style authorization code: 40 random hex characters (sandbox/store.ts).
const oauthCode = "3f9a0b6c2d7e41f58a9b0c1d2e3f4a5b6c7d8e9f";
const jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEiLCJuYW1lIjoiQWRhIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
// An Auth.js session cookie: a JWE, whose second part is empty ("dir").
const jwe = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..aXZpdml2aXY.Y2lwaGVydGV4dGNpcGhlcnRleHQ.dGFndGFndGFn";

describe("log", () => {
  it("makes short, unambiguous support references", () => {
    const references = new Set(Array.from({ length: 200 }, () => newReference()));
    expect(references.size).toBe(200);
    for (const reference of references) expect(reference).toMatch(/^ERR-[2-9A-HJ-NP-Z]{6}$/);
  });

  it("redacts tokens, codes and secrets wherever they appear", () => {
    const out = capture();
    out.logger.info({ access_token: "tok-123", request: { code: oauthCode, nested: { client_secret: "s3cret" } }, userId: "u1" }, "token exchange");
    const text = out.text();
    expect(text).not.toMatch(new RegExp(`tok-123|${oauthCode}|s3cret`));
    expect(text.match(/\[redacted\]/g)).toHaveLength(3);
    expect(text).toContain('"userId":"u1"');
  });

  it("keeps the line's shape: level, time, service, bindings, fields, message, serialized error", () => {
    const out = capture();
    const err = Object.assign(new Error("boom"), { code: "ECONNREFUSED" });
    out.logger.child({ requestId: "req-1" }).error({ userId: "u1", status: 502, retry: false, err }, "fetch failed");
    const [record] = out.records();
    expect(Object.keys(record ?? {})).toEqual(["level", "time", "service", "requestId", "userId", "status", "retry", "err", "msg"]);
    expect(record).toMatchObject({ level: 50, service: "clever-classroom", requestId: "req-1", userId: "u1", status: 502, retry: false, msg: "fetch failed" });
    expect(record?.err).toMatchObject({ type: "Error", message: "boom", code: "ECONNREFUSED" });
    expect(String((record?.err as { stack?: unknown }).stack)).toMatch(/^Error: boom\n\s+at /);
  });

  it("[security] an Authorization header nested four levels deep is redacted, whatever its case", () => {
    const out = capture();
    out.logger.warn(
      {
        upstream: { request: { init: { headers: { Authorization: "Bearer live-token-1", Accept: "application/json" } } } },
        other: { a: { b: { c: { AUTHORIZATION: "Basic dXNlcjpwYXNz" } } } },
      },
      "clever call failed",
    );
    const text = out.text();
    expect(text).not.toContain("live-token-1");
    expect(text).not.toContain("dXNlcjpwYXNz");
    expect(out.records()[0]).toMatchObject({
      upstream: { request: { init: { headers: { Authorization: "[redacted]", Accept: "application/json" } } } },
    });
  });

  it("[security] secret-looking keys are redacted at any depth, by pattern and without regard to case", () => {
    const out = capture();
    const secrets = {
      accessToken: "v-accessToken",
      refresh_token: "v-refresh",
      idToken: "v-idToken",
      "X-Api-Key": "v-apikey",
      clientSecret: "v-clientSecret",
      CLEVER_CLIENT_SECRET: "v-env-secret",
      TOKEN_ENCRYPTION_KEYS: "v-keys",
      password: "v-password",
      Cookie: "v-cookie",
      "set-cookie": ["v-setcookie"],
      ciphertext: "v-ciphertext",
      state: "v-state",
      oauthCode: "v-oauthCode",
      authorization_code: "v-authorization-code",
      code_verifier: "v-verifier",
      "authjs.session-token": "v-session",
    };
    out.logger.info({ deep: { deeper: { deepest: { still: secrets } } }, ...secrets }, "many secrets");
    const text = out.text();
    for (const value of Object.values(secrets).flat()) expect(text).not.toContain(value);
  });

  it("[security] a token inside a URL in the message or a field is redacted, the rest stays readable", () => {
    const out = capture();
    out.logger.info({ url: "https://api.clever.com/v3.0/me?access_token=tok-in-url&limit=10" }, "GET https://api.clever.com/v3.0/me?token=tok-in-msg&x=1");
    out.logger.info(
      { link: new URL("https://app.example/cb?id_token=tok-in-object"), next: "/start?redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fcode%3Dtok-encoded%26x%3D1", mixed: "cb%3Fcode=tok-mixed" },
      "form body grant_type=authorization_code&code=tok-in-form&client_secret=tok-secret&client_id=app",
    );
    const text = out.text();
    expect(text).not.toMatch(/tok-in-url|tok-in-msg|tok-in-object|tok-encoded|tok-mixed|tok-in-form|tok-secret/);
    expect(out.records()[1]).toMatchObject({
      link: "https://app.example/cb?id_token=[redacted]",
      next: "/start?redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fcode%3D[redacted]%26x%3D1",
      msg: "form body grant_type=authorization_code&code=[redacted]&client_secret=[redacted]&client_id=app",
    });
    const [record] = out.records();
    expect(record?.url).toBe("https://api.clever.com/v3.0/me?access_token=[redacted]&limit=10");
    expect(record?.msg).toBe("GET https://api.clever.com/v3.0/me?token=[redacted]&x=1");
  });

  it("[security] an OAuth code and state in a callback URL are redacted while the rest of the URL stays readable", () => {
    const out = capture();
    const url = `https://app.example/api/auth/callback/clever?code=${oauthCode}&state=eyJzdGF0ZSI6MX0.c2ln&scope=read%20user`;
    out.logger.warn({ callback: { url } }, `callback ${url}`);
    const text = out.text();
    expect(text).not.toContain(oauthCode);
    expect(text).not.toContain("eyJzdGF0ZSI6MX0");
    const readable = "https://app.example/api/auth/callback/clever?code=[redacted]&state=[redacted]&scope=read%20user";
    expect(out.records()[0]).toMatchObject({ callback: { url: readable }, msg: `callback ${readable}` });
  });

  it("[security] Bearer and Basic credentials in err.message and err.stack are redacted", () => {
    const out = capture();
    const err = new Error("request failed with Authorization: Bearer abc123secret and Basic Y2xpZW50OnNlY3JldA==");
    out.logger.error({ err, reference: "ERR-ABC234" }, "clever call failed");
    out.logger.error(new Error("token refused: Bearer def456secret"));
    out.logger.warn({ reason: "sent basic dXNlcjpwYXNz then BEARER ghi789secret" }, "retry");
    const text = out.text();
    expect(text).not.toMatch(/abc123secret|def456secret|ghi789secret|Y2xpZW50OnNlY3JldA|dXNlcjpwYXNz/);
    const [first, second] = out.records();
    expect((first?.err as { message?: string }).message).toContain("Authorization: [redacted]");
    expect((first?.err as { stack?: string }).stack).toContain("Authorization: [redacted]");
    // With no message of its own, the line takes the error's, redacted too.
    expect(second?.msg).toBe("token refused: Bearer [redacted]");
  });

  it("[security] cookie values are redacted: headers, raw header lists and Set-Cookie lines in strings", () => {
    const out = capture();
    out.logger.info(
      {
        response: { rawHeaders: ["Content-Type", "text/html", "Set-Cookie", "authjs.session-token=cookie-one; Path=/; HttpOnly"] },
        request: { headers: { cookie: "authjs.csrf-token=cookie-two" } },
        note: "upstream sent set-cookie: sid=cookie-three; Path=/",
      },
      "Cookie: authjs.state=cookie-four",
    );
    const text = out.text();
    expect(text).not.toMatch(/cookie-one|cookie-two|cookie-three|cookie-four/);
    expect(text).toContain('"Content-Type","text/html","Set-Cookie","[redacted]"');
  });

  it("[security] JWTs and JWEs are redacted in any string", () => {
    const out = capture();
    out.logger.info({ note: `id token was ${jwt}`, list: [jwe] }, `session ${jwe}`);
    const text = out.text();
    expect(text).not.toContain("eyJhbGciOi");
    expect(text).not.toContain("Y2lwaGVydGV4dGNpcGhlcnRleHQ");
    expect(out.records()[0]).toMatchObject({ note: "id token was [redacted]", list: ["[redacted]"], msg: "session [redacted]" });
  });

  it("[security] failure codes stay readable, OAuth codes do not", () => {
    const out = capture();
    const prisma = Object.assign(new Error("Unique constraint failed"), { code: "P2002" });
    const network = Object.assign(new Error("connect failed"), { code: "ECONNREFUSED" });
    out.logger.warn({ reference: "ERR-7F3K2Q", kind: "state_mismatch", code: "state_mismatch", cause: "OperationProcessingError" }, "Clever login failed");
    out.logger.warn({ kind: "clever_unavailable", code: "OAUTH_RESPONSE_BODY_ERROR", status: 503, details: { code: "token_exchange_failed" } }, "Clever login failed");
    out.logger.error({ err: prisma, db: { code: "P2002" } }, "insert failed");
    out.logger.error({ err: network }, "fetch failed");
    out.logger.warn({ code: "debug-enabled" }, "auth.js warning");
    out.logger.info({ exit: { code: 1 } }, "child exited");
    // An authorization code under a plain `code` key still looks random: redacted.
    out.logger.info({ code: oauthCode, other: { code: "dGhpcy1pcy1hLWNvZGUtZnJvbS1jbGV2ZXI" }, uuid: { code: "550e8400-e29b-41d4-a716-446655440000" } }, "callback");
    const [mismatch, unavailable, unique, refused, warning, exited, callback] = out.records();
    expect(mismatch).toMatchObject({ reference: "ERR-7F3K2Q", kind: "state_mismatch", code: "state_mismatch", cause: "OperationProcessingError" });
    expect(unavailable).toMatchObject({ code: "OAUTH_RESPONSE_BODY_ERROR", status: 503, details: { code: "token_exchange_failed" } });
    expect(unique).toMatchObject({ err: { code: "P2002" }, db: { code: "P2002" } });
    expect(refused).toMatchObject({ err: { code: "ECONNREFUSED" } });
    expect(warning).toMatchObject({ code: "debug-enabled" });
    expect(exited).toMatchObject({ exit: { code: 1 } });
    expect(callback).toMatchObject({ code: "[redacted]", other: { code: "[redacted]" }, uuid: { code: "[redacted]" } });
  });

  it("[security] the support reference is kept", () => {
    // Not broken before the pattern rules; kept here so they never eat it.
    const out = capture();
    const reference = newReference();
    out.logger.warn({ reference, kind: "code_invalid", authError: "CallbackRouteError" }, `Clever login failed (${reference})`);
    expect(out.records()[0]).toMatchObject({ reference, kind: "code_invalid", authError: "CallbackRouteError", msg: `Clever login failed (${reference})` });
  });

  it("[security] secrets inside arrays, at any depth, are redacted", () => {
    const out = capture();
    out.logger.info(
      {
        attempts: [{ headers: { authorization: "Bearer array-one" } }, { token: "array-two" }, [[{ deep: { password: "array-three" } }]]],
        urls: ["https://app.example/cb?code=array-four&state=array-five"],
        ids: ["u1", "u2"],
      },
      "retrying",
    );
    const text = out.text();
    expect(text).not.toMatch(/array-(one|two|three|four|five)/);
    expect(out.records()[0]).toMatchObject({ ids: ["u1", "u2"], attempts: [{ headers: { authorization: "[redacted]" } }, { token: "[redacted]" }, [[{ deep: { password: "[redacted]" } }]]] });
  });

  it("[security] cycles neither crash nor hide a secret", () => {
    const out = capture();
    type Node = { name: string; self?: Node; children: Node[]; deep?: unknown };
    const root: Node = { name: "root", children: [] };
    root.self = root;
    root.children.push(root);
    root.deep = { a: { b: { c: { d: { apiKey: "cyclic-secret" } } } } };
    const err = Object.assign(new Error("loop"), { details: { err: undefined as unknown, token: "cyclic-token" } });
    err.details.err = err;
    expect(() => out.logger.error({ root, err }, "cycle")).not.toThrow();
    const text = out.text();
    expect(text).not.toMatch(/cyclic-secret|cyclic-token/);
    expect(out.records()[0]).toMatchObject({ root: { name: "root", self: "[Circular]", children: ["[Circular]"] }, msg: "cycle" });
  });

  it("[security] a secret nested deeper than the walk goes is not printed", () => {
    const out = capture();
    let nested: Record<string, unknown> = { note: "Bearer too-deep-secret" };
    for (let level = 0; level < 20; level += 1) nested = { level: nested };
    out.logger.info({ nested }, "deep");
    expect(out.text()).not.toContain("too-deep-secret");
  });

  it("[security] interpolated arguments, the objects they format and secret-named child bindings are redacted", () => {
    const out = capture();
    out.logger.child({ requestId: "req-9", authorization: "Bearer child-secret" }).info("exchange token=%s for user %s with %j", "interp-secret", "u1", { client_secret: "json-secret" });
    const text = out.text();
    expect(text).not.toMatch(/child-secret|interp-secret|json-secret/);
    expect(out.records()[0]).toMatchObject({ requestId: "req-9", authorization: "[redacted]", msg: 'exchange token=[redacted] for user u1 with {"client_secret":"[redacted]"}' });
  });

  it("[security] passwords in connection strings and secrets in JSON bodies quoted in messages are redacted", () => {
    const out = capture();
    out.logger.error(
      { reason: 'Clever said {"access_token":"body-token","error":"invalid_grant","code":"invalid_grant"}' },
      "cannot reach postgres://app:hunter2@db.internal:5432/app",
    );
    const text = out.text();
    expect(text).not.toMatch(/body-token|hunter2/);
    const [record] = out.records();
    expect(record?.reason).toBe('Clever said {"access_token":"[redacted]","error":"invalid_grant","code":"invalid_grant"}');
    expect(record?.msg).toBe("cannot reach postgres://app:[redacted]@db.internal:5432/app");
  });

  it("leaves prose, challenges and harmless parameters readable", () => {
    const out = capture();
    const lines = [
      "Basic information is missing from the profile",
      'WWW-Authenticate: Bearer error="invalid_token", error_description="expired"',
      "POST /oauth/tokens grant_type=authorization_code&response_type=code&redirect_uri=https%3A%2F%2Fapp.example%2Fcb",
      "connect ECONNREFUSED 127.0.0.1:5432 at 2024-01-01T10:00:00.000Z",
      "GET /v3.0/sections?limit=100&starting_after=abc",
    ];
    for (const line of lines) out.logger.info({ line }, line);
    for (const [index, record] of out.records().entries()) expect(record).toMatchObject({ line: lines[index], msg: lines[index] });
  });

  it("does not change what the caller logged", () => {
    const out = capture();
    const fields = { headers: { authorization: "Bearer keep-me" }, list: ["https://x.example/?code=keep"] };
    const err = Object.assign(new Error("Bearer keep-too"), { token: "keep-three" });
    out.logger.info({ ...fields, err }, "x");
    expect(fields).toEqual({ headers: { authorization: "Bearer keep-me" }, list: ["https://x.example/?code=keep"] });
    expect(err.message).toBe("Bearer keep-too");
    expect(err.token).toBe("keep-three");
  });
});
