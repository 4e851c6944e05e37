// The one client for the local Clever's control API (/sandbox/*, see
// control.ts) and for the automation shortcuts where its logins start. Used by
// the integration tests, both browser suites (Playwright and e2e/webkit/) and
// the scripts; the app never imports it (ESLint forbids lib/, app/ and
// components/ to import sandbox/).
//
//   const clever = controlClient({ url: "http://127.0.0.1:4110", clientId: "demo-client-id" });
//   await clever.addFault({ path: "/oauth/tokens", status: 500, times: 1 });
//   await page.goto(instantLoginUrl(clever.url, { clientId, user: fixtures.teacher }));
import type { GoneCursor } from "./events";
import type { DistrictSize, GeneratedSummary } from "./generated-district";
import type { FaultSpec } from "./faults";
import { fixtures, type FixtureHandle } from "./fixtures";
import type { LoggedRequest } from "./request-log";
import type { RolloverResult, RolloverSpec, SectionScope } from "./rollover";
import type { CleverObject, Kind, Sharing } from "./types";

export type { FaultSpec };

/** The events feed's settings (GET/POST /sandbox/events/settings). */
interface EventSettings {
  /** How a starting_after/ending_before outside the window is answered: 404 (default) or compared like any cursor. */
  goneCursor: GoneCursor;
}

/** POST /sandbox/rate-limit: `user` scopes it to that user's tokens, `district` to that district's district-app token. */
interface RateLimitSpec {
  limit: number;
  /** Default 60000. */
  windowMs?: number;
  user?: string;
  district?: string;
}

/** POST /sandbox/sharing: how one user (same Clever ID) is shared from now on. */
interface SharingSpec {
  user: string;
  shared_by: Sharing;
  /** Default: the sandbox district and its elementary school. */
  district_id?: string;
  school_id?: string;
}

interface ControlStats {
  total: number;
  /** Requests per endpoint, e.g. "GET /v2.0/sections/{id}/students". */
  endpoints: Record<string, number>;
}

/** A user as GET /sandbox/users lists them. */
interface ControlUser {
  id: string;
  key: string | null;
  type: string;
  name: string;
  email: string | null;
  district: string | null;
  authorized_by: "district" | "teacher" | null;
  tags: string[];
}

export interface ControlClient {
  /** The local Clever's origin, e.g. http://127.0.0.1:4110. */
  url: string;
  /** Fixtures back, faults and latency cleared. */
  reset(): Promise<void>;
  /** Faults and latency are global to the sandbox: bound them with `times` or `user`. */
  addFault(spec: FaultSpec): Promise<{ id: string }>;
  /** Every fault, or only those scoped to one user (journeys run in
   * parallel: each clears its own). */
  clearFaults(user?: string): Promise<void>;
  faults(): Promise<unknown[]>;
  setLatency(ms: number): Promise<void>;
  advanceClock(advanceMs: number): Promise<{ now: number; iso: string }>;
  stats(): Promise<ControlStats>;
  resetStats(): Promise<void>;
  users(): Promise<ControlUser[]>;
  getData(kind: Kind, id: string): Promise<{ data: CleverObject }>;
  /** Creates or replaces a record, validated against Clever's v2.0 definitions. */
  putData(kind: Kind, id: string, data: Record<string, unknown>): Promise<void>;
  deleteData(kind: Kind, id: string): Promise<void>;
  /** A v3 user (v3.1 shape, `roles` with each role's `legacy_id`), by v3 ID. */
  getUser(v3Id: string): Promise<{ data: Record<string, unknown> }>;
  /** Creates or replaces a v3 user (validated against v3.1.yml); stored as one v2 record per role. */
  putUser(v3Id: string, user: Record<string, unknown>): Promise<{ data: Record<string, unknown> }>;
  /** Deletes a v3 user (every role's v2 record). */
  deleteUser(v3Id: string): Promise<void>;
  /** A v3-only record (term, course). */
  getV3Only(kind: "terms" | "courses", id: string): Promise<{ data: CleverObject }>;
  /** Creates or replaces a term or course (validated against v3.1.yml; its district must exist). */
  putV3Only(kind: "terms" | "courses", id: string, data: Record<string, unknown>): Promise<{ data: CleverObject }>;
  deleteV3Only(kind: "terms" | "courses", id: string): Promise<void>;
  /** Takes a scope's sections away in bulk (Clever deletes them; a term left with none is deleted too). */
  removeSections(scope: SectionScope): Promise<{ sections: { removed: string[] }; terms: { deleted: string[] } }>;
  /** A school year's rollover of one scope (district, and optionally a school, a
   * teacher or sections): its sections deleted (or kept, `old_sections: "keep"`),
   * its terms deleted and made again for the next year under new IDs, the new
   * year's sections created; events as Clever's. Moves no clock. */
  rollover(spec: RolloverSpec): Promise<RolloverResult>;
  /** Whether a district shares with this client's app. */
  connect(districtId: string, connected: boolean): Promise<void>;
  /** A rate limit for everyone, one user's tokens or one district's district-app token. */
  setRateLimit(spec: RateLimitSpec): Promise<void>;
  /** One user's or one district's rate limit back to the default, or (no scope) every one. */
  resetRateLimits(scope?: { user: string } | { district: string }): Promise<void>;
  /** A Library teacher shared by a district (same Clever ID), or a district user unshared back to the Library. */
  setSharing(spec: SharingSpec): Promise<void>;
  /** Requests made with one user's tokens or one district's district-app token, in order. */
  requests(owner: { user: string } | { district: string }): Promise<LoggedRequest[]>;
  /** Forgets one user's or one district's requests, or (no owner) everyone's. */
  clearRequests(owner?: { user: string } | { district: string }): Promise<void>;
  /** Every event recorded so far leaves the 30-day window; returns how many did. */
  expireEvents(): Promise<{ expired: number }>;
  eventSettings(): Promise<EventSettings>;
  setEventSettings(settings: EventSettings): Promise<EventSettings>;
  /** Loads a generated district beside the fixtures, part of the seed from now on (a reset). */
  generateDistrict(size: DistrictSize): Promise<GeneratedSummary & { ms: number }>;
  /** What the generated district holds (the call fails when there is none). */
  generatedDistrict(): Promise<GeneratedSummary>;
  /** Back to the fixtures alone (a reset). */
  removeGeneratedDistrict(): Promise<void>;
}

