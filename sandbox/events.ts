// The district event log behind Clever's Events API (events-api.ts): every
// change to a district's records, as Clever reports it, kept for Clever's
// 30-day window on the sandbox clock.
//
// The store tells the log before a record changes (StoreObserver); the log
// takes the record's shape in each events version (v2.1: the v2 record; v3.0
// and v3.1: the v3 object, a user being one object over its role records) and,
// when the change commits, compares it with the shape after: in a district
// only after → `created`; only before (deleted, unshared, moved away) →
// `deleted`; in the same district and different → `updated` with
// `previous_attributes`. Library records belong to no district: no events.
// A version whose shape did not change gets no event ("Events for fields
// introduced in later API versions will not appear in this version").
import { EVENTS_WINDOW_MS } from "./config";
import { type V3Kind, v3Record, V3_VERSIONS } from "./data-api-v3";
import type { RecordKind, Store, StoreObserver } from "./store";
import { type CleverObject, KIND_USER_TYPE, KINDS, type Kind } from "./types";

export const EVENTS_VERSIONS = ["v2.1", "v3.0", "v3.1"] as const;
export type EventsVersion = (typeof EVENTS_VERSIONS)[number];

/** v2.1 has one event stream of v2 records; v3.0 and v3.1 share one of v3 objects. */
export type EventFamily = "v2" | "v3";
export function familyOf(version: EventsVersion): EventFamily {
  return version === "v2.1" ? "v2" : "v3";
}
const FAMILY_VERSIONS: Record<EventFamily, readonly EventsVersion[]> = { v2: ["v2.1"], v3: V3_VERSIONS };

/** The v2.1 definitions name the admin types without an underscore (`districtadmins.updated`). */
const V2_RECORD_TYPE: Record<Kind, string> = {
  districts: "districts",
  schools: "schools",
  teachers: "teachers",
  students: "students",
  sections: "sections",
  district_admins: "districtadmins",
  school_admins: "schooladmins",
};

/** The `record_type` values each family's definitions have events for (and the sandbox models). */
export const RECORD_TYPES: Record<EventFamily, readonly string[]> = {
  v2: KINDS.map((k) => V2_RECORD_TYPE[k]),
  v3: ["districts", "schools", "sections", "terms", "courses", "users"],
};

export type EventAction = "created" | "updated" | "deleted";

/**
 * The answer to a `starting_after`/`ending_before` that is no event of the
 * window (expired or unknown). "resume" (default) is what Clever was recorded
 * doing (a cursor 43 days old answered 200 from the oldest event kept): IDs
 * are compared like any list, so a gone cursor silently restarts at the
 * window's oldest event. "not_found" is the definitions' 404. A single
 * event's GET answers 404 either way once it is gone.
 */
export type GoneCursor = "not_found" | "resume";
export const GONE_CURSORS: readonly GoneCursor[] = ["not_found", "resume"];
const DEFAULT_GONE_CURSOR: GoneCursor = "resume";

export interface RecordedEvent {
  /** 24 hex, ascending in recording order. */
  id: string;
  /** Epoch ms on the sandbox clock. */
  created: number;
  district: string;
  family: EventFamily;
  recordType: string;
  action: EventAction;
  /** Schools the record belongs to (the feed's `school` filter). */
  schools: string[];
  /** `data.object` per version; a version without one has no such event. */
  objects: Partial<Record<EventsVersion, Record<string, unknown>>>;
  /** `previous_attributes` per version (updates only). */
  previous: Partial<Record<EventsVersion, Record<string, unknown>>>;
}

/** One record as the events see it at one moment. */
interface Shape {
  district: string | undefined;
  schools: string[];
  bodies: Partial<Record<EventsVersion, Record<string, unknown>>>;
}

interface Tracked {
  family: EventFamily;
  recordType: string;
  compute: () => Shape | undefined;
  before: Shape | undefined;
}

/** JSON with sorted keys: a PUT that reorders fields is no change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Each field whose value changed, with its value before (absent: null). As
 * recorded, a diff is partial at every depth: of a nested object only the
 * fields that changed (`location: {zip}`); arrays and scalars whole. */
function previousAttributes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [was, is] = [before[key], after[key]];
    if (canonical(was) === canonical(is)) continue;
    out[key] = isPlainObject(was) && isPlainObject(is) ? previousAttributes(was, is) : (was ?? null);
  }
  return out;
}

function schoolsOfRecord(obj: CleverObject): string[] {
  const out = new Set(obj.schools ?? []);
  if (typeof obj.school === "string") out.add(obj.school);
  return [...out];
}

export class EventLog implements StoreObserver {
  private events: RecordedEvent[] = [];
  private tracked = new Map<string, Tracked>();
  private lastSecond = 0;
  private counter = 0;
  goneCursor: GoneCursor = DEFAULT_GONE_CURSOR;

  constructor(private readonly store: Store) {
    store.observe(this);
  }

  /** Back to no events and the default gone-cursor answer (POST /sandbox/reset). */
  reset(): void {
    this.events = [];
    this.tracked.clear();
    this.goneCursor = DEFAULT_GONE_CURSOR;
  }

  /** Every event recorded so far leaves the window (POST /sandbox/events/expire); returns how many. */
  expire(): number {
    const n = this.events.length;
    this.events = [];
    return n;
  }

