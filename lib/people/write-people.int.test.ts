// The one people writer (./write-people.ts) on a real PostgreSQL, with each
// caller's options: the district sync's (digests, its own rows only, roles
// added, restore), the user's sync's (fields it does not give left alone,
// people known by ID only, sharing on create), a login's (its row, its role,
// its IDs). Tombstones, legacy-ID joins, and values byte for byte.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { countingDb, type CountingDb } from "@/tests/support/sync-testbed";
import { type PersonRecord, personDiffers, stagePeople, writePeople, writePeopleIds, writePerson, type WriteOptions } from "./write-people";

const DISTRICT = "d15tr1c7000000000000000a";
const OTHER = "d15tr1c7000000000000000b";

let counting: CountingDb;
const db = (): PrismaClient => counting.db;

beforeAll(() => {
  counting = countingDb(process.env.DATABASE_URL ?? "");
});
afterAll(async () => {
  await counting?.close();
});
beforeEach(async () => {
  await db().$executeRawUnsafe(`TRUNCATE "User", "District", "DeletedCleverId" CASCADE`);
  await db().district.createMany({ data: [{ id: DISTRICT, name: "This district" }, { id: OTHER, name: "Another district" }] });
});

// Each caller's options, as it passes them (lib/roster/district/write.ts, lib/roster/sync/apply.ts, ./provision.ts).
const district: WriteOptions = { now: new Date(), scopeDistrictId: DISTRICT, roles: "add", authorizedBy: { value: "district", on: "write" }, ids: "roster", restore: true, digestKind: "students" };
const userSync: WriteOptions = { now: new Date(), scopeDistrictId: null, roles: "keep", authorizedBy: { value: "teacher", on: "create" }, ids: "keep", restore: false, digestKind: null };
const login: WriteOptions = { now: new Date(), scopeDistrictId: null, roles: "signIn", authorizedBy: { value: "district", on: "write" }, ids: "login", restore: false, digestKind: null };

const student = (cleverId: string, firstName: string, extra: Partial<PersonRecord> = {}): PersonRecord => ({
  cleverId,
  role: "student",
  fields: { name: `${firstName} Doe`, firstName, middleName: null, lastName: "Doe", email: null, grade: "3", districtId: DISTRICT },
  digest: `digest of ${firstName}`,
  ...extra,
});
const writeDistrict = (records: PersonRecord[]) => db().$transaction((tx) => writePeople(tx, stagePeople(records), district));
const writeUserSync = (records: PersonRecord[]) => db().$transaction((tx) => writePeopleIds(tx, records, userSync));
const none = { created: 0, updated: 0, restored: 0, foreign: 0 };
const row = (cleverId: string) => db().user.findUniqueOrThrow({ where: { cleverId } });

describe("the district's options", () => {
  test("a record is created once; the same digest on an untouched row writes nothing; another digest writes the row", async () => {
    expect(await writeDistrict([student("s1", "Ana"), student("s2", "Bo")])).toEqual({ ...none, created: 2 });
    const before = await db().user.findMany({ orderBy: { cleverId: "asc" } });
    expect(before.map((u) => [u.cleverId, u.role, u.roles, u.authorizedBy, u.districtId, u.rosterDigests])).toEqual([
      ["s1", "student", ["student"], "district", DISTRICT, { students: "digest of Ana" }],
      ["s2", "student", ["student"], "district", DISTRICT, { students: "digest of Bo" }],
    ]);
    expect(await writeDistrict([student("s1", "Ana"), student("s2", "Bo")])).toEqual(none);
    expect(await db().user.findMany({ orderBy: { cleverId: "asc" } })).toEqual(before);
    expect(await writeDistrict([student("s1", "Ana"), student("s2", "Bea")])).toEqual({ ...none, updated: 1 });
    expect((await row("s2")).firstName).toBe("Bea");
  });

  test("a row of another district is skipped and counted, never moved; a row of no district becomes this one's; an archived row is restored with the role added", async () => {
    await db().user.create({ data: { cleverId: "s1", role: "student", roles: ["student"], districtId: OTHER, firstName: "Theirs" } });
    await db().user.create({ data: { cleverId: "s2", role: "teacher", roles: ["teacher"], authorizedBy: "teacher", firstName: "Library" } });
    await db().user.create({ data: { cleverId: "s3", role: "teacher", roles: ["teacher"], districtId: DISTRICT, archivedAt: new Date() } });
    expect(await writeDistrict([student("s1", "Ours"), student("s2", "Sam"), student("s3", "Cy")])).toEqual({ ...none, updated: 1, restored: 1, foreign: 1 });
    expect(await row("s1")).toMatchObject({ districtId: OTHER, firstName: "Theirs", roles: ["student"] });
    expect(await row("s2")).toMatchObject({ districtId: DISTRICT, authorizedBy: "district", firstName: "Sam", role: "teacher", roles: ["teacher", "student"] });
    expect(await row("s3")).toMatchObject({ archivedAt: null, roles: ["teacher", "student"], firstName: "Cy" });
  });

  test("legacy IDs: a v3 record finds the row under the v2 ID it names, which moves to the v3 ID; a v2 record then finds it by that legacy ID and leaves it", async () => {
    await writeDistrict([student("v2", "Ana")]);
    const { id } = await row("v2");
    expect(await writeDistrict([student("v3", "Ana", { otherIds: ["v2"] })])).toEqual({ ...none, updated: 1 });
    expect(await db().user.findUniqueOrThrow({ where: { id } })).toMatchObject({ cleverId: "v3", cleverLegacyIds: ["v2"] });
    expect(await writeDistrict([student("v2", "Ana")])).toEqual(none);
    expect(await db().user.count()).toBe(1);
  });
});

