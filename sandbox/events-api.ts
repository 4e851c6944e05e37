// Clever's Events API: GET /v2.1/events, /v3.0/events, /v3.1/events and
// /{version}/events/{id} (clever-api/*-events.yml), district-app tokens only,
// the token's district only, the 30-day window of events.ts.
//   list:   {data: [{data: event, uri}], links: [{rel: "self"|"next"|"prev", uri}]}
//   single: {data: event, links: [{rel: "self", uri}]}
// Paging, limits, auth, rate limits and the wrong-token answer are the Data
// API's own (data-api.ts); only the gone cursor is the events' own rule.
import {
  apiError,
  type ApiDeps,
  authenticate,
  htmlNotFound,
  pageOf,
  rateLimited,
  userPagingRefusal,
  wrongTokenType,
} from "./data-api";
import { eventBody, type EventsVersion, familyOf, RECORD_TYPES, type RecordedEvent } from "./events";
import { type Ctx, json } from "./http";
import type { AccessToken } from "./store";
import type { Reply } from "./types";

/** The filters next/prev links keep. */
const FILTERS = ["record_type", "school"] as const;

/** Handles /{v2.1|v3.0|v3.1}/events[/{id}]; `rest` starts with "events". */
export function handleEventsApi(deps: ApiDeps, ctx: Ctx, version: EventsVersion, rest: string[]): Reply {
  if (ctx.method !== "GET" && ctx.method !== "HEAD") return apiError(405, "method not allowed", { allow: "GET" });
  const token = authenticate(deps.store, ctx);
  if (!("kind" in token)) return token;
  return rateLimited(deps, token, () => answer(deps, ctx, version, rest, token));
}

function answer(deps: ApiDeps, ctx: Ctx, version: EventsVersion, rest: string[], token: AccessToken): Reply {
  const refused = userPagingRefusal(token, ctx.url);
  if (refused) return refused;
  if (token.kind !== "district") return wrongTokenType(deps.strict, "events");
  const [, id, ...extra] = rest;
  if (extra.length > 0) return deps.strict ? htmlNotFound() : apiError(404, "Resource not found");

  const feed = deps.events.feed(token.districtId, version);
  const uri = (e: RecordedEvent) => `/${version}/events/${e.id}`;
  if (id !== undefined) {
    const e = feed.find((x) => x.id === id);
    if (!e) return apiError(404, "Resource not found");
    return json(200, { data: eventBody(e, version), links: [{ rel: "self", uri: uri(e) }] });
  }

  const q = ctx.url.searchParams;
  // record_type is a "multi" array: record_type=users&record_type=sections.
  const types = q.getAll("record_type");
  const known = RECORD_TYPES[familyOf(version)];
  const unknown = types.filter((t) => !known.includes(t));
  if (unknown.length > 0) return apiError(400, `unknown record_type ${unknown.join(", ")}; use ${known.join(", ")}`);
  const school = q.get("school");

  if (deps.events.goneCursor === "not_found") {
    for (const cursor of [q.get("starting_after"), q.get("ending_before")]) {
      if (cursor !== null && !feed.some((e) => e.id === cursor)) {
        return apiError(404, `Resource not found: event ${cursor} is not in the events window (expired or unknown)`);
      }
    }
  }
  const events = feed.filter((e) => (types.length === 0 || types.includes(e.recordType)) && (school === null || e.schools.includes(school)));
  return pageOf(ctx.url, events, (page) => page.map((e) => ({ data: eventBody(e, version), uri: uri(e) })), deps.strict, FILTERS);
}
