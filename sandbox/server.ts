// The local Clever: one node:http server with Clever's OAuth endpoints, Data
// API v2.0/v2.1/v3.0/v3.1, Portal, Instant Login links, Library consent, seeded fixtures,
// fault injection and a control API. Standalone; the app never imports it.
//
//   const sandbox = await createSandbox({ port: 0, clock: () => now });
//   sandbox.url  // "http://127.0.0.1:54321"
//   await sandbox.close();
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { loadApps, loadStrict } from "./config";
import { type ControlDeps, handleControl, resetAll } from "./control";
import { API_VERSIONS, type ApiVersion, handleDataApi, handleUserinfo } from "./data-api";
import { handleDataApiV3, V3_VERSIONS } from "./data-api-v3";
import { EventLog, EVENTS_VERSIONS } from "./events";
import { type DistrictSize, districtSizeSchema, seedGeneratedDistrict } from "./generated-district";
import { handleEventsApi } from "./events-api";
import { type Fault, Faults, malformed, statusFaultReply } from "./faults";
import { BodyTooLarge, type Ctx, html, json, readBody, redirect, sleep } from "./http";
import { handleConsent, handleLogin } from "./login";
import { handleAuthorize, handleTokens } from "./oauth";
import { errorPage } from "./pages";
import { Oidc } from "./oidc";
import { handleInstantLogin, handleLogout, handlePortal } from "./portal";
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitRule } from "./rate-limit";
import { RequestLog } from "./request-log";
import { endpointKey, Stats } from "./stats";
import { Store } from "./store";
import type { AppRegistration, Reply, SandboxMode } from "./types";

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Epoch milliseconds; POST /sandbox/clock advances on top of it. Default Date.now. */
  clock?: () => number;
  /** Default: loadApps(process.env) (SANDBOX_APPS_FILE or the demo app). */
  apps?: AppRegistration[];
  /** "production" hides /sandbox/* and the Instant Login user_id shortcut. Default "test". */
  mode?: SandboxMode;
  /**
   * Clever as documented (default; env SANDBOX_STRICT=false turns it off): JSON
   * 404s instead of 403s, HTML 404s for endpoints a token type may never use,
   * 413 for limit > 10000, user tokens limited to /me, /userinfo, their district
   * and record (+ a Library teacher's sections' students). false = the lenient
   * sandbox of before (403s, wide Library reads).
   */
  strict?: boolean;
  /** The id_token `iss` and discovery `issuer`. Default: the sandbox's own URL. */
  issuer?: string;
  /** Default rate limit per bearer token. Default {limit: 1200, windowMs: 60000}. */
  rateLimit?: RateLimitRule;
  /**
   * A generated district beside the fixtures (generated-district.ts), part of
   * the seed: `{students, teachers?, sections?, schools?, seed?}`. Default none.
   */
  generatedDistrict?: DistrictSize;
}

export interface Sandbox {
  url: string;
  port: number;
  mode: SandboxMode;
  store: Store;
  faults: Faults;
  stats: Stats;
  strict: boolean;
  oidc: Oidc;
  rateLimiter: RateLimiter;
  requests: RequestLog;
  /** The district event log behind /v2.1/events, /v3.0/events, /v3.1/events. */
  events: EventLog;
  /** Same as POST /sandbox/reset. */
  reset(): void;
  close(): Promise<void>;
}

function route(deps: ControlDeps, ctx: Ctx, fault: Fault | undefined): Reply | Promise<Reply> {
  const { pathname } = ctx.url;
  const segments = pathname.split("/").filter((s) => s.length > 0);
  const [first, ...rest] = segments;

  // The Events API (v2.1, v3.0, v3.1; v2.0 has none and answers like any unknown endpoint).
  const eventsVersion = EVENTS_VERSIONS.find((v) => v === first);
  if (eventsVersion && rest[0] === "events") return handleEventsApi(deps, ctx, eventsVersion, rest);
  const version = API_VERSIONS.find((v) => v === first);
  if (version) return handleDataApi(deps, ctx, version as ApiVersion, rest);
  const v3 = V3_VERSIONS.find((v) => v === first);
  if (v3) return handleDataApiV3(deps, ctx, v3, rest);

  const get = ctx.method === "GET" || ctx.method === "HEAD";
  switch (pathname) {
    case "/":
      return get ? redirect("/portal") : notFound(ctx, deps.strict);
    case "/oauth/authorize":
      return get ? handleAuthorize(deps, ctx) : methodNotAllowed("GET");
    case "/oauth/tokens":
      return handleTokens(deps, ctx, fault?.idToken);
    case "/userinfo":
      return handleUserinfo(deps, ctx);
    case "/.well-known/openid-configuration":
      return get ? json(200, deps.oidc.discovery(deps.baseUrl)) : methodNotAllowed("GET");
    case "/oauth/certs":
    case "/.well-known/jwks.json": // the sandbox's older path, kept as an alias
      return get ? json(200, deps.oidc.jwks()) : methodNotAllowed("GET");
    case "/oauth/consent":
      return ctx.method === "POST" ? handleConsent(deps, ctx) : methodNotAllowed("POST");
    case "/login":
      return ctx.method === "POST" ? handleLogin(deps, ctx) : redirect("/portal");
    case "/portal":
      return get ? handlePortal(deps, ctx) : methodNotAllowed("GET");
    case "/oauth/instant-login":
    case "/instant-login": // the sandbox's older path, kept as an alias
      return get ? handleInstantLogin(deps, ctx) : methodNotAllowed("GET");
    case "/logout":
      return handleLogout(deps, ctx);
    default:
      return notFound(ctx, deps.strict);
  }
}

