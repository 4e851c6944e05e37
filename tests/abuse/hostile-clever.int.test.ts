// Security hardening #12, item 7, end to end: a Clever roster with NUL and
// other control characters in names, a 2,000-character ID and name, and
// path-like IDs ("../", "..", "%2e%2e"). The login and the sync still succeed,
// the unaddressable records are skipped, the good ones are written (names
// without control characters, otherwise byte-exact), and a second login and
// sync write nothing new.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { log } from "@/lib/platform/log";
import { syncUser } from "@/lib/roster/sync/sync";
import { logIn, syncTestbed } from "@/tests/support/sync-testbed";
import { cleverId, fixtures } from "@/sandbox/fixtures";
import type { CleverObject, Kind } from "@/sandbox/types";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const longId = "a".repeat(2_000);
const longName = "Ω".repeat(2_000);
const badIds = ["../x", "..", "%2e%2e", longId, "../../v2.0/districts"];
const hex = (s: string | null | undefined) => Buffer.from(s ?? "", "utf8").toString("hex");

function hostileRoster(sharing: "library" | "district") {
  const key = (k: string) => cleverId(`hostile:${sharing}:${k}`);
  const district = sharing === "district" ? { district: fixtures.district.id } : {};
  const ids = { teacher: key("teacher"), section: key("section"), zoe: key("zoe"), aisha: key("aisha"), jose: key("jose"), fox: key("fox"), long: key("long") };
  const put = (kind: Kind, obj: CleverObject) => bed.sandbox.store.upsert(kind, { ...district, ...obj });
  put("teachers", { id: ids.teacher, name: { first: "Na\u0000dia", middle: "", last: "Haddad\u0007" }, email: `nadia.${sharing}\u0000@example.test`, school: ".." });
  const good = [
    { id: ids.zoe, name: { first: "Zo\u0000e", last: "O'Brien\u009B" }, grade: "4" },
    { id: ids.aisha, name: { first: "\u0639\u0627\u0626\u0634\u0629\u200F", last: "\u05D1\u05DF\u05BE\u05D3\u05D5\u05D3" }, grade: "4" },
    { id: ids.jose, name: { first: "Jose\u0301", last: "Nu\u0303n\u0303ez\u0000" }, grade: "5" },
    { id: ids.fox, name: { first: "\u{1F98A}", last: "\u{1F469}\u200D\u{1F469}\u200D\u{1F467} Li\uD800am" }, grade: "5" },
    { id: ids.long, name: { first: longName, last: "Long" }, grade: "5" },
  ];
  for (const student of good) put("students", student);
  // Records Clever should never send: each is listed with the teacher's students.
  for (const id of badIds) put("students", { id, name: { first: id === longId ? longName : "Bad\u0000", last: "Id" }, grade: "4" });
  const roster = [...good.map((s) => s.id), ...badIds];
  put("sections", {
    id: ids.section,
    name: "Art\u0000 Studio \u{1F3A8}",
    subject: "arts and music",
    grade: "4",
    period: "2\u0000",
    teacher: ids.teacher,
    teachers: [ids.teacher, "..", "../x", longId],
    students: roster,
    school: "../x",
  });
  // Sections with unusable IDs, taught by the same teacher.
  for (const id of ["../sections", longId, "%2e%2e"]) put("sections", { id, name: "Hidden\u0000", teacher: ids.teacher, teachers: [ids.teacher], students: roster });
  return { ids, good };
}