  /** The window's events of one district and version, ascending by ID. */
  feed(districtId: string, version: EventsVersion): RecordedEvent[] {
    this.prune();
    const family = familyOf(version);
    return this.events.filter((e) => e.district === districtId && e.family === family && e.objects[version] !== undefined);
  }

  private prune(): void {
    const oldest = this.store.now() - EVENTS_WINDOW_MS;
    const keep = this.events.findIndex((e) => e.created > oldest);
    if (keep !== 0) this.events = keep < 0 ? [] : this.events.slice(keep);
  }

  // ------------------------------------------------------------ recording

  beforeChange(kind: RecordKind, id: string, v3Target?: string): void {
    if (kind === "terms" || kind === "courses") {
      this.track("v3", kind, id);
      return;
    }
    this.track("v2", kind, id);
    const type = KIND_USER_TYPE[kind];
    if (type !== undefined) {
      this.track("v3", "users", this.store.v3IdOf(id, type));
      if (v3Target !== undefined) this.track("v3", "users", v3Target);
    } else if (kind === "sections" || kind === "schools" || kind === "districts") {
      this.track("v3", kind, id);
    }
  }

  commit(): void {
    const changes = [...this.tracked.values()];
    this.tracked.clear();
    for (const t of changes) this.compare(t, t.compute());
  }

  private track(family: "v2", kind: Kind, id: string): void;
  private track(family: "v3", kind: V3Kind, id: string): void;
  private track(family: EventFamily, kind: Kind | V3Kind, id: string): void {
    const key = `${family} ${kind} ${id}`;
    if (this.tracked.has(key)) return;
    const compute = family === "v2" ? () => this.v2Shape(kind as Kind, id) : () => this.v3Shape(kind as V3Kind, id);
    const recordType = family === "v2" ? V2_RECORD_TYPE[kind as Kind] : kind;
    this.tracked.set(key, { family, recordType, compute, before: compute() });
  }

  private v2Shape(kind: Kind, id: string): Shape | undefined {
    const obj = this.store.get(kind, id);
    if (!obj) return undefined;
    return {
      district: kind === "districts" ? obj.id : obj.district,
      schools: kind === "schools" ? [obj.id] : schoolsOfRecord(obj),
      bodies: { "v2.1": structuredClone(obj) },
    };
  }

  private v3Shape(kind: V3Kind, id: string): Shape | undefined {
    const bodies: Shape["bodies"] = {};
    let district: string | undefined;
    for (const version of V3_VERSIONS) {
      const o = v3Record(this.store, version, kind, id);
      if (!o) return undefined;
      bodies[version] = structuredClone(o.body);
      district = o.district;
    }
    let schools: string[] = [];
    if (kind === "users") schools = [...new Set((this.store.v3User(id) ?? []).flatMap((r) => schoolsOfRecord(r.object)))];
    else if (kind === "schools") schools = [id];
    else if (kind === "sections") schools = schoolsOfRecord(this.store.get("sections", id) ?? { id });
    return { district, schools, bodies };
  }

  private compare(t: Tracked, after: Shape | undefined): void {
    const before = t.before;
    const from = before?.district;
    const to = after?.district;
    if (before && after && from !== undefined && from === to) {
      const objects: RecordedEvent["objects"] = {};
      const previous: RecordedEvent["previous"] = {};
      for (const v of FAMILY_VERSIONS[t.family]) {
        const b = before.bodies[v];
        const a = after.bodies[v];
        if (!a || !b) continue;
        const changed = previousAttributes(b, a);
        if (Object.keys(changed).length === 0) continue;
        objects[v] = a;
        previous[v] = changed;
      }
      if (Object.keys(objects).length > 0) this.append(t, "updated", from, after.schools, objects, previous);
      return;
    }
    if (before && from !== undefined) this.append(t, "deleted", from, before.schools, before.bodies, {});
    if (after && to !== undefined) this.append(t, "created", to, after.schools, after.bodies, {});
  }

  private append(
    t: Tracked,
    action: EventAction,
    district: string,
    schools: string[],
    objects: RecordedEvent["objects"],
    previous: RecordedEvent["previous"],
  ): void {
    const created = this.store.now();
    this.events.push({ id: this.nextId(created), created, district, family: t.family, recordType: t.recordType, action, schools, objects, previous });
  }

  /** ObjectId-like: 8 hex of seconds, then a counter, so IDs ascend with the log whatever the clock does. */
  private nextId(now: number): string {
    this.lastSecond = Math.max(this.lastSecond, Math.floor(now / 1000));
    this.counter += 1;
    return this.lastSecond.toString(16).padStart(8, "0") + this.counter.toString(16).padStart(16, "0");
  }
}

/** An event in one version's shape: id, created, type, and `data` with the
 * object and, for updates, `previous_attributes` beside it, where Clever's
 * recorded events have it (the definitions put it beside `data`). */
export function eventBody(e: RecordedEvent, version: EventsVersion): Record<string, unknown> {
  const data: Record<string, unknown> = { object: e.objects[version] };
  if (e.action === "updated") data.previous_attributes = e.previous[version] ?? {};
  return { id: e.id, created: new Date(e.created).toISOString(), type: `${e.recordType}.${e.action}`, data };
}
