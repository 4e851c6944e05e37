// The v2.1-to-v3.1 ID migration against the in-process local Clever and a
// real PostgreSQL: a v2 database whose teachers, co-teachers and admins all
// end up on their v3 IDs, the same result when run twice or interrupted and
// resumed, logins on v3.1 finding the same accounts and classes, and a user
// the migration could not see moved at their login.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures } from "@/sandbox/fixtures";
import { syncUser } from "@/lib/roster/sync/sync";
import { identify } from "@/lib/login/identity";
import { userToken as sandboxUserToken } from "@/sandbox/test/helpers";
import { logIn, syncTestbed } from "@/tests/support/sync-testbed";
import { applyIdMappings, checkAgainstClever, mappingsFromClever, mappingsFromCsv } from "./clever-ids";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });
const v2 = () => ({ ...bed.deps(), apiVersion: "v2.1" as const });
const v3 = () => ({ ...bed.deps(), apiVersion: "v3.1" as const });
const people = [fixtures.coTeacherA, fixtures.coTeacherB, fixtures.coTeacherC];

/** A v2.1 deployment's database: co-teachers synced (each other's rows made by the sync), an admin signed in. */
async function v2Database() {
  for (const teacher of people) {
    const { user } = await logIn(bed.sandbox, v2(), teacher.id);
    expect(await syncUser(user.id, "login", v2())).toMatchObject({ status: "succeeded" });
  }
  await logIn(bed.sandbox, v2(), fixtures.schoolAdmin.id);
}

async function snapshot() {
  const users = await bed.counting.db.user.findMany({ where: { cleverId: { not: null } }, orderBy: { id: "asc" }, select: { id: true, cleverId: true, cleverLegacyIds: true } });
  const links = await bed.counting.db.sectionTeacher.findMany({ where: { archivedAt: null }, orderBy: [{ sectionId: "asc" }, { teacherId: "asc" }] });
  return { users, links: links.map((l) => `${l.sectionId}:${l.teacherId}`) };
}

