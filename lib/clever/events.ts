// Clever's events (../shared/clever-api/v2.1-events.yml, v3.1-events.yml)
// mapped, at the edge, into changes of the roster kinds the district sync
// reads (./client.ts RosterKind), so the sync never sees which version sent
// them. v2.1 names one collection per user type; v3.1 has one `users`
// collection whose object lists every role the user holds: a role the object
// does not hold (any more) is a removal of that role.
import type { z } from "zod";
import type { CleverApiVersion, RosterKind, RosterRecords } from "./client";
import {
  type CleverEvent,
  cleverDistrictAdminSchema,
  cleverSchoolAdminSchema,
  cleverSchoolSchema,
  cleverSectionSchema,
  cleverStudentSchema,
  cleverTeacherSchema,
  cleverTermSchema,
  isCleverId,
} from "./schemas";
import { asDistrictAdmin, asSchoolAdmin, asStudent, asTeacher, cleverV3UserSchema } from "./v3";

/** A record to write (created or updated), or one that is gone (deleted, or a role no longer held). */
export type RosterChange = {
  [K in RosterKind]: { kind: K; action: "upsert"; record: RosterRecords[K] } | { kind: K; action: "remove"; id: string };
}[RosterKind];

/** What an event says: changes, or that its object could not be read (the
 * sync reads the record itself), or nothing the app keeps (courses, contacts…). */
export type EventMeaning = { changes: RosterChange[] } | { unreadable: { kind: RosterKind; id: string }[] } | { ignored: true };

const V2_COLLECTION: Record<string, RosterKind> = {
  schools: "schools",
  terms: "terms",
  teachers: "teachers",
  students: "students",
  schooladmins: "school_admins",
  districtadmins: "district_admins",
  sections: "sections",
};
const V3_COLLECTION: Record<string, RosterKind> = { schools: "schools", terms: "terms", sections: "sections" };

const SCHEMA: { [K in RosterKind]: z.ZodType<RosterRecords[K]> } = {
  schools: cleverSchoolSchema,
  terms: cleverTermSchema,
  teachers: cleverTeacherSchema,
  students: cleverStudentSchema,
  school_admins: cleverSchoolAdminSchema,
  district_admins: cleverDistrictAdminSchema,
  sections: cleverSectionSchema,
};

/** The v3 user's roles, each as the roster kind it is read as. */
const V3_ROLES = [
  { kind: "teachers", as: asTeacher },
  { kind: "students", as: asStudent },
  { kind: "school_admins", as: asSchoolAdmin },
  { kind: "district_admins", as: asDistrictAdmin },
] as const;

function one<K extends RosterKind>(kind: K, action: "upsert" | "remove", object: Record<string, unknown>, id: string): EventMeaning {
  if (action === "remove") return { changes: [{ kind, action, id } as RosterChange] };
  const parsed = SCHEMA[kind].safeParse(object);
  return parsed.success ? { changes: [{ kind, action, record: parsed.data } as RosterChange] } : { unreadable: [{ kind, id }] };
}

/** Events in the order they happened (Clever's IDs ascend), however a page listed them. */
export function inEventOrder(events: readonly CleverEvent[]): CleverEvent[] {
  return [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function eventMeaning(event: CleverEvent, version: CleverApiVersion): EventMeaning {
  const [collection = "", verb] = event.type.split(".");
  const object = event.data.object;
  const id = object.id;
  if (!isCleverId(id) || (verb !== "created" && verb !== "updated" && verb !== "deleted")) return { ignored: true };
  const action = verb === "deleted" ? "remove" : "upsert";
  if (version === "v2.1") {
    const kind = V2_COLLECTION[collection];
    return kind ? one(kind, action, object, id) : { ignored: true };
  }
  const kind = V3_COLLECTION[collection];
  if (kind) return one(kind, action, object, id);
  if (collection !== "users") return { ignored: true };
  if (action === "remove") return { changes: V3_ROLES.map((role) => ({ kind: role.kind, action: "remove", id }) as RosterChange) };
  const parsed = cleverV3UserSchema.safeParse(object);
  if (!parsed.success) return { unreadable: V3_ROLES.map((role) => ({ kind: role.kind, id })) };
  const user = parsed.data;
  const held = V3_ROLES.filter((role) => role.as(user) !== null);
  // A new user in no role the app serves (a family contact): nothing to keep.
  if (verb === "created" && held.length === 0) return { ignored: true };
  return {
    changes: V3_ROLES.map((role) => {
      const record = role.as(user);
      return (record ? { kind: role.kind, action: "upsert", record } : { kind: role.kind, action: "remove", id }) as RosterChange;
    }),
  };
}
