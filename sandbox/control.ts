// The sandbox control API under /sandbox/ (modes "test" and "demo" only):
// fixtures listing, data upserts, faults, latency, clock, stats, reset.
import { z } from "zod";
import { appRegistrationSchema } from "./config";
import { handleV3Only, handleV3Users } from "./control-v3";
import { fixtures as seedFixtures } from "./fixtures";
import { GONE_CURSORS } from "./events";
import { districtSizeSchema, seedGeneratedDistrict } from "./generated-district";
import { faultSpecSchema, type Faults } from "./faults";
import { DEFAULT_RATE_LIMIT } from "./rate-limit";
import { removeSections, rollover, rolloverSchema, RolloverRefused, sectionScopeSchema, sectionsInScope } from "./rollover";
import { handleFor } from "./fixtures";
import { type Ctx, json } from "./http";
import type { ApiDeps } from "./data-api";
import type { TokenDeps } from "./oauth";
import type { RequestLog } from "./request-log";
import type { Stats } from "./stats";
import { displayName } from "./store";
import { definitionValidator, type DefinitionValidator } from "./swagger-schema";
import { type CleverObject, KIND_DEFINITION, KINDS, type Kind, type Reply, USER_TYPES } from "./types";

export interface ControlDeps extends ApiDeps, TokenDeps {
  faults: Faults;
  stats: Stats;
  requests: RequestLog;
  /** Where the app reaches the sandbox (discovery endpoints). */
  baseUrl: string;
}

/** POST /sandbox/reset: back to the seed; faults, latency, rate limits and events cleared. */
export function resetAll(deps: ControlDeps): void {
  deps.store.reset();
  deps.events.reset();
  deps.faults.clear();
  deps.faults.globalLatencyMs = 0;
  deps.rateLimiter.reset();
}

let v20: DefinitionValidator | undefined;
/** Upserts are validated against Clever's v2.0 definitions (compiled on first use). */
function validator(): DefinitionValidator {
  v20 ??= definitionValidator("v2.0");
  return v20;
}

function parseJson(ctx: Ctx): unknown {
  const text = ctx.body.toString("utf8").trim();
  if (text === "") return {};
  return JSON.parse(text);
}

function kindOf(segment: string | undefined): Kind | undefined {
  if (segment === undefined) return undefined;
  const plural = segment.endsWith("s") ? segment : `${segment}s`;
  return KINDS.find((k) => k === plural);
}

function badRequest(message: string, details?: unknown): Reply {
  return json(400, details === undefined ? { error: message } : { error: message, details });
}

function listUsers(deps: ControlDeps): unknown[] {
  const store = deps.store;
  const out: unknown[] = [];
  for (const type of USER_TYPES) {
    const kind = (KINDS.find((k) => k === `${type}s`) ?? "teachers") as Kind;
    for (const obj of store.list(kind)) {
      const sharing = store.sharingOf(obj);
      const h = handleFor(obj.id);
      out.push({
        id: obj.id,
        key: h?.key ?? null,
        type,
        name: displayName(obj),
        email: typeof obj.email === "string" ? obj.email : null,
        district: sharing === "district" ? (obj.district ?? null) : null,
        authorized_by: sharing,
        tags: h?.tags ?? [],
      });
    }
  }
  return out;
}

function upsert(deps: ControlDeps, kind: Kind, id: string, ctx: Ctx): Reply {
  let body: unknown;
  try {
    body = parseJson(ctx);
  } catch {
    return badRequest("body must be JSON");
  }
  // Accept the bare object or Clever's {data: {...}} envelope.
  if (typeof body === "object" && body !== null && "data" in body && typeof body.data === "object") body = body.data;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return badRequest("body must be a JSON object");
  const candidate: Record<string, unknown> = { ...body };
  if (candidate.id !== undefined && candidate.id !== id) return badRequest("body id does not match the path");
  candidate.id = id;
  const problem = validator().check(KIND_DEFINITION[kind], candidate);
  if (problem) return badRequest(`not a valid Clever v2.0 ${KIND_DEFINITION[kind]}`, problem);
  const obj = candidate as CleverObject;
  if (kind !== "districts" && typeof obj.district === "string" && !deps.store.get("districts", obj.district)) {
    return badRequest(`unknown district ${obj.district} (omit district for a Library record)`);
  }
  const created = !deps.store.get(kind, id);
  deps.store.upsert(kind, obj);
  return json(created ? 201 : 200, { data: obj });
}

const clockSchema = z.object({ advanceMs: z.number().int().min(0) }).strict();
const latencySchema = z.object({ ms: z.number().int().min(0).max(600_000) }).strict();
const rateLimitSchema = z
  .object({
    limit: z.number().int().min(0),
    windowMs: z.number().int().min(1).max(24 * 60 * 60_000).optional(),
    user: z.string().min(1).optional(),
    district: z.string().min(1).optional(),
  })
  .strict();
