import { describe, expect, test } from "vitest";
import { eventMeaning, inEventOrder } from "./events";
import { cleverEventSchema } from "./schemas";

const ID = (n: number) => `5e1ec7ab1e0000000000${String(n).padStart(4, "0")}`;
const event = (n: number, type: string, object: Record<string, unknown>) => cleverEventSchema.parse({ id: ID(n), type, created: "2026-12-01T08:00:00.000Z", data: { object } });

describe("Clever events", () => {
  test("[district-rostering] events listed out of order are applied in the order they happened", () => {
    const late = event(9, "students.updated", { id: ID(100), name: { first: "B", last: "Z" } });
    const early = event(3, "students.created", { id: ID(100), name: { first: "A", last: "Z" } });
    expect(inEventOrder([late, early]).map((e) => e.id)).toEqual([ID(3), ID(9)]);
  });

  test("[district-rostering] v2.1 collections map to roster kinds; deletions remove; what the app does not keep is ignored", () => {
    expect(eventMeaning(event(1, "schooladmins.updated", { id: ID(7), schools: [ID(8)] }), "v2.1")).toMatchObject({ changes: [{ kind: "school_admins", action: "upsert" }] });
    expect(eventMeaning(event(2, "sections.deleted", { id: ID(7) }), "v2.1")).toEqual({ changes: [{ kind: "sections", action: "remove", id: ID(7) }] });
    expect(eventMeaning(event(3, "contacts.created", { id: ID(7) }), "v2.1")).toEqual({ ignored: true });
    // A record Clever's schema does not allow: read from the Data API instead.
    expect(eventMeaning(event(4, "students.updated", { id: ID(7), name: "not an object" }), "v2.1")).toEqual({ unreadable: [{ kind: "students", id: ID(7) }] });
  });

  test("[district-rostering] a v3.1 user event writes each role the user holds and removes the others", () => {
    const user = { id: ID(5), district: ID(6), name: { first: "Grace", last: "Kim" }, roles: { teacher: { legacy_id: ID(11) }, staff: { legacy_id: ID(12), schools: [ID(8)] } } };
    const meaning = eventMeaning(event(1, "users.updated", user), "v3.1");
    expect("changes" in meaning && meaning.changes.map((c) => `${c.kind}:${c.action}`)).toEqual(["teachers:upsert", "students:remove", "school_admins:upsert", "district_admins:remove"]);
    expect(eventMeaning(event(2, "users.deleted", { id: ID(5) }), "v3.1")).toMatchObject({ changes: [{ action: "remove" }, { action: "remove" }, { action: "remove" }, { action: "remove" }] });
  });
});