function notFound(ctx: Ctx, strict = false): Reply {
  // Clever answers unknown endpoints with HTML (strict); lenient: JSON unless the client asks for HTML.
  const wantsHtml = strict || (ctx.req.headers.accept ?? "").includes("text/html");
  return wantsHtml ? html(404, errorPage("Page not found", "There is nothing here.")) : json(404, { error: "Not Found" });
}

function methodNotAllowed(allow: string): Reply {
  return json(405, { error: "method not allowed" }, { allow });
}

/** The Clever user a request acts for: the owner of its Bearer token, or the
 * user a token request's code was issued to. For user-scoped faults only. */
function requestUser(store: Store, ctx: Ctx): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? "")?.[1];
  if (bearer) {
    const token = store.lookupToken(bearer);
    return typeof token === "object" && token.kind === "user" ? token.userId : undefined;
  }
  if (ctx.method !== "POST" || ctx.url.pathname !== "/oauth/tokens") return undefined;
  const text = ctx.body.toString("utf8");
  let code: string | null | undefined;
  try {
    code = text.trimStart().startsWith("{") ? (JSON.parse(text) as { code?: string }).code : new URLSearchParams(text).get("code");
  } catch {
    return undefined;
  }
  return code ? store.getCode(code)?.userId : undefined;
}

/** Whose bearer token a request carries, whatever the token's state, for the request log. */
function requestOwner(store: Store, ctx: Ctx): { user: string } | { district: string } | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? "")?.[1];
  const token = bearer === undefined ? undefined : store.peekToken(bearer);
  if (!token) return undefined;
  return token.kind === "user" ? { user: token.userId } : { district: token.districtId };
}

function write(res: ServerResponse, method: string, reply: Reply, bodyFault?: "malformed" | "truncated"): void {
  const body = bodyFault === "malformed" ? malformed(reply.body) : reply.body;
  const bytes = Buffer.from(body, "utf8");
  res.statusCode = reply.status;
  for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v);
  res.setHeader("content-length", bytes.length);
  if (method === "HEAD") {
    res.end();
    return;
  }
  if (bodyFault === "truncated") {
    // Promise the whole body, send half, cut the connection.
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    return;
  }
  res.end(bytes);
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const mode = options.mode ?? "test";
  const apps = options.apps ?? loadApps(process.env);
  if (apps.length === 0) throw new Error("createSandbox: at least one app must be registered");
  const store = new Store(options.clock ?? Date.now, apps);
  if (options.generatedDistrict) {
    seedGeneratedDistrict(store, districtSizeSchema.parse(options.generatedDistrict));
    store.reset();
  }
  const faults = new Faults();
  const stats = new Stats();
  const strict = options.strict ?? loadStrict(process.env);
  const oidc = new Oidc();
  const rateLimiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const requests = new RequestLog();
  const events = new EventLog(store);
  // baseUrl (and the default issuer) are known once the server listens.
  const deps: ControlDeps = { store, mode, faults, stats, strict, oidc, rateLimiter, requests, events, baseUrl: "" };
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (err) {
      write(res, method, json(err instanceof BodyTooLarge ? 413 : 400, { error: "could not read request body" }));
      return;
    }
    const ctx: Ctx = { req, method, url, body };

    const segments = url.pathname.split("/").filter((s) => s.length > 0);
    if (segments[0] === "sandbox") {
      // Production mode: the sandbox must look like plain Clever.
      write(res, method, mode === "production" ? notFound(ctx) : handleControl(deps, ctx, segments.slice(1)));
      return;
    }

    stats.count(method, url.pathname);
    const fault = faults.take(method, `${url.pathname}${url.search}`, () => requestUser(store, ctx));
    const delay = faults.globalLatencyMs + (fault?.latencyMs ?? 0);
    if (delay > 0) await sleep(delay);
    if (fault?.hang) return; // never answered; close() destroys the socket

    const reply = (fault && statusFaultReply(fault)) ?? (await route(deps, fault ? { ...ctx, shape: fault } : ctx, fault));
    const owner = requestOwner(store, ctx);
    if (owner) {
      requests.record(owner, {
        method,
        endpoint: endpointKey(method, url.pathname),
        path: `${url.pathname}${url.search}`,
        status: reply.status,
      });
    }
    write(res, method, reply, fault?.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        write(res, "GET", json(500, { error: "sandbox internal error", message: String(err) }));
      } else {
        res.destroy();
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // Many parallel clients (tests, benchmarks): don't let the backlog limit bite.
  server.maxConnections = 10_000;

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("sandbox: unexpected server address");
  const urlHost = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${urlHost}:${address.port}`;
  deps.baseUrl = url;
  oidc.issuer = options.issuer ?? url;

  return {
    url,
    port: address.port,
    mode,
    store,
    faults,
    stats,
    strict,
    oidc,
    rateLimiter,
    requests,
    events,
    reset() {
      resetAll(deps);
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive and hung (fault) connections would hold close() forever.
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