const sharingSchema = z
  .object({
    user: z.string().min(1),
    shared_by: z.enum(["district", "teacher"]),
    district_id: z.string().min(1).optional(),
    school_id: z.string().min(1).optional(),
  })
  .strict();
const eventSettingsSchema = z.object({ goneCursor: z.enum(GONE_CURSORS) }).strict();
const connectionSchema = z
  .object({ district_id: z.string().min(1), client_id: z.string().min(1), connected: z.boolean() })
  .strict();

function withBody<T>(ctx: Ctx, schema: z.ZodType<T>, then: (value: T) => Reply): Reply {
  let raw: unknown;
  try {
    raw = parseJson(ctx);
  } catch {
    return badRequest("body must be JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return badRequest("invalid body", z.treeifyError(parsed.error));
  return then(parsed.data);
}

/** A bulk change the store refused (nothing changed): a 400 with the reason. */
function refusable(change: () => Reply): Reply {
  try {
    return change();
  } catch (error) {
    if (error instanceof RolloverRefused) return badRequest(error.message);
    throw error;
  }
}

/** Handles /sandbox/*; `rest` are the path segments after "sandbox". */
export function handleControl(deps: ControlDeps, ctx: Ctx, rest: string[]): Reply {
  const { store, faults, stats } = deps;
  const route = `${ctx.method} ${rest.slice(0, 1).join("/")}`;
  const [, second, third] = rest;

  switch (route) {
    case "GET users":
      return json(200, listUsers(deps));
    case "GET fixtures":
      return json(200, seedFixtures);
    case "PUT apps":
    case "DELETE apps":
      if (second === undefined || third !== undefined) break;
      if (ctx.method === "DELETE") {
        if (!store.apps.delete(second)) return json(404, { error: "not found" });
        store.disconnect(seedFixtures.district.id, second);
        return json(200, { ok: true });
      }
      // Register (or replace) an app at runtime, e.g. a students-only app.
      return withBody(ctx, appRegistrationSchema, (app) => {
        if (app.client_id !== second) return badRequest("client_id does not match the path");
        const created = !store.apps.has(second);
        store.apps.set(second, app);
        store.seedConsents();
        if (app.district_connected === false) store.disconnect(seedFixtures.district.id, second);
        else store.connect(seedFixtures.district.id, second);
        return json(created ? 201 : 200, { client_id: second });
      });
    case "GET apps":
      return json(
        200,
        [...store.apps.values()].map(({ client_secret: _secret, ...app }) => ({
          ...app,
          connected_districts: store.list("districts").filter((d) => store.isConnected(d.id, app.client_id)).map((d) => d.id),
        })),
      );
    case "POST reset":
      resetAll(deps);
      return json(200, { ok: true });
    case "GET rate-limit":
      return json(200, deps.rateLimiter.rules());
    case "POST rate-limit":
      return withBody(ctx, rateLimitSchema, ({ limit, windowMs, user, district }) => {
        if (user !== undefined && district !== undefined) return badRequest("give user or district, not both");
        if (user !== undefined && !store.findUser(user)) return badRequest(`unknown user ${user}`);
        const scope: { user?: string; district?: string } = {};
        if (user !== undefined) scope.user = user;
        if (district !== undefined) scope.district = district;
        const rule = { limit, windowMs: windowMs ?? DEFAULT_RATE_LIMIT.windowMs };
        deps.rateLimiter.set(rule, scope);
        return json(200, { ...rule, ...scope });
      });
    case "DELETE rate-limit":
      deps.rateLimiter.reset(ownerOf(ctx.url.searchParams));
      return json(200, { ok: true });
    case "POST sharing":
      return withBody(ctx, sharingSchema, ({ user, shared_by, district_id, school_id }) => {
        const districtId = district_id ?? seedFixtures.district.id;
        const schoolId = school_id ?? seedFixtures.schoolElementary.id;
        if (!store.findUser(user)) return badRequest(`unknown user ${user}`);
        if (shared_by === "district") {
          if (!store.get("districts", districtId)) return badRequest(`unknown district ${districtId}`);
          const school = store.get("schools", schoolId);
          if (!school || school.district !== districtId) return badRequest(`unknown school ${schoolId} in district ${districtId}`);
        }
        const changed = store.setSharing(user, shared_by, districtId, schoolId);
        if (!changed) return badRequest(`unknown user ${user}`);
        return json(200, { user, type: changed.type, authorized_by: changed.sharing, data: changed.object });
      });
    case "GET requests": {
      const q = ctx.url.searchParams;
      const user = q.get("user");
      const district = q.get("district");
      if ((user === null) === (district === null)) return badRequest("give ?user=CLEVER_ID or ?district=DISTRICT_ID");
      return json(200, user !== null ? deps.requests.forUser(user) : deps.requests.forDistrict(district ?? ""));
    }
    case "DELETE requests":
      deps.requests.clear(ownerOf(ctx.url.searchParams));
      return json(200, { ok: true });
    case "GET clock":
      return json(200, { now: store.now(), iso: new Date(store.now()).toISOString() });
    case "POST clock":
      return withBody(ctx, clockSchema, ({ advanceMs }) => {
        store.advanceClock(advanceMs);
        return json(200, { now: store.now(), iso: new Date(store.now()).toISOString() });
      });
    case "POST latency":
      return withBody(ctx, latencySchema, ({ ms }) => {
        faults.globalLatencyMs = ms;
        return json(200, { ms });
      });
    case "GET faults":
      return json(200, faults.list());
    case "POST faults":
      return withBody(ctx, faultSpecSchema, (spec) => json(201, faults.add(spec)));
    case "DELETE faults":
      faults.clear(ctx.url.searchParams.get("user") ?? undefined);
      return json(200, { ok: true });
    case "GET stats":
      return json(200, stats.snapshot());
    case "POST stats":
      if (second === "reset" && third === undefined) {
        stats.reset();
        return json(200, { ok: true });
      }
      break;
    case "POST events":
    case "GET events":
      if (rest.length !== 2) break;
      if (ctx.method === "POST" && second === "expire") return json(200, { expired: deps.events.expire() });
      if (second !== "settings") break;
      if (ctx.method === "GET") return json(200, { goneCursor: deps.events.goneCursor });
      return withBody(ctx, eventSettingsSchema, ({ goneCursor }) => {
        deps.events.goneCursor = goneCursor;
        return json(200, { goneCursor });
      });
    case "GET generated-district":
    case "POST generated-district":
    case "DELETE generated-district":
      if (rest.length !== 1) break;
      if (ctx.method === "GET") return store.generated ? json(200, store.generated) : json(404, { error: "no generated district" });
      if (ctx.method === "DELETE") {
        seedGeneratedDistrict(store, undefined);
        resetAll(deps);
        return json(200, { ok: true });
      }
      // Part of the seed from now on: loading it is a reset (no events, tokens of users gone).
      return withBody(ctx, districtSizeSchema, (size) => {
        const started = Date.now();
        seedGeneratedDistrict(store, size);
        resetAll(deps);
        return json(201, { ...store.generated, ms: Date.now() - started });
      });
    case "POST connections":
      return withBody(ctx, connectionSchema, ({ district_id, client_id, connected }) => {
        if (!store.apps.has(client_id)) return badRequest(`unknown client_id ${client_id}`);
        if (connected) store.connect(district_id, client_id);
        else store.disconnect(district_id, client_id);
        return json(200, { district_id, client_id, connected });
      });
    case "POST sections":
      if (second !== "remove" || third !== undefined) break;
      return withBody(ctx, sectionScopeSchema, (scope) =>
        refusable(() => {
          const { removed, deletedTerms } = removeSections(store, sectionsInScope(store, scope));
          return json(200, { sections: { removed }, terms: { deleted: deletedTerms } });
        }),
      );
    case "POST rollover":
      if (rest.length !== 1) break;
      return withBody(ctx, rolloverSchema, (spec) => refusable(() => json(200, rollover(store, spec))));
    case "GET data":
    case "PUT data":
    case "DELETE data": {
      if (second === "users") return rest.length > 3 ? json(404, { error: "not found" }) : handleV3Users(store, ctx, third);
      if (second === "terms" || second === "courses") {
        return rest.length > 3 ? json(404, { error: "not found" }) : handleV3Only(store, ctx, second, third);
      }
      const kind = kindOf(second);
      if (!kind) return json(404, { error: `unknown kind; use one of ${KINDS.join(", ")}` });
      if (third === undefined) {
        return ctx.method === "GET" ? json(200, { data: store.list(kind) }) : json(405, { error: "an id is required" });
      }
      if (rest.length > 3) break;
      if (ctx.method === "PUT") return upsert(deps, kind, third, ctx);
      if (ctx.method === "DELETE") {
        return store.delete(kind, third) ? json(200, { ok: true }) : json(404, { error: "not found" });
      }
      const obj = store.get(kind, third);
      return obj ? json(200, { data: obj }) : json(404, { error: "not found" });
    }
  }
  return json(404, { error: `no control endpoint ${ctx.method} /sandbox/${rest.join("/")}` });
}

/** `?user=ID` or `?district=ID` of a DELETE: that scope only; neither: everything. */
function ownerOf(params: URLSearchParams): { user?: string; district?: string } {
  const user = params.get("user");
  const district = params.get("district");
  return { ...(user !== null ? { user } : {}), ...(district !== null ? { district } : {}) };
}
