// The district sync's digests end to end, against the in-process local
// Clever and a real PostgreSQL: an unchanged record is not written, a changed
// one is written alone, a new mapping version writes every record once, and
// hostile names come through Clever's JSON, the schemas and the staging path
// byte for byte.
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { generatedDistrictId } from "@/sandbox/generated-district";
import { districtTestbed, dumpRoster, testDeps } from "@/tests/support/sync-testbed";
import { runFullSync } from "./full-sync";
import { rowsWritten } from "./write";

// The mapping's version as a release would raise it (./mapping-version.ts).
const mapping = vi.hoisted(() => ({ version: 1 }));
vi.mock("./mapping-version", () => ({
  get ROSTER_MAPPING_VERSION() {
    return mapping.version;
  },
}));

const SIZE = { students: 80, teachers: 8, sections: 20, schools: 2, seed: 13 };
const DISTRICT = generatedDistrictId(SIZE.seed);
const forever = () => ({ until: Date.now() + 120_000 });

const bed = districtTestbed({ beforeAll, afterAll, beforeEach }, SIZE);
beforeEach(() => {
  mapping.version = 1;
});

const deps = async () => testDeps(bed.sandbox, bed.counting.db, { districtPageLimit: 25 });
const db = () => bed.counting.db;
const students = () => bed.sandbox.store.list("students").filter((r) => r.district === DISTRICT);

/** Each row's last write, by table and key. */
async function writtenAt(): Promise<Map<string, number>> {
  const roster = await dumpRoster(db());
  const stamps = new Map<string, number>();
  for (const [table, rows] of Object.entries(roster)) {
    for (const row of rows as { updatedAt: Date; id?: string; sectionId?: string; teacherId?: string; studentId?: string }[]) {
      stamps.set(`${table}:${row.id ?? `${row.sectionId}/${row.teacherId ?? row.studentId}`}`, row.updatedAt.getTime());
    }
  }
  return stamps;
}

/** Roster rows without what a write stamps (when, and the digests it wrote). */
async function rosterValues() {
  const roster = await dumpRoster(db());
  const strip = (rows: object[]) => rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !["updatedAt", "rosterWrittenAt", "rosterDigest", "rosterDigests"].includes(key))));
  return Object.fromEntries(Object.entries(roster).map(([table, rows]) => [table, strip(rows)]));
}

describe("digests", () => {
  test("[district-rostering] a record changed in Clever is the only row the next full sync writes; every other row keeps its last write", async () => {
    await runFullSync(await deps(), DISTRICT, forever());
    const before = await writtenAt();
    const [first] = students();
    bed.sandbox.store.upsert("students", { ...(first ?? { id: "" }), name: { first: "Renamed", last: "Once" } });
    const again = await runFullSync(await deps(), DISTRICT, forever());
    expect(again.status).toBe("done");
    expect(again.counts).toEqual({ created: 0, updated: 1, archived: 0, restored: 0 });
    const after = await writtenAt();
    const rewritten = [...after].filter(([key, at]) => before.get(key) !== at).map(([key]) => key);
    const row = await db().user.findUniqueOrThrow({ where: { cleverId: first?.id ?? "" } });
    expect(rewritten).toEqual([`users:${row.id}`]);
    expect(row).toMatchObject({ firstName: "Renamed", lastName: "Once" });
  });

  test("[district-rostering] a new mapping version rewrites every record once, to the same values; the sync after it writes nothing", async () => {
    await runFullSync(await deps(), DISTRICT, forever());
    const values = await rosterValues();
    const records = await Promise.all([db().school.count(), db().term.count(), db().user.count(), db().section.count()]);

    mapping.version = 2;
    const upgraded = await runFullSync(await deps(), DISTRICT, forever());
    // Each school, term, person (once per role it holds) and section; links and enrollments have no digest.
    const roles = await db().user.findMany({ select: { roles: true } });
    expect(upgraded.counts).toEqual({ created: 0, updated: records[0] + records[1] + roles.reduce((n, u) => n + u.roles.length, 0) + records[3], archived: 0, restored: 0 });
    expect(records[2]).toBeGreaterThan(SIZE.students);
    expect(await rosterValues()).toEqual(values);

    expect(rowsWritten((await runFullSync(await deps(), DISTRICT, forever())).counts)).toBe(0);
  });

  test("[district-rostering] hostile names from Clever arrive byte for byte, control characters stripped, and an unchanged one is not written again", async () => {
    const names = ["\u0000Ma\u0000ría\u0007", "Ñ".repeat(2000), "\u202Bمريم\u202C \u200Fנועה", "Jos\u00e9", "Jose\u0301", "Zoë 👩‍👩‍👧‍👦 🇺🇸 𠜎", `O'Brien "\\" \\u0000 --`];
    const expected = ["María", "Ñ".repeat(2000), "\u202Bمريم\u202C \u200Fנועה", "Jos\u00e9", "Jose\u0301", "Zoë 👩‍👩‍👧‍👦 🇺🇸 𠜎", `O'Brien "\\" \\u0000 --`];
    const chosen = students().slice(0, names.length);
    // Into the local Clever's store directly: its control API would refuse a NUL.
    chosen.forEach((record, i) => bed.sandbox.store.upsert("students", { ...record, name: { first: names[i], last: names[i] } }));
    expect(await runFullSync(await deps(), DISTRICT, forever())).toMatchObject({ status: "done" });
    const rows = await db().$queryRaw<{ cleverId: string; firstName: string; lastName: string; hex: string }[]>`
      SELECT "cleverId", "firstName", "lastName", encode(convert_to("firstName", 'UTF8'), 'hex') AS hex FROM "User" WHERE "cleverId" = ANY(${chosen.map((r) => r.id)})`;
    for (const [i, record] of chosen.entries()) {
      const row = rows.find((r) => r.cleverId === record.id);
      expect(row?.firstName).toBe(expected[i]);
      expect(row?.lastName).toBe(expected[i]);
      expect(row?.hex).toBe(Buffer.from(expected[i] ?? "", "utf8").toString("hex"));
    }
    expect(rowsWritten((await runFullSync(await deps(), DISTRICT, forever())).counts)).toBe(0);
  });
});
