// Accounts that survive Clever ID changes without a migration run: a v3.1
// roster that names a co-teacher by her v3 ID finds her v2-era account by the
// record's legacy_id; rows under two of one person's IDs become one account
// at their login; a user Clever re-provisioned with a new ID after 300+ days
// keeps their account when Clever's data links the two (and support can see
// it in the log), and is a new user when it does not (Clever's guidance).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { fixtures } from "@/sandbox/fixtures";
import { syncUser } from "@/lib/roster/sync/sync";
import { log } from "@/lib/platform/log";
import { logIn, syncTestbed } from "@/tests/support/sync-testbed";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });
const v2 = () => ({ ...bed.deps(), apiVersion: "v2.1" as const });
const v3 = () => ({ ...bed.deps(), apiVersion: "v3.1" as const });
const db = () => bed.counting.db;

const taughtSectionIds = async (userId: string) =>
  (await db().sectionTeacher.findMany({ where: { teacherId: userId, archivedAt: null }, orderBy: { sectionId: "asc" } })).map((l) => l.sectionId);

afterEach(() => vi.restoreAllMocks());

describe("Clever IDs that change", () => {
  test("[clever-today] switched to v3.1 without the migration: a co-teacher's sync links the v2-era account by legacy_id, makes no second row", async () => {
    const { user: ava } = await logIn(bed.sandbox, v2(), fixtures.coTeacherA.id);
    expect(await syncUser(ava.id, "login", v2())).toMatchObject({ status: "succeeded" });
    const avaClasses = await taughtSectionIds(ava.id);
    await db().user.deleteMany({ where: { cleverId: { in: [fixtures.coTeacherB.id, fixtures.coTeacherC.id] } } });

    const { user: ben } = await logIn(bed.sandbox, v3(), fixtures.coTeacherB.id);
    expect(await syncUser(ben.id, "login", v3())).toMatchObject({ status: "succeeded" });
    expect(await db().user.count({ where: { cleverId: fixtures.coTeacherA.v3Id } })).toBe(0);
    expect(await taughtSectionIds(ava.id)).toEqual(avaClasses);

    // Her own v3.1 login then moves the account to her v3 ID.
    const again = await logIn(bed.sandbox, v3(), fixtures.coTeacherA.id, "userinfo");
    expect(again).toMatchObject({ created: false, user: { id: ava.id, cleverId: fixtures.coTeacherA.v3Id } });
  });

  test("[clever-today] a roster row under a person's v3 ID and their account under the v2 one become one account at their login, nothing lost", async () => {
    const { user: ava } = await logIn(bed.sandbox, v2(), fixtures.coTeacherA.id);
    expect(await syncUser(ava.id, "login", v2())).toMatchObject({ status: "succeeded" });
    const avaClasses = await taughtSectionIds(ava.id);
    // A row made under her v3 ID (as an older sync did), teaching one class of its own.
    const section = await db().section.create({ data: { id: "5e1ec7ab1e00000000000f01", name: "Orchestra" } });
    const stray = await db().user.create({ data: { cleverId: fixtures.coTeacherA.v3Id, role: "teacher", roles: ["teacher"], authorizedBy: "district" } });
    await db().sectionTeacher.create({ data: { sectionId: section.id, teacherId: stray.id } });
    const merged = vi.spyOn(log, "info");

    const again = await logIn(bed.sandbox, v3(), fixtures.coTeacherA.id, "userinfo");
    expect(again).toMatchObject({ created: false, user: { id: ava.id, cleverId: fixtures.coTeacherA.v3Id } });
    expect(again.user.cleverLegacyIds).toEqual([fixtures.coTeacherA.id]);
    expect(await db().user.findUnique({ where: { id: stray.id } })).toBeNull();
    expect(await taughtSectionIds(ava.id)).toEqual([...avaClasses, section.id].sort());
    expect(merged).toHaveBeenCalledWith(expect.objectContaining({ userId: ava.id, absorbed: 1 }), expect.stringContaining("merged into one account"));
  });

  test("[security] rows that each have a life of their own are never joined by a login: each signed in with Clever, or in two districts; left apart and logged for support", async () => {
    const { user: ava } = await logIn(bed.sandbox, v2(), fixtures.coTeacherA.id);
    // A row under her v3 ID that someone signed in to with Clever themselves (a wrong ID mapping).
    const stranger = await db().user.create({ data: { cleverId: fixtures.coTeacherA.v3Id, role: "teacher", roles: ["teacher"], authorizedBy: "district", name: "Someone Else" } });
    await db().account.createMany({
      data: [
        { userId: ava.id, type: "oauth", provider: "clever", providerAccountId: fixtures.coTeacherA.id },
        { userId: stranger.id, type: "oauth", provider: "clever", providerAccountId: fixtures.coTeacherA.v3Id ?? "" },
      ],
    });
    const warned = vi.spyOn(log, "warn");
    const login = await logIn(bed.sandbox, v3(), fixtures.coTeacherA.id, "userinfo");
    // The login is the row under its own Clever ID; the other keeps its own life.
    expect(login.user.id).toBe(stranger.id);
    expect(await db().user.findUnique({ where: { id: ava.id } })).not.toBeNull();
    expect(await db().account.count({ where: { userId: ava.id } })).toBe(1);
    expect(warned).toHaveBeenCalledWith(
      expect.objectContaining({ reference: expect.any(String), apart: [{ id: ava.id, reason: "both_signed_in_with_clever" }] }),
      expect.stringContaining("left apart"),
    );

    // Two districts: never joined either, whatever else.
    await db().account.deleteMany({ where: { userId: stranger.id } });
    await db().district.create({ data: { id: "5e1ec7ab1e0000000000d001", name: "Elsewhere" } });
    await db().user.update({ where: { id: stranger.id }, data: { districtId: "5e1ec7ab1e0000000000d001" } });
    await db().user.update({ where: { id: ava.id }, data: { cleverId: fixtures.coTeacherA.id } });
    const again = await logIn(bed.sandbox, v3(), fixtures.coTeacherA.id, "userinfo");
    expect(again.user.id).toBe(stranger.id);
    expect(await db().user.findUnique({ where: { id: ava.id } })).not.toBeNull();
  });

  test("[security] two rows with lives of their own never meet through a third: each is weighed against everything joined so far", async () => {
    const { user: ava } = await logIn(bed.sandbox, v2(), fixtures.coTeacherA.id);
    // A bare roster row under her v3 ID, and another account that also claims her v2 ID.
    const bare = await db().user.create({ data: { cleverId: fixtures.coTeacherA.v3Id, role: "teacher", roles: ["teacher"], authorizedBy: "district" } });
    const other = await db().user.create({ data: { cleverId: "5e1ec7ab1e0000000000c0c0", cleverLegacyIds: [fixtures.coTeacherA.id], role: "teacher", roles: ["teacher"], authorizedBy: "district", name: "Other" } });
    await db().account.createMany({
      data: [
        { userId: ava.id, type: "oauth", provider: "clever", providerAccountId: fixtures.coTeacherA.id },
        { userId: other.id, type: "oauth", provider: "clever", providerAccountId: "5e1ec7ab1e0000000000c0c0" },
      ],
    });
    const login = await logIn(bed.sandbox, v3(), fixtures.coTeacherA.id, "userinfo");
    // The bare row and one signed-in account become one; the second signed-in account stays apart.
    expect(await db().user.findUnique({ where: { id: bare.id } })).toBeNull();
    expect(login.user.id).toBe(ava.id);
    expect(await db().user.findUnique({ where: { id: other.id } })).not.toBeNull();
    expect(await db().account.count({ where: { userId: other.id } })).toBe(1);
  });

  test("[clever-today] back after 300+ days with a new Clever ID: the same account when Clever's data links the two (logged), else a new user", async () => {
    const { user: ana } = await logIn(bed.sandbox, v3(), fixtures.teacher.id, "userinfo");
    expect(await syncUser(ana.id, "login", v3())).toMatchObject({ status: "succeeded" });
    const anaClasses = await taughtSectionIds(ana.id);
    expect(anaClasses.length).toBeGreaterThan(0);

    // Clever removes her, then provisions her again under a new v3 ID whose
    // teacher role still names her v2 ID.
    const oldId = fixtures.teacher.v3Id;
    if (!oldId) throw new Error("the fixture teacher has no v3 ID");
    const old = (await bed.clever.getUser(oldId)).data;
    await bed.clever.deleteUser(oldId);
    const returned = "5e1ec7ab1e00000000000e01";
    await bed.clever.putUser(returned, { ...old, id: returned });
    const moved = vi.spyOn(log, "info");
    const back = await logIn(bed.sandbox, v3(), fixtures.teacher.id, "userinfo");
    expect(back).toMatchObject({ created: false, user: { id: ana.id, cleverId: returned } });
    expect(back.user.cleverLegacyIds).toEqual(expect.arrayContaining([fixtures.teacher.id, oldId]));
    expect(moved).toHaveBeenCalledWith(expect.objectContaining({ userId: ana.id, linkedBy: "former_id" }), expect.stringContaining("new to their account"));
    // Her classes and choices are still hers (what Clever shares now, the next sync says).
    expect(await taughtSectionIds(ana.id)).toEqual(anaClasses);

    // Nothing links a user re-provisioned with new IDs for every role: a new user.
    await bed.clever.deleteUser(returned);
    const stranger = "5e1ec7ab1e00000000000e02";
    const teacherRole = (old.roles as { teacher: Record<string, unknown> }).teacher;
    await bed.clever.putUser(stranger, { ...old, id: stranger, roles: { teacher: { ...teacherRole, legacy_id: "5e1ec7ab1e00000000000e03" } } });
    const fresh = await logIn(bed.sandbox, v3(), "5e1ec7ab1e00000000000e03", "userinfo");
    expect(fresh.created).toBe(true);
    expect(fresh.user.id).not.toBe(ana.id);
  });
});
