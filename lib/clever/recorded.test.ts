// Every answer recorded from the real Clever (../shared/clever-recorded, with
// its sources) through the parser the app uses for that answer, and what the
// app makes of it. Where a recording and a definition disagree, the
// recording wins: these files are the test.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { eventMeaning } from "./events";
import { loginFromMe, loginFromUserinfo } from "./login-identity";
import {
  cleverDistrictSchema,
  cleverDistrictTokensSchema,
  cleverEventSchema,
  cleverMeSchema,
  cleverSchoolSchema,
  cleverSectionSchema,
  cleverTermSchema,
  cleverTokenResponseSchema,
  cleverUserinfoSchema,
  listEntry,
  listEnvelope,
  singleEnvelope,
} from "./schemas";
import { asFirstRole, cleverV3UserSchema, legacyIdsOf } from "./v3";

const RECORDED = path.resolve(import.meta.dirname, "../../../shared/clever-recorded");
const body = (file: string): unknown => JSON.parse(readFileSync(path.join(RECORDED, file), "utf8"));
const v3User = (file: string) => singleEnvelope(cleverV3UserSchema).parse(body(file)).data;

/** What each recorded file is, read as the app reads it. Two files are no
 * answer the app parses (SOURCES.md): an HTML 404 page and a v1.2 SDK fixture. */
