// Provisioning on first login (LIG-01, LIG-02, SYNC-02, DSSO-02, LIB-04,
// LIB-R05, DSSO-04) against the local Clever's real OAuth flow.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures } from "@/sandbox/fixtures";
import { syncUser } from "@/lib/roster/sync/sync";
import { logIn, sandboxControl, syncTestbed, TEST_KEYS } from "@/tests/support/sync-testbed";
import { purgeExpiredTokens, userToken } from "./tokens";
import { createTokenVault } from "@/lib/platform/token-vault";
import { deleteUser } from "@/lib/people/delete-user";
import { DeletedPersonError, liftDeletion } from "./deleted-ids";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });
const vaultDeps = { vault: createTokenVault(TEST_KEYS), now: () => new Date() };

describe("provisioning", () => {
  test("[LIG-01] [SYNC-02] a teacher's first login creates the account at once; the next login finds it by Clever ID", async () => {
    const first = await logIn(bed.sandbox, bed.deps(), fixtures.teacherTwelveSections.id);
    expect(first.created).toBe(true);
    // Counted over the whole table: a count by the unique Clever ID could never be 2.
    const users = await bed.counting.db.user.count();
    const again = await logIn(bed.sandbox, bed.deps(), fixtures.teacherTwelveSections.id);
    expect(again).toMatchObject({ created: false, user: { id: first.user.id } });
    expect(await bed.counting.db.user.count()).toBe(users);
    // What the user's sync reads changed with a login only when it did: a
    // first login, or a row whose sharing Clever now says otherwise.
    expect([first.rosterScopeChanged, again.rosterScopeChanged]).toEqual([true, false]);
    await bed.counting.db.user.update({ where: { id: first.user.id }, data: { authorizedBy: first.user.authorizedBy === "district" ? "teacher" : "district" } });
    expect((await logIn(bed.sandbox, bed.deps(), fixtures.teacherTwelveSections.id)).rosterScopeChanged).toBe(true);
  });

  test("[DSSO-02] [LIB-04] [LIB-R05] every relevant Clever field is used: names, email, role, district, school", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.teacher.id);
    expect(user).toMatchObject({
      cleverId: fixtures.teacher.id,
      role: "teacher",
      name: "Ana Núñez",
      firstName: "Ana",
      middleName: "Lucía",
      lastName: "Núñez",
      email: "ana.nunez@sandbox.example",
      authorizedBy: "district",
      districtId: fixtures.district.id,
      trialEndsAt: null,
    });
    expect(await bed.counting.db.district.findUnique({ where: { id: fixtures.district.id } })).toMatchObject({ name: "Sandbox School District" });
    await syncUser(user.id, "login", bed.deps());
    const synced = await bed.counting.db.user.findUniqueOrThrow({ where: { id: user.id }, include: { school: true } });
    expect(synced.school).toMatchObject({ id: fixtures.schoolElementary.id, name: "Sandbox Elementary School", lowGrade: "PreKindergarten", highGrade: "5" });
    const { user: student } = await logIn(bed.sandbox, bed.deps(), fixtures.student.id);
    expect(student).toMatchObject({ role: "student", grade: "3", firstName: "Emma", middleName: "R", lastName: "Johnson", authorizedBy: "district" });
    expect(student.email).toMatch(/@students\.sandbox\.example$/);
    const { user: admin } = await logIn(bed.sandbox, bed.deps(), fixtures.districtAdmin.id);
    expect(admin).toMatchObject({ role: "district_admin", name: "Morgan Reyes", email: "morgan.reyes@sandbox.example" });
  });

  test("[DSSO-02] first logins at once from a district new to the app each keep the district (one makes its row, none loses it)", async () => {
    expect(await bed.counting.db.district.count()).toBe(0);
    const people = [fixtures.teacher, fixtures.teacherTwelveSections, fixtures.student, fixtures.districtAdmin];
    const logins = await Promise.all(people.map((person) => logIn(bed.sandbox, bed.deps(), person.id)));
    expect(logins.map((l) => l.user.districtId)).toEqual(people.map(() => fixtures.district.id));
    expect(await bed.counting.db.district.count()).toBe(1);
  });

  test("[DSSO-02] [SS-05] when Clever cannot tell a district's name at login, the user keeps the district, and their sync names it", async () => {
    // Both tries of the login's read of the district fail.
    await sandboxControl(bed.sandbox).addFault({ path: `/v2.0/districts/${fixtures.district.id}`, method: "GET", status: 500, times: 2 });
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.teacher.id);
    expect(user).toMatchObject({ authorizedBy: "district", districtId: fixtures.district.id });
    expect(await bed.counting.db.district.findUnique({ where: { id: fixtures.district.id } })).toMatchObject({ name: "" });
    // The sync reads the roster with the district's token, and names the district.
    const result = await syncUser(user.id, "login", bed.deps());
    expect(result).toMatchObject({ status: "succeeded", source: "district_token" });
    expect(await bed.counting.db.district.findUnique({ where: { id: fixtures.district.id } })).toMatchObject({ name: "Sandbox School District" });
    expect(await bed.counting.db.sectionTeacher.count({ where: { teacherId: user.id } })).toBeGreaterThan(0);
  });

  test("[LIG-01] a Library teacher is provisioned with a free trial and no district", async () => {
    const before = Date.now();
    const { user, created } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    expect(created).toBe(true);
    expect(user).toMatchObject({ role: "teacher", authorizedBy: "teacher", districtId: null, name: "Rosa Martínez" });
    const days = ((user.trialEndsAt?.getTime() ?? 0) - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    // Logging in again never extends the trial.
    const again = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    expect(again.user.trialEndsAt).toEqual(user.trialEndsAt);
  });

  test("[LIG-02] a student imported by their Library teachers' syncs gets that same row on first login and sees their classes", async () => {
    for (const id of [fixtures.libraryTeacher.id, fixtures.libraryTeacher2.id]) {
      const { user: teacher } = await logIn(bed.sandbox, bed.deps(), id);
      expect(await syncUser(teacher.id, "login", bed.deps())).toMatchObject({ status: "succeeded" });
    }
    const imported = await bed.counting.db.user.findUniqueOrThrow({ where: { cleverId: fixtures.libraryStudent.id }, include: { accounts: true } });
    expect(imported.accounts).toEqual([]);
    const { user, created } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryStudent.id);
    expect(created).toBe(false);
    expect(user.id).toBe(imported.id);
    expect(await syncUser(user.id, "login", bed.deps())).toMatchObject({ status: "succeeded" });
    const classes = await bed.counting.db.enrollment.findMany({ where: { studentId: user.id, archivedAt: null }, include: { section: true } });
    expect(classes.map((c) => c.section.name).sort()).toEqual(["Art Studio", "Reading Circle"]);
  });

  test("[DSSO-04] an email that already belongs to another user never fails provisioning and never links", async () => {
    const email = "ana.nunez@sandbox.example";
    const other = await bed.counting.db.user.create({ data: { email, loginEmail: email, name: "Ana (password account)", passwordHash: "x" } });
    const { user, created } = await logIn(bed.sandbox, bed.deps(), fixtures.teacher.id);
    expect(created).toBe(true);
    expect(user.id).not.toBe(other.id);
    // Clever's email is the Clever user's contact email; the password account
    // keeps signing in with its own, untouched.
    expect(user.email).toBe(email);
    expect(user.loginEmail).toBeNull();
    expect(await bed.counting.db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ cleverId: null, email, loginEmail: email });
    // Nor does the sync join them.
    await syncUser(user.id, "login", bed.deps());
    expect(await bed.counting.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ cleverId: fixtures.teacher.id, loginEmail: null, passwordHash: null });
    expect(await bed.counting.db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ cleverId: null, loginEmail: email });
  });

  test("the user's Clever token is stored encrypted, readable while valid, purged when expired", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    const row = await bed.counting.db.cleverToken.findUniqueOrThrow({ where: { userId: user.id } });
    const token = await userToken(bed.counting.db, vaultDeps, user.id);
    expect(token).toMatch(/.{16,}/);
    expect(row.ciphertext).not.toContain(token ?? "");
    expect(row.keyId).toBe("test1");
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(await purgeExpiredTokens(bed.counting.db, new Date(Date.now() + 25 * 3_600_000))).toBeGreaterThanOrEqual(1);
    expect(await bed.counting.db.cleverToken.count({ where: { userId: user.id } })).toBe(0);
  });

  test("[LIG-M7] a person deleted on request stays deleted: their teacher's sync does not create them again and their own login is refused, until an operator lifts it", async () => {
    const db = bed.counting.db;
    const { user: teacher } = await logIn(bed.sandbox, bed.deps(), fixtures.teacher.id);
    await syncUser(teacher.id, "button", bed.deps());
    const student = await db.user.findUniqueOrThrow({ where: { cleverId: fixtures.student.id } });
    expect(await deleteUser(db, student.id)).toMatchObject({ userId: student.id });

    // Clever still shares her: the next sync of her teacher's classes leaves her out.
    await syncUser(teacher.id, "button", bed.deps());
    expect(await db.user.count({ where: { cleverId: fixtures.student.id } })).toBe(0);
    expect(await db.user.count({ where: { cleverId: fixtures.studentEmoji.id } })).toBe(1);
    // Her own login makes no account again.
    await expect(logIn(bed.sandbox, bed.deps(), fixtures.student.id)).rejects.toBeInstanceOf(DeletedPersonError);
    expect(await db.user.count({ where: { cleverId: fixtures.student.id } })).toBe(0);

    // Lifted by an operator: she is back at her next login, as new.
    expect(await liftDeletion(db, fixtures.student.id)).toBe(true);
    const back = await logIn(bed.sandbox, bed.deps(), fixtures.student.id);
    expect(back).toMatchObject({ created: true, user: { cleverId: fixtures.student.id } });
  });
});