describe("the user's sync's options", () => {
  test("rows by Clever ID, legacy ID included; a field not given (an email Clever does not have) is left alone; roles, sharing and IDs are kept", async () => {
    await db().user.create({ data: { cleverId: "v2", role: "teacher", roles: ["teacher"], authorizedBy: "district", email: "kept@example.org", firstName: "Old" } });
    const written = await writeUserSync([
      { cleverId: "v3", otherIds: ["v2"], role: "student", fields: { firstName: "New", lastName: "Doe", name: "New Doe", grade: "4" } },
      { cleverId: "s9", role: "student", fields: { firstName: "Nia", email: "nia@example.org" } },
    ]);
    expect(written).toMatchObject({ ...none, created: 1, updated: 1 });
    const moved = await row("v2");
    expect(written.ids).toEqual(new Map([["v3", moved.id], ["s9", (await row("s9")).id]]));
    expect(moved).toMatchObject({ cleverId: "v2", cleverLegacyIds: [], role: "teacher", roles: ["teacher"], authorizedBy: "district", email: "kept@example.org", firstName: "New", grade: "4" });
    // A new row gets the run's sharing and the record's role.
    expect(await row("s9")).toMatchObject({ role: "student", roles: ["student"], authorizedBy: "teacher", email: "nia@example.org", districtId: null });
    // Nothing changed: nothing written, every row still found.
    const again = await writeUserSync([{ cleverId: "v3", otherIds: ["v2"], role: "student", fields: { firstName: "New" } }]);
    expect(again).toMatchObject(none);
    expect(again.ids.get("v3")).toBe(moved.id);
  });

  test("a person known by ID only is found, or created bare, and never rewritten; an email another account has links nothing (DSSO-04)", async () => {
    await db().user.create({ data: { cleverId: "t1", role: "teacher", roles: ["teacher"], firstName: "Tess", email: "shared@example.org" } });
    const written = await writeUserSync([
      { cleverId: "t1", role: "teacher" },
      { cleverId: "t2", role: "teacher" },
      { cleverId: "s1", role: "student", fields: { firstName: "Sib", email: "shared@example.org" } },
    ]);
    expect(written).toMatchObject({ ...none, created: 2 });
    expect(await row("t1")).toMatchObject({ firstName: "Tess", email: "shared@example.org" });
    expect(await row("t2")).toMatchObject({ firstName: null, role: "teacher", roles: ["teacher"], authorizedBy: "teacher" });
    expect((await db().user.findMany({ where: { email: "shared@example.org" }, orderBy: { cleverId: "asc" } })).map((u) => u.cleverId)).toEqual(["s1", "t1"]);
    expect([...written.ids.keys()].sort()).toEqual(["s1", "t1", "t2"]);
  });

  test("tombstones: a person deleted on request is not created again, under their ID or another the record names, and gets no row ID", async () => {
    await db().deletedCleverId.createMany({ data: [{ cleverId: "gone" }, { cleverId: "v2gone" }] });
    const written = await writeUserSync([
      { cleverId: "gone", role: "student", fields: { firstName: "A" } },
      { cleverId: "v3", otherIds: ["v2gone"], role: "student", fields: { firstName: "B" } },
      { cleverId: "kept", role: "teacher" },
    ]);
    expect(written).toMatchObject({ ...none, created: 1 });
    expect([...written.ids.keys()]).toEqual(["kept"]);
    expect((await db().user.findMany()).map((u) => u.cleverId)).toEqual(["kept"]);
    // The district's options keep them out too.
    expect(await writeDistrict([student("gone", "A"), student("v3", "B", { otherIds: ["v2gone"] })])).toEqual(none);
  });
});