const readers: Record<string, () => void> = {
  "oauth-tokens-district-1.json": () => {
    const list = cleverDistrictTokensSchema.parse(body("oauth-tokens-district-1.json"));
    expect(list.data.length).toBeGreaterThan(1);
    expect(list.data.every((token) => token.owner.type === "district" && token.access_token.length > 0)).toBe(true);
  },
  "oauth-tokens-district-2.json": () => {
    // Narrowed with &district=ID: that district's token alone.
    const list = cleverDistrictTokensSchema.parse(body("oauth-tokens-district-2.json"));
    expect(list.data.map((token) => token.owner.id)).toEqual(["58da8a43cc70ab00017a1a87"]);
  },
  "oauth-tokens-post-1.json": () => {
    expect(cleverTokenResponseSchema.parse(body("oauth-tokens-post-1.json")).access_token).toBe("ilc_DEMO_TEACHER_TOKEN");
  },
  "userinfo-1.json": () => {
    const info = cleverUserinfoSchema.parse(body("userinfo-1.json"));
    expect(loginFromUserinfo(info, "v2.1")).toMatchObject({ cleverId: "64f0e2876b100a053fbf9c6e", role: "teacher", authorizedBy: "district" });
    expect(loginFromUserinfo(info, "v3.1")).toMatchObject({ cleverId: "64f0e2926b100a053fc08e14", formerIds: ["64f0e2876b100a053fbf9c6e"] });
  },
  "v2.1-me-1.json": () => {
    const me = cleverMeSchema.parse(body("v2.1-me-1.json"));
    expect(me).toMatchObject({ type: "student", data: { id: "5966ed736b21538e3c000006", authorized_by: "district" } });
  },
  "v3.0-me-1.json": () => {
    // Clever's demo token: no top-level type, no links.
    expect(cleverMeSchema.parse(body("v3.0-me-1.json"))).toMatchObject({ type: "teacher", data: { id: "58da8c5da7a7e5a647000094" } });
  },
  "v3.0-me-2.json": () => {
    // An SSO login: "type": "user" at the top, the role inside, read with the user's record (v3.0-users-1).
    const me = cleverMeSchema.parse(body("v3.0-me-2.json"));
    expect(me.type).toBe("teacher");
    const found = asFirstRole(v3User("v3.0-users-1.json"));
    expect(found?.role).toBe("teacher");
    if (!found) return;
    expect(loginFromMe(me, found)).toMatchObject({ cleverId: "5faac8b7bc447500a10ae857", role: "teacher", authorizedBy: "district", formerIds: ["58da8c5da7a7e5a6470000a1"] });
  },
  "v3.0-districts-1.json": () => {
    expect(singleEnvelope(cleverDistrictSchema).parse(body("v3.0-districts-1.json")).data.id).toBe("58da8a43cc70ab00017a1a87");
  },
  "v3.0-events-1.json": () => {
    expect(singleEnvelope(cleverEventSchema).parse(body("v3.0-events-1.json")).data.type).toBe("districts.updated");
  },
  "v3.0-events-list-1.json": () => {
    const page = listEnvelope(cleverEventSchema).parse(body("v3.0-events-list-1.json"));
    expect(page.records).toHaveLength(25);
    expect(page.skipped).toEqual([]);
    // Each one means something the sync can act on: none is unreadable.
    expect(page.records.filter((event) => "unreadable" in eventMeaning(event, "v3.1"))).toEqual([]);
  },
  "v3.0-events-users.created-3.json": () => {
    // A family contact: a user the app does not serve (no role it maps).
    const event = listEntry(cleverEventSchema)(body("v3.0-events-users.created-3.json"));
    expect("record" in event && event.record.type).toBe("users.created");
    const user = cleverV3UserSchema.parse("record" in event ? event.record.data.object : null);
    expect(asFirstRole(user)).toBeNull();
    expect("record" in event && eventMeaning(event.record, "v3.1")).toEqual({ ignored: true });
  },
  "v3.0-events-users.updated-1.json": () => {
    const event = listEntry(cleverEventSchema)(body("v3.0-events-users.updated-1.json"));
    expect("record" in event && event.record.type).toBe("users.updated");
    const user = cleverV3UserSchema.parse("record" in event ? event.record.data.object : null);
    expect(asFirstRole(user)?.role).toBe("student");
    // The student's record written; the roles she does not hold removed.
    const meaning = "record" in event ? eventMeaning(event.record, "v3.1") : null;
    expect(meaning && "changes" in meaning && meaning.changes.map((change) => `${change.kind} ${change.action}`)).toEqual([
      "teachers remove",
      "students upsert",
      "school_admins remove",
      "district_admins remove",
    ]);
  },
  "v3.0-schools-1.json": () => {
    expect(singleEnvelope(cleverSchoolSchema).parse(body("v3.0-schools-1.json")).data).toMatchObject({ name: "Pineapple Elementary School", high_grade: "5" });
  },
  "v3.0-sections-1.json": () => {
    expect(singleEnvelope(cleverSectionSchema).parse(body("v3.0-sections-1.json")).data).toMatchObject({ grade: "6", period: "4" });
  },
  "v3.0-sections-users-1.json": () => {
    const page = listEnvelope(cleverV3UserSchema).parse(body("v3.0-sections-users-1.json"));
    expect(page.records.length).toBeGreaterThan(0);
    expect(page.records.every((user) => asFirstRole(user) !== null)).toBe(true);
  },
  "v3.0-terms-1.json": () => {
    expect(singleEnvelope(cleverTermSchema).parse(body("v3.0-terms-1.json")).data).toMatchObject({ name: "S1", start_date: "2012-08-01" });
  },
  "v3.0-users-1.json": () => {
    const user = v3User("v3.0-users-1.json");
    expect(asFirstRole(user)?.role).toBe("teacher");
    expect(legacyIdsOf(user)).toEqual(["58da8c5da7a7e5a6470000a1"]);
  },
  "v3.0-users-2.json": () => {
    expect(asFirstRole(v3User("v3.0-users-2.json"))).toMatchObject({ role: "student", record: { grade: "9" } });
  },
  "v3.0-users-4.json": () => {
    const entry = listEntry(cleverV3UserSchema)(body("v3.0-users-4.json"));
    expect("record" in entry && asFirstRole(entry.record)).toMatchObject({ role: "district_admin", record: { legacy_id: "60355d7784698e0001a9482e" } });
  },
  "v3.0-users-list-1.json": () => {
    const page = listEnvelope(cleverV3UserSchema).parse(body("v3.0-users-list-1.json"));
    expect(page.records).toHaveLength(25);
    expect(page.links?.find((link) => link.rel === "next")?.uri).toContain("starting_after=");
  },
};

const NOT_ANSWERS = new Set(["SOURCES.md", "v3.0-resources-404-1.html", "v1.2-events-list-1.json"]);

describe("answers recorded from the real Clever", () => {
  test("[clever-today] every recorded file has a reader here", () => {
    const files = readdirSync(RECORDED).filter((file) => !NOT_ANSWERS.has(file));
    expect(files.sort()).toEqual(Object.keys(readers).sort());
  });

  test.each(Object.keys(readers))("[clever-today] %s", (file) => {
    readers[file]?.();
  });
});
