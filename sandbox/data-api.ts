// Clever Data API v2.0 / v2.1: /me and the district, school, teacher,
// student, section and admin endpoints, with Clever's access rules per token
// kind and its paging (district-app tokens only).
//
// Bodies follow clever-api/v2.0.yml and v2.1.yml exactly:
//   single: {data: {...}, links: [{rel: "self", uri}]}
//   list:   {data: [{data: {...}, uri}], links: [{rel: "self"|"next"|"prev", uri}]}
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "./config";
import { type Ctx, html, json } from "./http";
import { userinfoBody } from "./identity";
import type { Deps } from "./login";
import { errorPage } from "./pages";
import type { EventLog } from "./events";
import type { RateLimiter } from "./rate-limit";
import type { AccessToken, DistrictToken, Store, UserToken } from "./store";
import { type CleverObject, type Kind, KINDS, type Reply, type Sharing, USER_TYPE_KIND } from "./types";

export const API_VERSIONS = ["v2.0", "v2.1"] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

const PAGING_PARAMS = ["limit", "starting_after", "ending_before"] as const;

/** Clever-style error body (swagger BadRequest/NotFound carry `message`; Clever sends `error`). */
export function apiError(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return json(status, { error: message, message }, headers);
}

type Resolved =
  | { one: CleverObject; kind: Kind }
  | { many: CleverObject[]; kind: Kind }
  | { status: 404; message: string };

const notFound = (message = "Resource not found"): Resolved => ({ status: 404, message });

/** Sub-resources of each collection: what `/{kind}/{id}/{sub}` returns. */
function resolveSub(store: Store, kind: Kind, parent: CleverObject, sub: string): Resolved | undefined {
  const one = (k: Kind, id: unknown): Resolved => {
    const obj = typeof id === "string" ? store.get(k, id) : undefined;
    return obj ? { one: obj, kind: k } : notFound();
  };
  switch (`${kind}/${sub}`) {
    case "teachers/sections":
      return { many: store.sectionsOfTeacher(parent.id), kind: "sections" };
    case "teachers/students":
      return { many: store.studentsOfSections(store.sectionsOfTeacher(parent.id)), kind: "students" };
    case "students/sections":
      return { many: store.sectionsOfStudent(parent.id), kind: "sections" };
    case "students/teachers":
      return { many: store.teachersOfSections(store.sectionsOfStudent(parent.id)), kind: "teachers" };
    case "sections/students":
      return { many: store.resolve("students", parent.students ?? []), kind: "students" };
    case "sections/teachers":
      return { many: store.teachersOfSections([parent]), kind: "teachers" };
    case "sections/teacher":
      return one("teachers", parent.teacher);
    case "teachers/schools":
    case "students/schools":
    case "school_admins/schools":
      return { many: store.schoolsOf(parent), kind: "schools" };
    case "teachers/school":
    case "students/school":
    case "sections/school":
      return one("schools", parent.school);
    case "schools/sections":
      return { many: store.list("sections").filter((s) => s.school === parent.id), kind: "sections" };
    case "schools/teachers":
      return { many: store.list("teachers").filter((t) => inSchool(t, parent.id)), kind: "teachers" };
    case "schools/students":
      return { many: store.list("students").filter((s) => inSchool(s, parent.id)), kind: "students" };
    case "teachers/district":
    case "students/district":
    case "sections/district":
    case "schools/district":
    case "district_admins/district":
    case "school_admins/district":
      return one("districts", parent.district);
    default:
      return undefined;
  }
}

function inSchool(obj: CleverObject, schoolId: string): boolean {
  return obj.school === schoolId || (obj.schools ?? []).includes(schoolId);
}

// ------------------------------------------------------------------ access

/** District-app tokens see their district and everything in it, nothing else. */
function districtVisible(token: DistrictToken, kind: Kind, obj: CleverObject): boolean {
  return kind === "districts" ? obj.id === token.districtId : obj.district === token.districtId;
}

/**
 * What an Instant Login / Library user token may read (seeds 002-004):
 * - district-shared user: its own record and its district;
 * - Library teacher: itself, its sections, their students and teachers, its schools;
 * - Library student: itself, its sections and their teachers.
 */
