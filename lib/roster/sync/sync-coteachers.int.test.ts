// Co-teachers' syncs at once (security issue #12, item 10): two syncs of one
// section interleaved on purpose, against the local Clever and a real
// PostgreSQL. Each sync's Prisma client is wrapped so a test can stop it at an
// exact point (after Clever was read, or inside its write transaction right
// after the state was read) while the other sync runs.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures } from "@/sandbox/fixtures";
import type { Kind } from "@/sandbox/types";
import { syncUser } from "./sync";
import { deferred, hookedDb } from "@/tests/support/sync-hooks";
import { logIn, syncTestbed } from "@/tests/support/sync-testbed";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });

const getRecord = async (kind: Kind, id: string) => (await bed.clever.getData(kind, id)).data;
const putRecord = (kind: Kind, id: string, body: Record<string, unknown>) => bed.clever.putData(kind, id, body);

/** A sync stopped once Clever was read, until `release()`. */
function gatedSync(userId: string) {
  const reached = deferred();
  const gate = deferred();
  const db = hookedDb(bed.counting.db, {
    beforeTransaction: async () => {
      reached.resolve();
      await gate.promise;
    },
  });
  const result = syncUser(userId, "button", { ...bed.deps(), db });
  return { reached: reached.promise, release: gate.resolve, result };
}

const section = fixtures.sectionCoTaught.id;
const enrollmentOf = (studentCleverId: string) =>
  bed.counting.db.enrollment.findFirst({ where: { sectionId: section, student: { cleverId: studentCleverId } } });

async function coTeachers() {
  const { user: a } = await logIn(bed.sandbox, bed.deps(), fixtures.coTeacherA.id);
  const { user: b } = await logIn(bed.sandbox, bed.deps(), fixtures.coTeacherB.id);
  expect((await syncUser(a.id, "login", bed.deps())).status).toBe("succeeded");
  return { a, b };
}

