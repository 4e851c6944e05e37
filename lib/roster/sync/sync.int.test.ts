// Roster sync against the in-process local Clever and a real PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { bigSectionStudents, fixtures, twelveSections } from "@/sandbox/fixtures";
import { syncUser } from "./sync";
import { logIn, syncTestbed } from "@/tests/support/sync-testbed";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });
const deps = () => bed.deps();

async function activeSections(userId: string) {
  return bed.counting.db.section.findMany({
    where: { archivedAt: null, teachers: { some: { teacherId: userId, archivedAt: null } } },
    include: { enrollments: { where: { archivedAt: null } }, teachers: { where: { archivedAt: null } } },
    orderBy: { id: "asc" },
  });
}

describe("teacher sync", () => {
  test("[LIB-09] a teacher with zero sections syncs to an empty class list", async () => {
    const { user } = await logIn(bed.sandbox, deps(), fixtures.teacherZeroSections.id);
    const result = await syncUser(user.id, "login", deps());
    expect(result.status).toBe("succeeded");
    expect(await activeSections(user.id)).toEqual([]);
  });

  test("[LIB-09] a Library teacher with zero sections syncs to an empty class list", async () => {
    const { user } = await logIn(bed.sandbox, deps(), fixtures.libraryTeacherZeroSections.id);
    const result = await syncUser(user.id, "login", deps());
    expect(result).toMatchObject({ status: "succeeded", source: "user_token" });
    expect(await activeSections(user.id)).toEqual([]);
  });

  test("[LIB-R10] [LIG-03] a teacher with 12 sections gets all 12 with subject, grade, number, period and students", async () => {
    const { user } = await logIn(bed.sandbox, deps(), fixtures.teacherTwelveSections.id);
    const result = await syncUser(user.id, "login", deps());
    expect(result).toMatchObject({ status: "succeeded", source: "district_token" });
    const sections = await activeSections(user.id);
    expect(sections.map((s) => s.id).sort()).toEqual(twelveSections.map((s) => s.id).sort());
    const math = sections.find((s) => s.id === fixtures.twelveSection02.id);
    expect(math).toMatchObject({ name: "Math 3", subject: "math", grade: "3", period: "2" });
    expect(math?.sectionNumber).toMatch(/^SEC-/);
    expect(math?.enrollments.length).toBeGreaterThan(0);
    const choices = await bed.counting.db.sectionChoice.count({ where: { teacherId: user.id, shown: true } });
    expect(choices).toBe(12);
  });

  test("[LIB-R11] [SYNC-03] the 125-student section through a district-app token (paged at Clever's limit)", async () => {
    const { user } = await logIn(bed.sandbox, deps(), fixtures.teacherBigSection.id);
    const result = await syncUser(user.id, "login", deps());
    expect(result).toMatchObject({ status: "succeeded", source: "district_token" });
    const [section] = await activeSections(user.id);
    expect(section?.id).toBe(fixtures.sectionBig.id);
    expect(section?.enrollments).toHaveLength(125);
    const students = await bed.counting.db.user.findMany({ where: { cleverId: { in: bigSectionStudents.map((s) => s.id) } } });
    expect(students).toHaveLength(125);
  });
});

describe("sections shared by teachers", () => {
  test("[LIB-R11] a Library teacher's 125-student section arrives whole in one response (no paging on user tokens), on the documented Library path", async () => {
    const studentIds: string[] = [];
    for (let i = 0; i < 125; i++) {
      const id = `5e1ec7ab1e0000000000${String(i).padStart(4, "0")}`;
      studentIds.push(id);
      await bed.clever.putData("students", id, { name: { first: `Pupil ${i}`, last: "Lake" }, grade: "4" });
    }
    const sectionId = "5e1ec7ab1e00000000009999";
    await bed.clever.putData("sections", sectionId, {
      name: "Big Library Class",
      subject: "science",
      grade: "4",
      teacher: fixtures.libraryTeacher2.id,
      teachers: [fixtures.libraryTeacher2.id],
      students: studentIds,
    });
    const { user } = await logIn(bed.sandbox, deps(), fixtures.libraryTeacher2.id);
    await bed.clever.resetStats();
    await bed.clever.clearRequests();
    const result = await syncUser(user.id, "button", deps());
    expect(result).toMatchObject({ status: "succeeded", source: "user_token" });
    const big = (await activeSections(user.id)).find((s) => s.id === sectionId);
    expect(big?.enrollments).toHaveLength(125);
    const stats = await bed.clever.stats();
    // The teacher's sections, then one whole list per section; nothing undocumented.
    const sections = await activeSections(user.id);
    expect(stats.endpoints["GET /v2.0/teachers/{id}/sections"]).toBe(1);
    expect(stats.endpoints["GET /v2.0/sections/{id}/students"]).toBe(sections.length);
    expect(stats.endpoints["GET /v2.0/teachers/{id}/students"]).toBeUndefined();
    const requests = await bed.clever.requests({ user: fixtures.libraryTeacher2.id });
    expect(new Set(requests.map((r) => r.endpoint))).toEqual(
      new Set(["GET /v2.0/teachers/{id}", "GET /v2.0/teachers/{id}/sections", "GET /v2.0/sections/{id}/students"]),
    );
    expect(requests.every((r) => r.status === 200)).toBe(true);
  });

  test("[LIG-03] [LIB-R09] three co-teachers each sync: one section, three teachers, no duplicates", async () => {
    const ids = [fixtures.coTeacherA.id, fixtures.coTeacherB.id, fixtures.coTeacherC.id];
    const userIds: string[] = [];
    for (const id of ids) {
      const { user } = await logIn(bed.sandbox, deps(), id);
      userIds.push(user.id);
      expect((await syncUser(user.id, "login", deps())).status).toBe("succeeded");
    }
    const sections = await bed.counting.db.section.findMany({ where: { id: fixtures.sectionCoTaught.id }, include: { teachers: true, enrollments: true } });
    expect(sections).toHaveLength(1);
    expect(sections[0]?.teachers.map((t) => t.teacherId).sort()).toEqual([...userIds].sort());
    expect(sections[0]?.teachers.filter((t) => t.isPrimary).map((t) => t.teacherId)).toEqual([userIds[0]]);
    expect(sections[0]?.enrollments).toHaveLength(6);
    expect(await bed.counting.db.user.count({ where: { cleverId: { in: ids } } })).toBe(3);
    for (const userId of userIds) {
      expect(await bed.counting.db.sectionChoice.count({ where: { teacherId: userId, sectionId: fixtures.sectionCoTaught.id } })).toBe(1);
    }
  });
});