describe("a login's options", () => {
  test("its row takes the login's role, sharing and Clever ID; every other ID stays the row's, in order; a field left out is left alone", async () => {
    const existing = await db().user.create({
      data: { cleverId: "v2", cleverLegacyIds: ["older"], role: "student", roles: ["student"], authorizedBy: "teacher", middleName: "Kept", trialEndsAt: new Date("2026-01-01T00:00:00Z") },
    });
    const written = await writePerson(db(), { cleverId: "v3", otherIds: ["multi", "older"], role: "teacher", row: existing.id, fields: { firstName: "Tess", districtId: DISTRICT } }, login);
    expect(written.outcome).toBe("updated");
    // The row as written, as Prisma would type it.
    expect(written.user).toEqual(await db().user.findUniqueOrThrow({ where: { id: existing.id } }));
    expect(written.user).toMatchObject({
      id: existing.id,
      cleverId: "v3",
      cleverLegacyIds: ["v2", "older", "multi"],
      role: "teacher",
      roles: ["student", "teacher"],
      authorizedBy: "district",
      firstName: "Tess",
      middleName: "Kept",
      districtId: DISTRICT,
      trialEndsAt: new Date("2026-01-01T00:00:00Z"),
    });
    // The same login again changes nothing.
    expect((await writePerson(db(), { cleverId: "v3", otherIds: ["multi"], role: "teacher", row: existing.id, fields: { firstName: "Tess" } }, login)).outcome).toBe("unchanged");
  });

  test('"new": a row even beside one under the login\'s other ID; taken meanwhile: raced; deleted on request: refused', async () => {
    await db().user.create({ data: { cleverId: "multi", role: "teacher", roles: ["teacher"] } });
    const trial = new Date("2027-02-03T04:05:06.789Z");
    const created = await writePerson(db(), { cleverId: "t1", otherIds: ["multi"], role: "teacher", row: "new", fields: { firstName: "Tess", email: null, trialEndsAt: trial } }, { ...login, authorizedBy: { value: "teacher", on: "write" } });
    expect(created.outcome).toBe("created");
    expect(created.user).toMatchObject({ cleverId: "t1", cleverLegacyIds: ["multi"], role: "teacher", roles: ["teacher"], authorizedBy: "teacher", trialEndsAt: trial });
    expect(await db().user.count()).toBe(2);
    expect(await writePerson(db(), { cleverId: "t1", role: "teacher", row: "new", fields: { firstName: "Again" } }, login)).toEqual({ outcome: "raced", user: null });
    await db().deletedCleverId.create({ data: { cleverId: "formerly" } });
    expect(await writePerson(db(), { cleverId: "t2", otherIds: ["formerly"], role: "teacher", row: "new" }, login)).toEqual({ outcome: "deleted", user: null });
    expect(await db().user.count()).toBe(2);
  });
});