function userMayRead(store: Store, token: UserToken, kind: Kind, id: string, sub: string | undefined): boolean {
  const ownKind = USER_TYPE_KIND[token.userType];
  const self = kind === ownKind && id === token.userId;
  if (sharingNow(store, token) === "district") {
    if (self && sub === undefined) return true;
    const user = store.findUser(token.userId);
    return kind === "districts" && sub === undefined && user?.object.district === id;
  }
  if (token.userType === "teacher") {
    if (self) return sub === undefined || sub === "sections" || sub === "students" || sub === "schools";
    const sections = store.sectionsOfTeacher(token.userId);
    if (kind === "sections") {
      return sections.some((s) => s.id === id) && (sub === undefined || sub === "students" || sub === "teachers");
    }
    if (sub !== undefined) return false;
    if (kind === "students") return store.studentsOfSections(sections).some((s) => s.id === id);
    if (kind === "teachers") return store.teachersOfSections(sections).some((t) => t.id === id);
    return false;
  }
  if (token.userType === "student") {
    if (self) return sub === undefined || sub === "sections" || sub === "teachers";
    const sections = store.sectionsOfStudent(token.userId);
    if (kind === "sections") return sections.some((s) => s.id === id) && (sub === undefined || sub === "teachers");
    if (kind === "teachers" && sub === undefined) return store.teachersOfSections(sections).some((t) => t.id === id);
    return false;
  }
  return self && sub === undefined;
}

/**
 * What a user token may read in strict mode, exactly as Clever documents it:
 * every SSO token reads /me, /userinfo, its district and its own record; a
 * Library teacher also reads /teachers/{self}/sections and its sections'
 * /students. "wrong_endpoint": the token type may never use this endpoint
 * (Clever answers an HTML 404); "not_found": a usable endpoint, another
 * user's or an unshared record (a JSON 404).
 */
function strictUserAccess(
  store: Store,
  token: UserToken,
  kind: Kind,
  id: string,
  sub: string | undefined,
): "ok" | "not_found" | "wrong_endpoint" {
  const user = store.findUser(token.userId);
  const sharing = sharingNow(store, token);
  const ownKind = USER_TYPE_KIND[token.userType];
  const self = kind === ownKind && id === token.userId;
  if (sub === undefined) {
    if (kind === "districts") return sharing === "district" && user?.object.district === id ? "ok" : "not_found";
    if (kind === ownKind) return self ? "ok" : "not_found";
    return "wrong_endpoint";
  }
  if (sharing === "teacher" && token.userType === "teacher") {
    if (kind === "teachers" && sub === "sections") return self ? "ok" : "not_found";
    if (kind === "sections" && sub === "students") {
      return store.sectionsOfTeacher(token.userId).some((s) => s.id === id) ? "ok" : "not_found";
    }
  }
  return "wrong_endpoint";
}

// ------------------------------------------------------------------ bodies

function objectUri(version: ApiVersion, kind: Kind, id: string): string {
  return `/${version}/${kind}/${id}`;
}

function singleBody(version: ApiVersion, kind: Kind, obj: CleverObject): unknown {
  return { data: obj, links: [{ rel: "self", uri: objectUri(version, kind, obj.id) }] };
}

function listItems(version: ApiVersion, kind: Kind, objs: readonly CleverObject[]): unknown[] {
  return objs.map((o) => ({ data: o, uri: objectUri(version, kind, o.id) }));
}

export function selfUri(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/** One page of a list (district-app tokens), per "Pagination and Response Limits". */
function page(url: URL, version: ApiVersion, kind: Kind, all: readonly CleverObject[], strict: boolean): Reply {
  return pageOf(url, all, (items) => listItems(version, kind, items), strict);
}

/** The `limit` of a paged request, or Clever's answer to a bad one (413 over 10000 in strict mode, else 400). */
function pageLimit(url: URL, strict: boolean): number | Reply {
  const rawLimit = url.searchParams.get("limit");
  if (rawLimit === null) return DEFAULT_PAGE_LIMIT;
  // Clever documents 413 "Request entity too large" for a limit over 10000.
  if (strict && /^\d+$/.test(rawLimit) && Number(rawLimit) > MAX_PAGE_LIMIT) {
    return apiError(413, `Request entity too large: limit may be at most ${MAX_PAGE_LIMIT}`);
  }
  if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_PAGE_LIMIT) {
    return apiError(400, `limit must be an integer between 1 and ${MAX_PAGE_LIMIT}`);
  }
  return Number(rawLimit);
}