export function controlClient(options: { url: string; clientId: string }): ControlClient {
  const { url, clientId } = options;
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${url}/sandbox/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    // The reason (e.g. the schema error of a refused upsert) is in the body.
    if (!response.ok) throw new Error(`sandbox ${method} /sandbox/${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }
  /** For the calls whose answer says nothing beyond success. */
  async function send(method: string, path: string, body?: unknown): Promise<void> {
    await call<unknown>(method, path, body);
  }
  return {
    url,
    reset: () => send("POST", "reset"),
    addFault: (spec) => call("POST", "faults", spec),
    clearFaults: (user) => send("DELETE", user === undefined ? "faults" : `faults?user=${encodeURIComponent(user)}`),
    faults: () => call("GET", "faults"),
    setLatency: (ms) => send("POST", "latency", { ms }),
    advanceClock: (advanceMs) => call("POST", "clock", { advanceMs }),
    stats: () => call("GET", "stats"),
    resetStats: () => send("POST", "stats/reset"),
    users: () => call("GET", "users"),
    getData: (kind, id) => call("GET", `data/${kind}/${id}`),
    putData: (kind, id, data) => send("PUT", `data/${kind}/${id}`, data),
    deleteData: (kind, id) => send("DELETE", `data/${kind}/${id}`),
    getUser: (v3Id) => call("GET", `data/users/${v3Id}`),
    putUser: (v3Id, user) => call("PUT", `data/users/${v3Id}`, user),
    deleteUser: (v3Id) => send("DELETE", `data/users/${v3Id}`),
    getV3Only: (kind, id) => call("GET", `data/${kind}/${id}`),
    putV3Only: (kind, id, data) => call("PUT", `data/${kind}/${id}`, data),
    deleteV3Only: (kind, id) => send("DELETE", `data/${kind}/${id}`),
    removeSections: (scope) => call("POST", "sections/remove", scope),
    rollover: (spec) => call("POST", "rollover", spec),
    connect: (districtId, connected) => send("POST", "connections", { district_id: districtId, client_id: clientId, connected }),
    setRateLimit: (spec) => send("POST", "rate-limit", spec),
    resetRateLimits: (scope) => send("DELETE", `rate-limit${scopeQuery(scope)}`),
    setSharing: (spec) => send("POST", "sharing", spec),
    requests: (owner) =>
      call("GET", `requests?${new URLSearchParams("user" in owner ? { user: owner.user } : { district: owner.district }).toString()}`),
    clearRequests: (owner) => send("DELETE", `requests${scopeQuery(owner)}`),
    expireEvents: () => call("POST", "events/expire"),
    eventSettings: () => call("GET", "events/settings"),
    setEventSettings: (settings) => call("POST", "events/settings", settings),
    generateDistrict: (size) => call("POST", "generated-district", size),
    generatedDistrict: () => call("GET", "generated-district"),
    removeGeneratedDistrict: () => send("DELETE", "generated-district"),
  };
}

/** Where a user logs in to Clever itself: their district's login page, or the Library's. */
export function portalUrl(cleverUrl: string, user: Pick<FixtureHandle, "districtId">): string {
  return `${cleverUrl}/portal?${new URLSearchParams({ district_id: user.districtId ?? fixtures.library.id }).toString()}`;
}

/**
 * An Instant Login link with the sandbox's automation shortcut (`user_id`:
 * no login page). District users' links name their district; a Library
 * user's grants the consent (`consent=allow`, a Library install) unless
 * `grantConsent` is false, for a test that answers the consent screen.
 */
export function instantLoginUrl(
  cleverUrl: string,
  options: { clientId: string; user: Pick<FixtureHandle, "id" | "districtId">; grantConsent?: boolean },
): string {
  const { clientId, user } = options;
  const params = new URLSearchParams({ client_id: clientId, user_id: user.id });
  if (user.districtId !== null) params.set("district_id", user.districtId);
  else if (options.grantConsent ?? true) params.set("consent", "allow");
  // Clever's real path (the sandbox also answers /instant-login).
  return `${cleverUrl}/oauth/instant-login?${params.toString()}`;
}

function scopeQuery(scope?: { user: string } | { district: string }): string {
  if (!scope) return "";
  return `?${new URLSearchParams("user" in scope ? { user: scope.user } : { district: scope.district }).toString()}`;
}