describe("students", () => {
  test("[LIB-08] a district student with several teachers sees each class and every teacher", async () => {
    const { user } = await logIn(bed.sandbox, deps(), fixtures.studentMultiTeacher.id);
    expect(await syncUser(user.id, "login", deps())).toMatchObject({ status: "succeeded", source: "district_token" });
    const enrollments = await bed.counting.db.enrollment.findMany({
      where: { studentId: user.id, archivedAt: null },
      include: { section: { include: { teachers: { include: { teacher: true } } } } },
    });
    expect(enrollments.map((e) => e.sectionId).sort()).toEqual([fixtures.sectionCoTaught.id, fixtures.twelveSection02.id, fixtures.sectionHomeroom.id].sort());
    const teachers = enrollments.flatMap((e) => e.section.teachers.map((t) => t.teacher.name)).sort();
    expect(teachers).toEqual(["Ana Núñez", "Ava Lee", "Ben Ortiz", "Chloe Park", "Marcus Bell"]);
    // A student's sync never imports classmates.
    expect(await bed.counting.db.user.count({ where: { role: "student" } })).toBe(1);
  });

  test("[LIB-08] [LIG-02] a Library student with two teachers is provisioned and sees both, from their teachers' syncs", async () => {
    // A Library student's token reads only the student's own record: their
    // classes are what their teachers' syncs stored.
    for (const teacher of [fixtures.libraryTeacher, fixtures.libraryTeacher2]) {
      const { user: t } = await logIn(bed.sandbox, deps(), teacher.id);
      expect(await syncUser(t.id, "login", deps())).toMatchObject({ status: "succeeded" });
    }
    const { user, created } = await logIn(bed.sandbox, deps(), fixtures.libraryStudent.id);
    expect(created).toBe(false);
    expect(user).toMatchObject({ role: "student", authorizedBy: "teacher", grade: "4", districtId: null, firstName: "Kai", lastName: "Nakamura" });
    expect(await syncUser(user.id, "login", deps())).toMatchObject({ status: "succeeded", source: "user_token" });
    const enrollments = await bed.counting.db.enrollment.findMany({
      where: { studentId: user.id, archivedAt: null },
      include: { section: { include: { teachers: { include: { teacher: true } } } } },
    });
    expect(enrollments.map((e) => e.section.name).sort()).toEqual(["Art Studio", "Reading Circle"]);
    expect(enrollments.flatMap((e) => e.section.teachers.map((t) => t.teacher.name)).sort()).toEqual(["Rosa Martínez", "Sam Okafor"]);
  });
});

describe("names", () => {
  test("[LIB-R12] [DSSO-R4] UTF-8 names are stored and returned byte for byte (NFC and NFD kept as sent)", async () => {
    const { user } = await logIn(bed.sandbox, deps(), fixtures.teacherUtf8.id);
    await syncUser(user.id, "login", deps());
    const { user: ana } = await logIn(bed.sandbox, deps(), fixtures.teacher.id);
    await syncUser(ana.id, "login", deps());
    const bytes = (s: string | null | undefined) => Buffer.from(s ?? "", "utf8").toString("hex");
    const teacher = await bed.counting.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(bytes(teacher.name)).toBe(bytes("José Ñúñez"));
    const section = await bed.counting.db.section.findUniqueOrThrow({ where: { id: fixtures.sectionUtf8.id } });
    expect(bytes(section.name)).toBe(bytes("Español para niños — Sección Ñ"));
    const byClever = async (id: string) => bed.counting.db.user.findUniqueOrThrow({ where: { cleverId: id } });
    const nfd = await byClever(fixtures.studentNfd.id);
    expect(bytes(nfd.firstName)).toBe(bytes("Rene\u0301e"));
    expect(nfd.firstName).not.toBe("Ren\u00e9e");
    expect((await byClever(fixtures.studentArabic.id)).name).toBe("ليلى حداد");
    expect((await byClever(fixtures.studentHebrew.id)).name).toBe("נועה כהן");
    expect((await byClever(fixtures.studentEmoji.id)).firstName).toBe("Sunny 🌞");
    expect((await byClever(fixtures.studentLongName.id)).name).toHaveLength(200);
    expect((await byClever(fixtures.studentApostrophe.id)).lastName).toBe("O'Brien");
  });
});