describe("clever:migrate-ids", () => {
  test("[clever-today] every teacher, co-teacher and admin moves to the v3 ID; classes and links stay; a second run changes nothing", async () => {
    await v2Database();
    const before = await snapshot();
    const deps = v3();
    const { mappings, unreachable } = await mappingsFromClever(deps, [fixtures.district.id]);
    expect(unreachable).toEqual([]);
    const first = await applyIdMappings(bed.counting.db, mappings);
    expect(first.conflicts).toEqual([]);
    expect(first.unmapped).toEqual([]);
    // The three co-teachers and the admin at least (students keep their IDs).
    expect(first.mapped).toBeGreaterThanOrEqual(4);
    const after = await snapshot();
    // The same accounts (internal IDs) and the same links, now under v3 IDs.
    expect(after.users.map((u) => u.id)).toEqual(before.users.map((u) => u.id));
    expect(after.links).toEqual(before.links);
    for (const person of [...people, fixtures.schoolAdmin]) {
      const row = after.users.find((u) => u.cleverLegacyIds.includes(person.id));
      expect(row?.cleverId, person.key).toBe(person.v3Id);
    }
    const second = await applyIdMappings(bed.counting.db, mappings);
    expect(second).toMatchObject({ mapped: 0, conflicts: [], unmapped: [] });
    expect(await snapshot()).toEqual(after);
  });

  test("[clever-today] interrupted halfway and resumed, the migration ends where a single run ends", async () => {
    await v2Database();
    const deps = v3();
    const { mappings } = await mappingsFromClever(deps, [fixtures.district.id]);
    await applyIdMappings(bed.counting.db, mappings.slice(0, Math.floor(mappings.length / 2)));
    await applyIdMappings(bed.counting.db, mappings);
    const resumed = await snapshot();
    for (const person of people) expect(resumed.users.some((u) => u.cleverId === person.v3Id && u.cleverLegacyIds.includes(person.id))).toBe(true);
  });

  test("[clever-today] after the switch, each teacher's v3.1 login finds the same account and the same classes, and the sync duplicates nobody", async () => {
    await v2Database();
    const lead = await bed.counting.db.user.findUniqueOrThrow({ where: { cleverId: fixtures.coTeacherA.id } });
    const classesBefore = await bed.counting.db.sectionTeacher.findMany({ where: { teacherId: lead.id, archivedAt: null }, orderBy: { sectionId: "asc" } });
    const { mappings } = await mappingsFromClever(v3(), [fixtures.district.id]);
    await applyIdMappings(bed.counting.db, mappings);
    const usersBefore = await bed.counting.db.user.count();
    const again = await logIn(bed.sandbox, v3(), fixtures.coTeacherA.id);
    expect(again).toMatchObject({ created: false, user: { id: lead.id, cleverId: fixtures.coTeacherA.v3Id } });
    expect(await syncUser(lead.id, "login", v3())).toMatchObject({ status: "succeeded" });
    expect(await bed.counting.db.user.count()).toBe(usersBefore);
    const classesAfter = await bed.counting.db.sectionTeacher.findMany({ where: { teacherId: lead.id, archivedAt: null }, orderBy: { sectionId: "asc" } });
    expect(classesAfter.map((c) => c.sectionId)).toEqual(classesBefore.map((c) => c.sectionId));
  });

  test("[clever-today] a user the migration could not see (a Library teacher) is moved at her v3.1 login, through /userinfo's v2 ID", async () => {
    const { user } = await logIn(bed.sandbox, v2(), fixtures.libraryTeacher.id);
    expect(await syncUser(user.id, "login", v2())).toMatchObject({ status: "succeeded" });
    const usersBefore = await bed.counting.db.user.count();
    const token = await sandboxUserToken(bed.sandbox, fixtures.libraryTeacher.id);
    const identity = await identify({ access_token: token }, v3());
    expect(identity.userId).toBe(user.id);
    const row = await bed.counting.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ cleverId: fixtures.libraryTeacher.v3Id, cleverLegacyIds: [fixtures.libraryTeacher.id] });
    expect(await bed.counting.db.user.count()).toBe(usersBefore);
    expect(await bed.counting.db.user.count({ where: { cleverId: fixtures.libraryTeacher.id } })).toBe(0);
  });

  test("[clever-today] a CSV of v2 and v3 IDs (Clever's export or any with those columns)", () => {
    expect(mappingsFromCsv("\uFEFFlegacy_id,id\r\n5e1ec7ab1e0000000000a001,5e1ec7ab1e0000000000b001\n")).toEqual([{ from: "5e1ec7ab1e0000000000a001", to: "5e1ec7ab1e0000000000b001" }]);
    expect(() => mappingsFromCsv("name,email\nx,y\n")).toThrow(/header/);
    expect(() => mappingsFromCsv("v2_id,v3_id\n../x,abc\n")).toThrow(/line 2/);
  });

  test("[security] a CSV line Clever's own records contradict is not applied: it would move one person's account to another's ID", () => {
    const fromClever = [
      { from: "5e1ec7ab1e0000000000a001", to: "5e1ec7ab1e0000000000b001" },
      { from: "5e1ec7ab1e0000000000a002", to: "5e1ec7ab1e0000000000b002" },
    ];
    const csv = [
      { from: "5e1ec7ab1e0000000000a001", to: "5e1ec7ab1e0000000000b001" }, // as Clever says
      { from: "5e1ec7ab1e0000000000a001", to: "5e1ec7ab1e0000000000b009" }, // Clever gives a001 another v3 ID
      { from: "5e1ec7ab1e0000000000a009", to: "5e1ec7ab1e0000000000b002" }, // b002 carries another v2 ID
      { from: "5e1ec7ab1e0000000000a003", to: "5e1ec7ab1e0000000000b003" }, // nothing from Clever either way
    ];
    const { agreed, contradicted } = checkAgainstClever(csv, fromClever);
    expect(agreed).toEqual([csv[0], csv[3]]);
    expect(contradicted.map((c) => c.mapping)).toEqual([csv[1], csv[2]]);
    expect(contradicted[0]?.clever).toContain("5e1ec7ab1e0000000000b001");
  });
});
