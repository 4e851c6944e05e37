// Deleting a person leaves no row of theirs and keeps a co-teacher's class.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { countingDb, type CountingDb } from "@/tests/support/sync-testbed";
import { liftDeletion } from "@/lib/people/deleted-ids";
import { deleteUser, findUsersToDelete } from "./delete-user";

let counting: CountingDb;
beforeAll(() => {
  counting = countingDb(process.env.DATABASE_URL ?? "");
});
afterAll(async () => {
  await counting?.close();
});
beforeEach(async () => {
  await counting.db.$executeRawUnsafe(`TRUNCATE "User", "Section", "School", "District", "CleverToken" CASCADE`);
});

describe("deleting a user", () => {
  test("[LIG-M7] everything of theirs goes; a class another teacher holds stays, with its students", async () => {
    const db = counting.db;
    const [ada, ben, kid] = await Promise.all([
      db.user.create({ data: { cleverId: "5e1ec7ab1e0000000000aa01", cleverLegacyIds: ["5e1ec7ab1e0000000000aa09"], role: "teacher", roles: ["teacher"], name: "Ada" } }),
      db.user.create({ data: { cleverId: "5e1ec7ab1e0000000000aa02", role: "teacher", roles: ["teacher"], name: "Ben" } }),
      db.user.create({ data: { cleverId: "5e1ec7ab1e0000000000aa03", role: "student", roles: ["student"], name: "Kid" } }),
    ]);
    await db.section.createMany({ data: [{ id: "5e1ec7ab1e0000000000bb01", name: "Ada alone" }, { id: "5e1ec7ab1e0000000000bb02", name: "Shared" }] });
    await db.sectionTeacher.createMany({
      data: [
        { sectionId: "5e1ec7ab1e0000000000bb01", teacherId: ada.id },
        { sectionId: "5e1ec7ab1e0000000000bb02", teacherId: ada.id },
        { sectionId: "5e1ec7ab1e0000000000bb02", teacherId: ben.id },
      ],
    });
    await db.enrollment.createMany({ data: [{ sectionId: "5e1ec7ab1e0000000000bb01", studentId: kid.id }, { sectionId: "5e1ec7ab1e0000000000bb02", studentId: kid.id }] });
    await db.sectionChoice.create({ data: { teacherId: ada.id, sectionId: "5e1ec7ab1e0000000000bb02" } });
    await db.session.create({ data: { sessionToken: "hash-of-ada", userId: ada.id, expires: new Date(Date.now() + 60_000) } });
    await db.cleverToken.create({ data: { userId: ada.id, ciphertext: "x", keyId: "k", expiresAt: new Date(Date.now() + 60_000) } });
    await db.syncRun.create({ data: { userId: ada.id, trigger: "login", outcome: "succeeded" } });

    // Found by a legacy Clever ID as well as by her own.
    expect((await findUsersToDelete(db, "5e1ec7ab1e0000000000aa09")).map((c) => c.id)).toEqual([ada.id]);
    expect(await deleteUser(db, ada.id)).toEqual({ userId: ada.id, classesDeleted: 1 });

    const left = await Promise.all([
      db.user.count({ where: { id: ada.id } }),
      db.session.count({ where: { userId: ada.id } }),
      db.cleverToken.count({ where: { userId: ada.id } }),
      db.sectionTeacher.count({ where: { teacherId: ada.id } }),
      db.sectionChoice.count({ where: { teacherId: ada.id } }),
      db.syncRun.count({ where: { userId: ada.id } }),
      db.section.count({ where: { id: "5e1ec7ab1e0000000000bb01" } }),
    ]);
    expect(left).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const shared = await db.section.findUniqueOrThrow({ where: { id: "5e1ec7ab1e0000000000bb02" }, include: { teachers: true, enrollments: true } });
    expect(shared.teachers.map((t) => t.teacherId)).toEqual([ben.id]);
    expect(shared.enrollments.map((e) => e.studentId)).toEqual([kid.id]);
    expect(await deleteUser(db, ada.id)).toBeNull();
  });

  test("[LIG-M7] an ID that names several people is ambiguous: every candidate is listed; a deletion remembers every Clever ID the person had that nobody else holds", async () => {
    const db = counting.db;
    const [one, two] = await Promise.all([
      db.user.create({ data: { cleverId: "5e1ec7ab1e0000000000cc01", role: "teacher", roles: ["teacher"], name: "One" } }),
      db.user.create({ data: { cleverId: "5e1ec7ab1e0000000000cc02", cleverLegacyIds: ["5e1ec7ab1e0000000000cc01"], role: "student", roles: ["student"], name: "Two" } }),
    ]);
    expect((await findUsersToDelete(db, "5e1ec7ab1e0000000000cc01")).map((c) => c.id).sort()).toEqual([one.id, two.id].sort());
    await deleteUser(db, two.id);
    expect((await db.deletedCleverId.findMany({ where: { cleverId: { in: ["5e1ec7ab1e0000000000cc01", "5e1ec7ab1e0000000000cc02", "5e1ec7ab1e0000000000cc03"] } }, select: { cleverId: true } })).map((d) => d.cleverId)).toEqual(["5e1ec7ab1e0000000000cc02"]);
    expect(await liftDeletion(db, "5e1ec7ab1e0000000000cc02")).toBe(true);
    expect(await liftDeletion(db, "5e1ec7ab1e0000000000cc02")).toBe(false);
  });
});
