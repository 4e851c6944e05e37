// Re-sync (LIG-04, LIB-12, LIB-R06, LIG-05): every kind of upstream change,
// archive and restore, teacher choices kept, and a no-change re-sync that
// writes nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures } from "@/sandbox/fixtures";
import type { Kind } from "@/sandbox/types";
import { syncUser } from "./sync";
import { dumpRoster, logIn, syncTestbed } from "@/tests/support/sync-testbed";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });

const getRecord = async (kind: Kind, id: string) => (await bed.clever.getData(kind, id)).data;
const putRecord = (kind: Kind, id: string, body: Record<string, unknown>) => bed.clever.putData(kind, id, body);

describe("re-sync", () => {
  test("[LIG-04] [LIB-12] [LIB-R06] renames, subject/grade changes, students and co-teachers added or removed, new and archived sections", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.teacherTwelveSections.id);
    expect((await syncUser(user.id, "login", bed.deps())).status).toBe("succeeded");
    const db = bed.counting.db;
    // The teacher hides a class; no sync may undo that.
    await db.sectionChoice.update({
      where: { teacherId_sectionId: { teacherId: user.id, sectionId: fixtures.twelveSection01.id } },
      data: { shown: false },
    });

    const science = await getRecord("sections", fixtures.twelveSection03.id);
    await putRecord("sections", fixtures.twelveSection03.id, { ...science, name: "Science 5 — Lab", subject: "technology and engineering", grade: "4" });
    const newStudentId = "5e1ec7ab1e000000000a0001";
    await putRecord("students", newStudentId, {
      district: fixtures.district.id,
      school: fixtures.schoolElementary.id,
      name: { first: "Zoë", last: "Quist" },
      grade: "4",
    });
    const social = await getRecord("sections", fixtures.twelveSection04.id);
    await putRecord("sections", fixtures.twelveSection04.id, { ...social, students: [...(social.students ?? []), newStudentId] });
    const french = await getRecord("sections", fixtures.twelveSection05.id);
    const removed = french.students?.[0] ?? "";
    await putRecord("sections", fixtures.twelveSection05.id, { ...french, students: french.students?.slice(1) ?? [] });
    const preK = await getRecord("sections", fixtures.twelveSection06.id);
    await putRecord("sections", fixtures.twelveSection06.id, { ...preK, teachers: [...(preK.teachers ?? []), fixtures.teacherUtf8.id] });
    const newSectionId = "5e1ec7ab1e000000000b0001";
    await putRecord("sections", newSectionId, {
      district: fixtures.district.id,
      school: fixtures.schoolHigh.id,
      name: "Astronomy Club",
      subject: "science",
      grade: "11",
      period: "13",
      teacher: fixtures.teacherTwelveSections.id,
      teachers: [fixtures.teacherTwelveSections.id],
      students: [newStudentId],
    });
    const reading = await getRecord("sections", fixtures.twelveSection01.id);
    await bed.clever.deleteData("sections", fixtures.twelveSection01.id);

    const result = await syncUser(user.id, "button", bed.deps());
    expect(result).toMatchObject({
      status: "succeeded",
      summary: "1 new class, 1 class updated, 2 students added, 1 student removed, 1 co-teacher added, 1 class archived",
    });

    const sections = new Map((await db.section.findMany({ include: { teachers: true, enrollments: true } })).map((s) => [s.id, s]));
    expect(sections.get(fixtures.twelveSection03.id)).toMatchObject({ name: "Science 5 — Lab", subject: "technology and engineering", grade: "4" });
    expect(sections.get(newSectionId)).toMatchObject({ name: "Astronomy Club", period: "13", archivedAt: null });
    const zoe = await db.user.findUniqueOrThrow({ where: { cleverId: newStudentId } });
    expect(sections.get(fixtures.twelveSection04.id)?.enrollments.find((e) => e.studentId === zoe.id)?.archivedAt).toBeNull();
    const removedUser = await db.user.findUniqueOrThrow({ where: { cleverId: removed } });
    expect(sections.get(fixtures.twelveSection05.id)?.enrollments.find((e) => e.studentId === removedUser.id)?.archivedAt).toBeInstanceOf(Date);
    const jose = await db.user.findUniqueOrThrow({ where: { cleverId: fixtures.teacherUtf8.id } });
    expect(sections.get(fixtures.twelveSection06.id)?.teachers.find((t) => t.teacherId === jose.id)).toMatchObject({ archivedAt: null, isPrimary: false });
    // Archived, never deleted; the hidden choice survives.
    expect(sections.get(fixtures.twelveSection01.id)?.archivedAt).toBeInstanceOf(Date);
    const hidden = { teacherId_sectionId: { teacherId: user.id, sectionId: fixtures.twelveSection01.id } };
    expect(await db.sectionChoice.findUnique({ where: hidden })).toMatchObject({ shown: false });
    expect(await db.sectionChoice.findUnique({ where: { teacherId_sectionId: { teacherId: user.id, sectionId: newSectionId } } })).toMatchObject({ shown: true });

    // It comes back upstream: restored, with the teacher's choice intact.
    await putRecord("sections", fixtures.twelveSection01.id, reading);
    await putRecord("sections", fixtures.twelveSection06.id, preK);
    const again = await syncUser(user.id, "button", bed.deps());
    expect(again).toMatchObject({ status: "succeeded", summary: "1 co-teacher removed, 1 class restored" });
    expect((await db.section.findUniqueOrThrow({ where: { id: fixtures.twelveSection01.id } })).archivedAt).toBeNull();
    expect(await db.sectionChoice.findUnique({ where: hidden })).toMatchObject({ shown: false });
    const link = await db.sectionTeacher.findUniqueOrThrow({ where: { sectionId_teacherId: { sectionId: fixtures.twelveSection06.id, teacherId: jose.id } } });
    expect(link.archivedAt).toBeInstanceOf(Date);
  });

  test("[LIG-05] a re-sync with no upstream change writes no rows and needs under 10 SQL statements", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.teacherTwelveSections.id);
    expect((await syncUser(user.id, "login", bed.deps())).status).toBe("succeeded");
    const before = await dumpRoster(bed.counting.db);
    bed.counting.reset();
    const result = await syncUser(user.id, "button", bed.deps());
    const statements = [...bed.counting.log];
    expect(result).toMatchObject({ status: "succeeded", summary: "Everything was already up to date" });
    expect(result.status === "succeeded" && result.counts).toMatchObject({ created: 0, updated: 0, archived: 0, restored: 0 });
    expect(statements.length).toBeLessThan(10);
    // Only bookkeeping is written: the run's SyncRun row, which is also its lease (inserted running, then finished).
    const writes = statements.filter((sql) => /^\s*(INSERT|UPDATE|DELETE)/i.test(sql));
    expect(writes.filter((sql) => !/"(public"\.")?SyncRun"/.test(sql))).toEqual([]);
    expect(writes.map((sql) => /^\s*(\w+)/.exec(sql)?.[1])).toEqual(["INSERT", "UPDATE"]);
    expect(await bed.counting.db.syncRun.count({ where: { userId: user.id } })).toBe(2);
    expect(await dumpRoster(bed.counting.db)).toEqual(before);
  });

  test("[LIB-12] a Library teacher's re-sync picks up a renamed section and a new student", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    await syncUser(user.id, "login", bed.deps());
    const circle = await getRecord("sections", fixtures.librarySection1.id);
    await putRecord("students", "5e1ec7ab1e000000000c0001", { name: { first: "Íñigo", last: "Bárcena" }, grade: "4" });
    await putRecord("sections", fixtures.librarySection1.id, {
      ...circle,
      name: "Reading Circle (Spring)",
      students: [...(circle.students ?? []), "5e1ec7ab1e000000000c0001"],
    });
    const result = await syncUser(user.id, "button", bed.deps());
    expect(result).toMatchObject({ status: "succeeded", source: "user_token", summary: "1 class updated, 1 student added" });
    const section = await bed.counting.db.section.findUniqueOrThrow({ where: { id: fixtures.librarySection1.id }, include: { enrollments: true } });
    expect(section.name).toBe("Reading Circle (Spring)");
    // The old name is kept with the rename, for the class's changes.
    expect(section).toMatchObject({ previousName: circle.name });
    expect(section.renamedAt).toBeInstanceOf(Date);
    expect(section.enrollments).toHaveLength(5);
  });
});