/** Every ID the roster tables hold, to compare two runs. */
async function rosterIds() {
  const db = bed.counting.db;
  const [users, sections, links, enrollments, choices] = await Promise.all([
    db.user.findMany({ select: { id: true, cleverId: true }, orderBy: { id: "asc" } }),
    db.section.findMany({ select: { id: true }, orderBy: { id: "asc" } }),
    db.sectionTeacher.findMany({ select: { sectionId: true, teacherId: true }, orderBy: [{ sectionId: "asc" }, { teacherId: "asc" }] }),
    db.enrollment.findMany({ select: { sectionId: true, studentId: true }, orderBy: [{ sectionId: "asc" }, { studentId: "asc" }] }),
    db.sectionChoice.findMany({ select: { sectionId: true, teacherId: true }, orderBy: [{ sectionId: "asc" }, { teacherId: "asc" }] }),
  ]);
  return { users, sections, links, enrollments, choices };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("[security] what comes back from Clever is bounded: a hostile roster", () => {
  test.each(["library", "district"] as const)(
    "[security] a %s roster with NUL characters, a 2,000-character ID and name and ../ IDs: login and sync succeed, bad records skipped, nothing written twice",
    async (sharing) => {
      const warn = vi.spyOn(log, "warn");
      const { ids, good } = hostileRoster(sharing);

      const first = await logIn(bed.sandbox, bed.deps(), ids.teacher);
      expect(first.created).toBe(true);
      expect(first.user).toMatchObject({ cleverId: ids.teacher, firstName: "Nadia", lastName: "Haddad", name: "Nadia Haddad", email: `nadia.${sharing}@example.test` });
      const synced = await syncUser(first.user.id, "login", bed.deps());
      expect(synced).toMatchObject({ status: "succeeded", source: sharing === "district" ? "district_token" : "user_token" });

      // The good records are written, the unaddressable ones are not.
      const db = bed.counting.db;
      const sections = await db.section.findMany({ include: { enrollments: true, teachers: true } });
      expect(sections.map((s) => s.id)).toEqual([ids.section]);
      const [section] = sections;
      expect(section).toMatchObject({ name: "Art Studio \u{1F3A8}", period: "2", schoolId: null });
      const students = await db.user.findMany({ where: { role: "student" }, orderBy: { cleverId: "asc" } });
      expect(students.map((s) => s.cleverId).sort()).toEqual(good.map((s) => s.id).sort());
      expect(section?.enrollments.map((e) => e.studentId).sort()).toEqual(students.map((s) => s.id).sort());
      expect(section?.teachers.map((t) => t.teacherId)).toEqual([first.user.id]);
      const everyone = await rosterIds();
      for (const user of everyone.users) expect(user.cleverId ?? "").toMatch(SAFE_ID);

      // Control characters gone; RTL, NFD, emoji and a 2,000-character name byte-exact.
      const byClever = new Map(students.map((s) => [s.cleverId, s]));
      const expected: [string, string, string][] = [
        [ids.zoe, "Zoe", "O'Brien"],
        [ids.aisha, "\u0639\u0627\u0626\u0634\u0629\u200F", "\u05D1\u05DF\u05BE\u05D3\u05D5\u05D3"],
        [ids.jose, "Jose\u0301", "Nu\u0303n\u0303ez"],
        [ids.fox, "\u{1F98A}", "\u{1F469}\u200D\u{1F469}\u200D\u{1F467} Liam"],
        [ids.long, longName, "Long"],
      ];
      for (const [id, firstName, lastName] of expected) {
        const row = byClever.get(id);
        expect(hex(row?.firstName)).toBe(hex(firstName));
        expect(hex(row?.lastName)).toBe(hex(lastName));
      }

      // Skips are logged by position, never with the record's content.
      const skips = warn.mock.calls.filter(([fields]) => typeof fields === "object" && fields !== null && "skipped" in fields);
      expect(skips.length).toBeGreaterThan(0);
      const logged = JSON.stringify(skips);
      for (const id of ["../x", "%2e%2e", longId]) expect(logged).not.toContain(id);
      expect(logged).not.toContain("Bad");

      // A second login and sync: the same rows, nothing created or changed.
      const again = await logIn(bed.sandbox, bed.deps(), ids.teacher);
      expect(again).toMatchObject({ created: false, user: { id: first.user.id } });
      const resynced = await syncUser(first.user.id, "button", bed.deps());
      expect(resynced).toMatchObject({ status: "succeeded", counts: { created: 0, updated: 0, archived: 0, restored: 0 } });
      expect(await rosterIds()).toEqual(everyone);
    },
  );
});
