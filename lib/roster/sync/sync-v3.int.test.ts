// The product on Clever's v3.1 API against the in-process local Clever
// (strict), beside v2.1 on the same data: the same classes and students, the
// users under their v3 IDs, the documented v3 Library path, and one account
// for a user who holds two roles.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures } from "@/sandbox/fixtures";
import { syncUser } from "./sync";
import { logIn, syncTestbed } from "@/tests/support/sync-testbed";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });
const v3 = () => ({ ...bed.deps(), apiVersion: "v3.1" as const });
const v2 = () => ({ ...bed.deps(), apiVersion: "v2.1" as const });

/** The user's classes as names with their students' Clever IDs. */
async function classes(userId: string) {
  const sections = await bed.counting.db.section.findMany({
    where: { archivedAt: null, teachers: { some: { teacherId: userId, archivedAt: null } } },
    include: { enrollments: { where: { archivedAt: null }, include: { student: true } } },
    orderBy: { id: "asc" },
  });
  return sections.map((s) => ({ id: s.id, name: s.name, students: s.enrollments.map((e) => e.student.cleverId).sort() }));
}

describe("v3.1", () => {
  test("[clever-today] a district teacher on v3.1: stored under her v3 ID, with the same classes and students as on v2.1", async () => {
    const onV2 = await logIn(bed.sandbox, v2(), fixtures.teacher.id);
    expect(onV2.user.cleverId).toBe(fixtures.teacher.id);
    expect(await syncUser(onV2.user.id, "login", v2())).toMatchObject({ status: "succeeded", source: "district_token" });
    const v2Classes = await classes(onV2.user.id);
    expect(v2Classes.length).toBeGreaterThan(0);

    await bed.counting.db.$executeRawUnsafe(`TRUNCATE "User", "Section", "School", "District", "CleverToken", "RateLimit" CASCADE`);
    const onV3 = await logIn(bed.sandbox, v3(), fixtures.teacher.id);
    expect(onV3.user.cleverId).toBe(fixtures.teacher.v3Id);
    expect(onV3.user).toMatchObject({ role: "teacher", authorizedBy: "district", districtId: fixtures.district.id, name: fixtures.teacher.name });
    expect(await syncUser(onV3.user.id, "login", v3())).toMatchObject({ status: "succeeded", source: "district_token" });
    // Sections and students keep their IDs across versions (only non-students' IDs change).
    expect(await classes(onV3.user.id)).toEqual(v2Classes);
  });

  test("[clever-today] a Library teacher on v3.1 reads only the documented v3 path: her record, her sections, each section's students", async () => {
    const { user } = await logIn(bed.sandbox, v3(), fixtures.libraryTeacher.id);
    await bed.clever.clearRequests();
    expect(await syncUser(user.id, "login", v3())).toMatchObject({ status: "succeeded", source: "user_token" });
    const requests = await bed.clever.requests({ user: fixtures.libraryTeacher.id });
    expect(new Set(requests.map((r) => r.endpoint))).toEqual(new Set(["GET /v3.1/users/{id}", "GET /v3.1/users/{id}/sections", "GET /v3.1/sections/{id}/users"]));
    expect(requests.every((r) => r.status === 200)).toBe(true);
    const mine = await classes(user.id);
    expect(mine.map((c) => c.name).sort()).toEqual(["Math Explorers", "Reading Circle", "Science Club"]);
    expect(mine.every((c) => c.students.length > 0)).toBe(true);
  });

  test("[clever-today] a Library teacher on v3.1 whose v3 sections Clever refuses (404) still syncs, through the documented v2.0 Library path", async () => {
    const { user } = await logIn(bed.sandbox, v3(), fixtures.libraryTeacher.id);
    await bed.clever.addFault({ path: "^/v3\\.1/users/[^/]+/sections", status: 404, user: fixtures.libraryTeacher.id });
    await bed.clever.clearRequests();
    expect(await syncUser(user.id, "login", v3())).toMatchObject({ status: "succeeded", source: "user_token" });
    const requests = await bed.clever.requests({ user: fixtures.libraryTeacher.id });
    expect(new Set(requests.map((r) => `${r.endpoint} ${r.status}`))).toEqual(
      new Set(["GET /v3.1/users/{id} 200", "GET /v3.1/users/{id}/sections 404", "GET /v2.0/teachers/{id}/sections 200", "GET /v2.0/sections/{id}/students 200"]),
    );
    // Her classes and students, as on the v3 path; she is their teacher under her v3 ID, not her own co-teacher.
    const mine = await classes(user.id);
    expect(mine.map((c) => c.name).sort()).toEqual(["Math Explorers", "Reading Circle", "Science Club"]);
    expect(mine.every((c) => c.students.length > 0)).toBe(true);
    expect(await bed.counting.db.user.count({ where: { cleverId: fixtures.libraryTeacher.id } })).toBe(0);
    await bed.clever.clearFaults(fixtures.libraryTeacher.id);
  });

  test("[clever-today] a user with two roles (teacher and staff) has one account on v3.1, whichever role signs in", async () => {
    const asTeacher = await logIn(bed.sandbox, v3(), fixtures.multiRoleTeacher.id);
    const asStaff = await logIn(bed.sandbox, v3(), fixtures.multiRoleTeacherAsStaff.id);
    expect(asStaff.user.id).toBe(asTeacher.user.id);
    expect(asStaff.created).toBe(false);
    expect(await bed.counting.db.user.count({ where: { cleverId: asTeacher.user.cleverId } })).toBe(1);
    expect(asStaff.user.role).toBe("school_admin");
  });
});