describe("co-teachers syncing one section at once", () => {
  test("[security] two co-teachers syncing one section at once keep each other's new enrollments", async () => {
    const { a, b } = await coTeachers();
    // A reads Clever first; then the section gains a student and a co-teacher, and B syncs that newer roster.
    const older = gatedSync(a.id);
    await older.reached;
    const newStudent = "5e1ec7ab1e000000000d0001";
    const newTeacher = "5e1ec7ab1e000000000d0002";
    await putRecord("students", newStudent, { district: fixtures.district.id, school: fixtures.schoolElementary.id, name: { first: "Lena", last: "Voss" }, grade: "5" });
    await putRecord("teachers", newTeacher, {
      district: fixtures.district.id,
      school: fixtures.schoolElementary.id,
      schools: [fixtures.schoolElementary.id],
      name: { first: "Dev", last: "Rao" },
    });
    const record = await getRecord("sections", section);
    await putRecord("sections", section, { ...record, students: [...(record.students ?? []), newStudent], teachers: [...(record.teachers ?? []), newTeacher] });
    expect(await syncUser(b.id, "button", bed.deps())).toMatchObject({ status: "succeeded", summary: "1 student added, 1 co-teacher added" });

    // A's write comes last, from the older snapshot.
    older.release();
    expect((await older.result).status).toBe("succeeded");
    expect(await enrollmentOf(newStudent)).toMatchObject({ archivedAt: null });
    const link = await bed.counting.db.sectionTeacher.findFirst({ where: { sectionId: section, teacher: { cleverId: newTeacher } } });
    expect(link).toMatchObject({ archivedAt: null });
    expect(await bed.counting.db.enrollment.count({ where: { sectionId: section, archivedAt: null } })).toBe(7);
  });

  test("[security] a co-teacher's older snapshot does not bring back a student the other's newer sync removed", async () => {
    const { a, b } = await coTeachers();
    const older = gatedSync(a.id);
    await older.reached;
    const record = await getRecord("sections", section);
    const removed = record.students?.[1] ?? "";
    await putRecord("sections", section, { ...record, students: (record.students ?? []).filter((id) => id !== removed) });
    expect(await syncUser(b.id, "button", bed.deps())).toMatchObject({ status: "succeeded", summary: "1 student removed" });

    older.release();
    expect((await older.result).status).toBe("succeeded");
    expect((await enrollmentOf(removed))?.archivedAt).toBeInstanceOf(Date);
  });

  test("[security] a section handed to a co-teacher mid-sync is not archived by the previous teacher's sync", async () => {
    const { a, b } = await coTeachers();
    const handedOver = "5e1ec7ab1e000000000d0003";
    await putRecord("sections", handedOver, {
      district: fixtures.district.id,
      school: fixtures.schoolElementary.id,
      name: "Garden Club",
      subject: "science",
      grade: "5",
      teacher: fixtures.coTeacherA.id,
      teachers: [fixtures.coTeacherA.id],
      students: [],
    });
    expect(await syncUser(a.id, "button", bed.deps())).toMatchObject({ status: "succeeded", summary: "1 new class" });
    await putRecord("sections", handedOver, { ...(await getRecord("sections", handedOver)), teacher: fixtures.coTeacherB.id, teachers: [fixtures.coTeacherB.id] });

    // A's transaction has read the state (A is the only teacher) and stops before writing.
    const read = deferred();
    const gate = deferred();
    const db = hookedDb(bed.counting.db, {
      afterStateRead: async () => {
        read.resolve();
        await gate.promise;
      },
    });
    const first = syncUser(a.id, "button", { ...bed.deps(), db });
    await read.promise;
    // B's sync either finishes or waits for A's transaction; then A goes on.
    let settled = false;
    const second = syncUser(b.id, "button", bed.deps()).finally(() => (settled = true));
    const waiting = async () => {
      const [row] = await bed.counting.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
      return (row?.n ?? 0) > 0;
    };
    while (!settled && !(await waiting())) await new Promise((r) => setTimeout(r, 20));
    gate.resolve();
    expect(await first).toMatchObject({ status: "succeeded" });
    expect(await second).toMatchObject({ status: "succeeded" });

    const row = await bed.counting.db.section.findUniqueOrThrow({ where: { id: handedOver }, include: { teachers: true } });
    expect(row.archivedAt).toBeNull();
    expect(row.teachers.filter((t) => t.archivedAt === null).map((t) => t.teacherId)).toEqual([b.id]);
  });

  test("[security] a student whose email was taken mid-sync is still created and enrolled", async () => {
    const { a } = await coTeachers();
    const newStudent = "5e1ec7ab1e000000000d0004";
    const email = "mira.holt@students.sandbox.example";
    await putRecord("students", newStudent, { district: fixtures.district.id, school: fixtures.schoolElementary.id, name: { first: "Mira", last: "Holt" }, grade: "5", email });
    const record = await getRecord("sections", section);
    await putRecord("sections", section, { ...record, students: [...(record.students ?? []), newStudent] });

    // The email is free when the sync reads the state, and taken (committed elsewhere) before it writes.
    const db = hookedDb(bed.counting.db, {
      afterStateRead: async () => {
        await bed.counting.db.user.create({ data: { email, name: "Someone Else" } });
      },
    });
    expect(await syncUser(a.id, "button", { ...bed.deps(), db })).toMatchObject({ status: "succeeded", summary: "1 student added" });

    const student = await bed.counting.db.user.findUnique({ where: { cleverId: newStudent } });
    expect(student).toMatchObject({ role: "student", email, firstName: "Mira", lastName: "Holt" });
    expect(await enrollmentOf(newStudent)).toMatchObject({ archivedAt: null });
    // DSSO-04: an email is a contact detail; both keep it and nothing links the two.
    const holders = await bed.counting.db.user.findMany({ where: { email }, orderBy: { createdAt: "asc" } });
    expect(holders.map((u) => [u.name, u.cleverId])).toEqual([["Someone Else", null], ["Mira Holt", newStudent]]);
  });
});