describe("personDiffers, the statement's rule asked of a row in hand", () => {
  // A row as it stands, a record and a caller's options: personDiffers says
  // whether the statement writes, and the statement (writePerson, the row
  // given) answers "updated" or "restored" exactly then, "unchanged" otherwise.
  const at = new Date("2026-09-01T08:00:00.000Z");
  const base = { role: "student", roles: ["student"], authorizedBy: "district", firstName: "Ana", lastName: "Doe", districtId: DISTRICT, updatedAt: at } satisfies Partial<Prisma.UserUncheckedCreateInput>;
  const rosterRow = { ...base, rosterDigests: { students: "d1" }, rosterWrittenAt: at };
  const cases: { name: string; row: Prisma.UserUncheckedCreateInput; record: Omit<PersonRecord, "row">; options: WriteOptions; differs: boolean }[] = [
    { name: "a login, nothing new", row: { ...base, cleverId: "c" }, record: { cleverId: "c", role: "student", fields: { firstName: "Ana", lastName: "Doe" } }, options: login, differs: false },
    { name: "a login, a name changed", row: { ...base, cleverId: "c" }, record: { cleverId: "c", role: "student", fields: { firstName: "Bea" } }, options: login, differs: true },
    { name: "a login, a field it does not give", row: { ...base, cleverId: "c", email: "kept@example.org" }, record: { cleverId: "c", role: "student", fields: { firstName: "Ana" } }, options: login, differs: false },
    { name: "a login, null where the row has a value", row: { ...base, cleverId: "c", email: "gone@example.org" }, record: { cleverId: "c", role: "student", fields: { email: null } }, options: login, differs: true },
    { name: "schools, the same", row: { ...base, cleverId: "c", role: "school_admin", roles: ["school_admin"], administeredSchoolIds: ["s1", "s2"] }, record: { cleverId: "c", role: "school_admin", fields: { administeredSchoolIds: ["s1", "s2"] } }, options: login, differs: false },
    { name: "schools, another order", row: { ...base, cleverId: "c", role: "school_admin", roles: ["school_admin"], administeredSchoolIds: ["s1", "s2"] }, record: { cleverId: "c", role: "school_admin", fields: { administeredSchoolIds: ["s2", "s1"] } }, options: login, differs: true },
    { name: "a trial, the same instant", row: { ...base, cleverId: "c", trialEndsAt: at }, record: { cleverId: "c", role: "student", fields: { trialEndsAt: new Date(at) } }, options: login, differs: false },
    { name: "a trial, a millisecond later", row: { ...base, cleverId: "c", trialEndsAt: at }, record: { cleverId: "c", role: "student", fields: { trialEndsAt: new Date(at.getTime() + 1) } }, options: login, differs: true },
    { name: "a login as another of the person's roles", row: { ...base, cleverId: "c", role: "teacher", roles: ["teacher", "student"] }, record: { cleverId: "c", role: "student" }, options: login, differs: true },
    { name: "a login in a role the row lacks", row: { ...base, cleverId: "c", roles: [] }, record: { cleverId: "c", role: "student" }, options: login, differs: true },
    { name: "a login shared another way", row: { ...base, cleverId: "c", authorizedBy: "teacher" }, record: { cleverId: "c", role: "student" }, options: login, differs: true },
    { name: "a login naming an ID the row keeps", row: { ...base, cleverId: "c", cleverLegacyIds: ["old"] }, record: { cleverId: "c", otherIds: ["old"], role: "student" }, options: login, differs: false },
    { name: "a login naming a new ID", row: { ...base, cleverId: "c", cleverLegacyIds: ["old"] }, record: { cleverId: "c", otherIds: ["new"], role: "student" }, options: login, differs: true },
    { name: "a login under a new Clever ID", row: { ...base, cleverId: "v2" }, record: { cleverId: "v3", otherIds: ["v2"], role: "student" }, options: login, differs: true },
    { name: "the district, its digest on an untouched row", row: { ...rosterRow, cleverId: "c" }, record: { cleverId: "c", role: "student", digest: "d1", fields: { firstName: "Other" } }, options: district, differs: false },
    { name: "the district, another digest", row: { ...rosterRow, cleverId: "c" }, record: { cleverId: "c", role: "student", digest: "d2" }, options: district, differs: true },
    { name: "the district, a row someone else wrote since", row: { ...rosterRow, cleverId: "c", rosterWrittenAt: new Date(at.getTime() - 1) }, record: { cleverId: "c", role: "student", digest: "d1" }, options: district, differs: true },
    { name: "the district, a row of no digest yet", row: { ...base, cleverId: "c" }, record: { cleverId: "c", role: "student", digest: "d1" }, options: district, differs: true },
    { name: "the district, an archived row", row: { ...rosterRow, cleverId: "c", archivedAt: at }, record: { cleverId: "c", role: "student", digest: "d1" }, options: district, differs: true },
    { name: "the district, a v3 record on the v2 row", row: { ...rosterRow, cleverId: "v2" }, record: { cleverId: "v3", otherIds: ["v2"], role: "student", digest: "d1" }, options: district, differs: true },
    { name: "the district, a v2 record on a row that kept it", row: { ...rosterRow, cleverId: "v3", cleverLegacyIds: ["v2"] }, record: { cleverId: "v2", role: "student", digest: "d1" }, options: district, differs: false },
    { name: "the user's sync, a role the row lacks", row: { ...base, cleverId: "c", roles: ["teacher"], authorizedBy: "teacher" }, record: { cleverId: "c", role: "student", fields: { firstName: "Ana" } }, options: userSync, differs: false },
    { name: "the user's sync, a grade changed", row: { ...base, cleverId: "c", grade: "3" }, record: { cleverId: "c", role: "student", fields: { grade: "4" } }, options: userSync, differs: true },
  ];

  test.each(cases)("$name", async ({ row, record, options, differs }) => {
    const existing = await db().user.create({ data: row });
    expect(personDiffers(existing, { ...record, row: existing.id }, options)).toBe(differs);
    const written = await writePerson(db(), { ...record, row: existing.id }, options);
    expect(written.outcome).toBe(differs ? (existing.archivedAt ? "restored" : "updated") : "unchanged");
  });
});