/** Index of the first item whose ID is greater than (or, `inclusive`, equal to) `id`, in a list sorted by ID. */
function firstAfter(all: readonly { id: string }[], id: string, inclusive = false): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = (all[mid] as { id: string }).id;
    if (at < id || (!inclusive && at === id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One page of any list sorted by ID (district-app tokens): `limit`,
 * `starting_after`, `ending_before`, and the self/next/prev links. Cursors
 * are found by binary search and only the page is rendered, so a 50,000-record
 * list costs no copy per request.
 */
export function pageOf<T extends { id: string }>(
  url: URL,
  all: readonly T[],
  render: (items: T[]) => unknown[],
  strict: boolean,
  carry: readonly string[] = [],
): Reply {
  const limit = pageLimit(url, strict);
  if (typeof limit !== "number") return limit;
  const q = url.searchParams;
  const after = q.get("starting_after");
  const before = q.get("ending_before");
  if (after !== null && before !== null) return apiError(400, "use only one of starting_after and ending_before");

  // Lists are ordered by Clever ID, which is what the cursors compare.
  let start: number;
  let end: number;
  if (after !== null) {
    start = firstAfter(all, after);
    end = Math.min(all.length, start + limit);
  } else if (before !== null) {
    end = firstAfter(all, before, true);
    start = Math.max(0, end - limit);
  } else {
    start = 0;
    end = Math.min(all.length, limit);
  }
  const items = all.slice(start, end);

  const links: { rel: "self" | "next" | "prev"; uri: string }[] = [{ rel: "self", uri: selfUri(url) }];
  const first = items[0];
  const last = items[items.length - 1];
  if (last && end < all.length) links.push({ rel: "next", uri: `${url.pathname}?${pagingQuery(url, limit, "starting_after", last.id, carry)}` });
  if (first && start > 0) links.push({ rel: "prev", uri: `${url.pathname}?${pagingQuery(url, limit, "ending_before", first.id, carry)}` });
  return json(200, { data: render(items), links });
}

/**
 * The query of a next/prev link: `limit` when the request sent one (as
 * recorded: Clever adds none of its own), the cursor, then the request's
 * `carry` parameters (the events feed's `record_type` and `school` filters
 * and the v3 lists' `role` must survive paging; v2 lists have no filters).
 */
function pagingQuery(url: URL, limit: number, cursor: "starting_after" | "ending_before", id: string, carry: readonly string[]): string {
  const q = new URLSearchParams(url.searchParams.has("limit") ? { limit: String(limit) } : {});
  q.set(cursor, id);
  for (const [k, v] of url.searchParams) if (carry.includes(k)) q.append(k, v);
  return q.toString();
}

// ------------------------------------------------------------------- /me

/** v2 /me as recorded (v2.1-me-1): the type at the top and inside `data`,
 * links self, canonical and district. A fault may ask for Clever's demo
 * shape (`{data: {id, district, type}}` alone) or for type "user" (no
 * recording on v2: the app must still cope). */
function meBody(store: Store, version: ApiVersion, token: AccessToken, shape: Ctx["shape"]): unknown {
  if (token.kind === "district") {
    return {
      type: "district",
      data: { id: token.districtId, type: "district" },
      links: [
        { rel: "self", uri: "/me" },
        { rel: "canonical", uri: objectUri(version, "districts", token.districtId) },
      ],
    };
  }
  const user = store.findUser(token.userId);
  const type = shape?.me === "user" ? "user" : token.userType;
  const data: Record<string, string> = { id: token.userId, type };
  const sharing = sharingNow(store, token);
  // District ID only for district-shared users (seed 004, "Method 1").
  const district = sharing === "district" && typeof user?.object.district === "string" ? user.object.district : undefined;
  if (district) data.district = district;
  if (shape?.me === "demo") return { data };
  if (version === "v2.1") data.authorized_by = sharing;
  return {
    type,
    data,
    links: [
      { rel: "self", uri: "/me" },
      { rel: "canonical", uri: objectUri(version, USER_TYPE_KIND[token.userType], token.userId) },
      ...(district ? [{ rel: "district", uri: objectUri(version, "districts", district) }] : []),
    ],
  };
}

// ----------------------------------------------------------------- handler

function bearer(ctx: Ctx): string | undefined {
  const m = /^bearer\s+(\S+)\s*$/i.exec(ctx.req.headers.authorization ?? "");
  return m?.[1];
}

export interface ApiDeps extends Deps {
  rateLimiter: RateLimiter;
  events: EventLog;
}

/** The request's usable token, or the 401 Clever answers. */
export function authenticate(store: Store, ctx: Ctx): AccessToken | Reply {
  const raw = bearer(ctx);
  if (!raw) return apiError(401, "Unauthorized: a bearer token is required", { "www-authenticate": "Bearer" });
  const token = store.lookupToken(raw);
  if (token === undefined) return apiError(401, "Unauthorized: invalid token", { "www-authenticate": 'Bearer error="invalid_token"' });
  if (token === "expired" || token === "revoked") {
    return apiError(401, `Unauthorized: token ${token}`, { "www-authenticate": 'Bearer error="invalid_token"' });
  }
  return token;
}

/** Counts the request against its token's window; every answer carries the X-RateLimit-* headers. */
export function rateLimited(deps: ApiDeps, token: AccessToken, answer: () => Reply): Reply {
  const { allowed, headers } = deps.rateLimiter.hit(token, deps.store.now());
  // Clever documents no Retry-After on a 429: clients wait for X-RateLimit-Reset.
  const reply = allowed ? answer() : apiError(429, "Too Many Requests: rate limit exceeded");
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

/** Clever's answer for an endpoint this token type may never use, or that does not exist: an HTML 404. */
export function htmlNotFound(): Reply {
  return html(404, errorPage("Not Found", "The requested resource does not exist."));
}

/** Endpoints Clever has but the sandbox does not model: a JSON 404, as for a record nobody shared. */
const UNMODELLED = new Set(["contacts", "courses", "course", "terms", "term"]);
// (Terms are served to district-app tokens above; a user token's /terms stays unmodelled.)

/** The user's sharing now (a control call may have changed it since the token was issued). */
export function sharingNow(store: Store, token: UserToken): Sharing {
  return store.findUser(token.userId)?.sharing ?? token.sharing;
}

/** GET /userinfo (Bearer user token). */
export function handleUserinfo(deps: ApiDeps, ctx: Ctx): Reply {
  if (ctx.method !== "GET" && ctx.method !== "HEAD") return apiError(405, "method not allowed", { allow: "GET" });
  const token = authenticate(deps.store, ctx);
  if (!("kind" in token)) return token;
  return rateLimited(deps, token, () => {
    if (token.kind === "district") {
      return deps.strict ? htmlNotFound() : apiError(403, "Forbidden: /userinfo requires a user (SSO) token");
    }
    const user = deps.store.findUser(token.userId);
    if (!user) return apiError(404, "Resource not found");
    const body = userinfoBody(user);
    return json(200, ctx.shape?.userType ? { ...body, user_type: ctx.shape.userType } : body);
  });
}

/**
 * Tokens from the SSO flow get whole results and may not page (Clever:
 * "Pagination and Response Limits"): a 400 for any paging parameter.
 */
export function userPagingRefusal(token: AccessToken, url: URL): Reply | undefined {
  if (token.kind !== "user") return undefined;
  const used = PAGING_PARAMS.filter((p) => url.searchParams.has(p));
  if (used.length === 0) return undefined;
  return apiError(400, `${used.join(", ")} not supported for this token: only district-app tokens can page`);
}

/** Clever's answer when a token of the wrong type asks for a district-app endpoint (a list, the events). */
export function wrongTokenType(strict: boolean, what: string): Reply {
  return strict ? htmlNotFound() : apiError(403, `Forbidden: ${what} require a district-app token`);
}

/** Handles /v2.0/* and /v2.1/*. */
export function handleDataApi(deps: ApiDeps, ctx: Ctx, version: ApiVersion, rest: string[]): Reply {
  if (ctx.method !== "GET" && ctx.method !== "HEAD") return apiError(405, "method not allowed", { allow: "GET" });
  const token = authenticate(deps.store, ctx);
  if (!("kind" in token)) return token;
  return rateLimited(deps, token, () => dataApiAnswer(deps, ctx, version, rest, token));
}

function dataApiAnswer(deps: ApiDeps, ctx: Ctx, version: ApiVersion, rest: string[], token: AccessToken): Reply {
  const { store, strict } = deps;
  const refused = userPagingRefusal(token, ctx.url);
  if (refused) return refused;

  const [first, id, sub, ...extra] = rest;
  if (first === "me" && rest.length === 1) return json(200, meBody(store, version, token, ctx.shape));
  // Terms: the same records v3 serves (the v2.0 and v3.1 Term have the same fields); district-app tokens.
  if (first === "terms" && sub === undefined && token.kind === "district") {
    const terms = [...store.v3Only.terms.values()].filter((t) => t.district === token.districtId).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    if (id === undefined) return pageOf(ctx.url, terms, (items) => items.map((t) => ({ data: t, uri: `/${version}/terms/${t.id}` })), strict);
    const term = terms.find((t) => t.id === id);
    return term ? json(200, { data: term, links: [{ rel: "self", uri: `/${version}/terms/${id}` }] }) : apiError(404, "Resource not found");
  }
  const kind = KINDS.find((k) => k === first);
  if (!kind || extra.length > 0) {
    return strict && !UNMODELLED.has(first ?? "") ? htmlNotFound() : apiError(404, "Resource not found");
  }

  // Collections: district-app tokens only.
  if (id === undefined) {
    if (token.kind !== "district") return wrongTokenType(strict, "list endpoints");
    return page(ctx.url, version, kind, store.listInDistrict(kind, token.districtId), strict);
  }

  // Strict: an endpoint this token type may never use is HTML, before any record lookup.
  const access = token.kind === "user" && strict ? strictUserAccess(store, token, kind, id, sub) : undefined;
  if (access === "wrong_endpoint") return htmlNotFound();

  const parent = store.get(kind, id);
  if (!parent) return apiError(404, "Resource not found");

  if (token.kind === "district") {
    if (!districtVisible(token, kind, parent)) return apiError(404, "Resource not found");
  } else if (access === "not_found") {
    return apiError(404, "Resource not found");
  } else if (!strict && !userMayRead(store, token, kind, id, sub)) {
    return apiError(403, "Forbidden: this token cannot read this resource");
  }

  const resolved: Resolved | undefined = sub === undefined ? { one: parent, kind } : resolveSub(store, kind, parent, sub);
  if (!resolved) return strict && !UNMODELLED.has(sub ?? "") ? htmlNotFound() : apiError(404, "Resource not found");
  if ("status" in resolved) return apiError(resolved.status, resolved.message);
  if ("one" in resolved) {
    if (token.kind === "district" && !districtVisible(token, resolved.kind, resolved.one)) {
      return apiError(404, "Resource not found");
    }
    return json(200, singleBody(version, resolved.kind, resolved.one));
  }
  if (token.kind === "district") {
    const visible = resolved.many.filter((o) => districtVisible(token, resolved.kind, o));
    return page(ctx.url, version, resolved.kind, visible, strict);
  }
  return json(200, { data: listItems(version, resolved.kind, resolved.many), links: [{ rel: "self", uri: selfUri(ctx.url) }] });
}

/** Stats key: the endpoint with IDs replaced, e.g. "GET /v2.0/sections/{id}/students". */
export function dataApiEndpoint(method: string, version: string, rest: string[]): string {
  const [first, id, ...more] = rest;
  const parts = [version, first ?? ""];
  if (id !== undefined) parts.push("{id}", ...more);
  return `${method} /${parts.join("/")}`;
}
