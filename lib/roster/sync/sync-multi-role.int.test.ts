// Multi-role users (Clever API v3.x): one person who teaches and is a school
// admin, or a district admin who teaches, has one account whichever role
// signs in, holds every role, and each role's data is kept current: on v3.1
// from their one record, on v2.1 (one record per role) by the role that signs in.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures } from "@/sandbox/fixtures";
import { syncUser } from "./sync";
import { logIn, sandboxControl, syncTestbed } from "@/tests/support/sync-testbed";
import { adminRoleOf } from "@/lib/people/roles";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });
const v3 = () => ({ ...bed.deps(), apiVersion: "v3.1" as const });
const v2 = () => ({ ...bed.deps(), apiVersion: "v2.1" as const });

async function taught(userId: string) {
  const links = await bed.counting.db.sectionTeacher.findMany({ where: { teacherId: userId, archivedAt: null }, include: { section: true } });
  return links.map((l) => l.section.name).sort();
}

const graceRows = () => bed.counting.db.user.findMany({ where: { lastName: "Kim", firstName: "Grace" } });

describe("multi-role users", () => {
  test("[clever-today] v3.1: a teacher who is also staff signs in as staff; one sync stores both roles, her classes and her school", async () => {
    const { user } = await logIn(bed.sandbox, v3(), fixtures.multiRoleTeacherAsStaff.id, "userinfo");
    expect(user).toMatchObject({ role: "school_admin", roles: ["school_admin"], cleverId: fixtures.multiRoleTeacher.v3Id });
    expect(await syncUser(user.id, "login", v3())).toMatchObject({ status: "succeeded", source: "district_token" });
    const synced = await bed.counting.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([...synced.roles].sort()).toEqual(["school_admin", "teacher"]);
    expect(synced.administeredSchoolIds).toEqual([fixtures.schoolElementary.id]);
    expect(await taught(user.id)).toEqual([fixtures.sectionMultiRoleTeacher.name]);

    // Signing in as the teacher: the same account, the same classes; nothing new.
    const again = await logIn(bed.sandbox, v3(), fixtures.multiRoleTeacher.id, "userinfo");
    expect(again).toMatchObject({ created: false, user: { id: user.id, role: "teacher" } });
    expect(await syncUser(user.id, "login", v3())).toMatchObject({ status: "succeeded", counts: { created: 0, archived: 0 } });
    expect(await taught(user.id)).toEqual([fixtures.sectionMultiRoleTeacher.name]);
    expect(await graceRows()).toHaveLength(1);
  });

  test("[clever-today] v3.1: a district admin who teaches gets the district's schools and her own class from one sync", async () => {
    const { user } = await logIn(bed.sandbox, v3(), fixtures.multiRoleDistrictAdmin.id, "userinfo");
    expect(await syncUser(user.id, "login", v3())).toMatchObject({ status: "succeeded" });
    const synced = await bed.counting.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(synced).toMatchObject({ role: "district_admin" });
    expect([...synced.roles].sort()).toEqual(["district_admin", "teacher"]);
    expect(await taught(user.id)).toEqual([fixtures.sectionDistrictAdminTeaches.name]);
    expect(await bed.counting.db.school.count({ where: { districtId: fixtures.district.id } })).toBeGreaterThan(1);
  });

  test("[clever-today] v2.1: the teacher and staff logins (two v2 IDs, one multi_role_user_id) are one account that holds both roles", async () => {
    const asTeacher = await logIn(bed.sandbox, v2(), fixtures.multiRoleTeacher.id, "userinfo");
    expect(await syncUser(asTeacher.user.id, "login", v2())).toMatchObject({ status: "succeeded" });
    expect(await taught(asTeacher.user.id)).toEqual([fixtures.sectionMultiRoleTeacher.name]);

    const asStaff = await logIn(bed.sandbox, v2(), fixtures.multiRoleTeacherAsStaff.id, "userinfo");
    expect(asStaff).toMatchObject({ created: false, user: { id: asTeacher.user.id, role: "school_admin", cleverId: fixtures.multiRoleTeacherAsStaff.id } });
    expect([...asStaff.user.roles].sort()).toEqual(["school_admin", "teacher"]);
    // Her teacher ID and the person's v3 ID still find her.
    expect(asStaff.user.cleverLegacyIds).toEqual(expect.arrayContaining([fixtures.multiRoleTeacher.id, fixtures.multiRoleTeacher.v3Id]));
    expect(await syncUser(asStaff.user.id, "login", v2())).toMatchObject({ status: "succeeded" });
    const synced = await bed.counting.db.user.findUniqueOrThrow({ where: { id: asTeacher.user.id } });
    expect(synced.administeredSchoolIds).toEqual([fixtures.schoolElementary.id]);
    // The staff sync does not read her classes, and leaves them as they were.
    expect(await taught(asTeacher.user.id)).toEqual([fixtures.sectionMultiRoleTeacher.name]);

    // Back as the teacher: her own ID again, the same classes, one row.
    const back = await logIn(bed.sandbox, v2(), fixtures.multiRoleTeacher.id, "userinfo");
    expect(back.user).toMatchObject({ id: asTeacher.user.id, cleverId: fixtures.multiRoleTeacher.id, role: "teacher" });
    expect(await syncUser(back.user.id, "login", v2())).toMatchObject({ status: "succeeded", counts: { created: 0, archived: 0 } });
    expect(await taught(back.user.id)).toEqual([fixtures.sectionMultiRoleTeacher.name]);
    expect(await graceRows()).toHaveLength(1);
  });

  test("[clever-today] v2.1: a staff role Clever removes is gone after the next teacher login's sync, so is the admin view; kept while Clever still lists it", async () => {
    const asStaff = await logIn(bed.sandbox, v2(), fixtures.multiRoleTeacherAsStaff.id, "userinfo");
    await logIn(bed.sandbox, v2(), fixtures.multiRoleTeacher.id, "userinfo");
    expect(await syncUser(asStaff.user.id, "login", v2())).toMatchObject({ status: "succeeded" });
    const both = await bed.counting.db.user.findUniqueOrThrow({ where: { id: asStaff.user.id } });
    expect([...both.roles].sort()).toEqual(["school_admin", "teacher"]);

    // Clever stops listing her as staff: her teacher login's sync asks, and drops the role.
    await sandboxControl(bed.sandbox).deleteData("school_admins", fixtures.multiRoleTeacherAsStaff.id);
    await logIn(bed.sandbox, v2(), fixtures.multiRoleTeacher.id, "userinfo");
    expect(await syncUser(asStaff.user.id, "button", v2())).toMatchObject({ status: "succeeded" });
    const after = await bed.counting.db.user.findUniqueOrThrow({ where: { id: asStaff.user.id } });
    expect(after).toMatchObject({ role: "teacher", roles: ["teacher"] });
    expect(adminRoleOf(after)).toBeNull();
    expect(await taught(after.id)).toEqual([fixtures.sectionMultiRoleTeacher.name]);
  });
});