describe("values", () => {
  // What Clever might send in a name or an email, each kept exactly as sent:
  // no trimming, no normalization.
  const hostile = {
    enye: "Ñuñez Peña",
    rtl: "\u202Bمريم الحسن\u202C \u200Fנועה\u200F",
    nfc: "Jos\u00e9",
    nfd: "Jose\u0301",
    emoji: "Zoë 👩‍👩‍👧‍👦 🇺🇸 👍🏽 𠜎",
    quoting: `O'Brien "\\" \\u0000 '); DROP TABLE "User"; -- },{"a":1}`,
  };
  const bytes = async () =>
    db().$queryRaw<{ cleverId: string; firstName: string; email: string; hex: string }[]>`
      SELECT "cleverId", "firstName", email, encode(convert_to("firstName", 'UTF8'), 'hex') AS hex FROM "User" ORDER BY "cleverId"`;

  test("arrive byte for byte through each caller's path (ñ, right to left, NFC and NFD apart, emoji, quotes)", async () => {
    const values = Object.values(hostile);
    const fields = (value: string) => ({ firstName: value, lastName: value, name: `${value} ${value}`, email: `${value}@example.org` });
    await writeDistrict(values.map((value, i) => ({ ...student(`d${i}`, value), fields: { ...fields(value), districtId: DISTRICT } })));
    await writeUserSync(values.map((value, i) => ({ cleverId: `u${i}`, role: "teacher", fields: fields(value) })));
    for (const [i, value] of values.entries()) await writePerson(db(), { cleverId: `l${i}`, role: "teacher", row: "new", fields: fields(value) }, login);
    const rows = await bytes();
    expect(rows).toHaveLength(values.length * 3);
    for (const prefix of ["d", "l", "u"]) {
      values.forEach((value, i) => {
        const stored = rows.find((r) => r.cleverId === `${prefix}${i}`);
        expect(stored?.firstName).toBe(value);
        expect(stored?.email).toBe(`${value}@example.org`);
        expect(stored?.hex).toBe(Buffer.from(value, "utf8").toString("hex"));
      });
    }
    const byId = new Map(rows.map((r) => [r.cleverId, r.firstName]));
    expect(byId.get("u2")).not.toBe(byId.get("u3"));
    expect(byId.get("u2")?.normalize("NFC")).toBe(byId.get("u3")?.normalize("NFC"));
    // Unchanged: neither path writes again.
    expect(await writeUserSync(values.map((value, i) => ({ cleverId: `u${i}`, role: "teacher", fields: fields(value) })))).toMatchObject(none);
    expect(await writeDistrict(values.map((value, i) => ({ ...student(`d${i}`, value), fields: { ...fields(value), districtId: DISTRICT } })))).toEqual(none);
  });
});
