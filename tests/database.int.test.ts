// The schema's guarantees, checked against a real PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createDatabase, dropDatabase, migrate } from "../scripts/lib/postgres";
import { db } from "@/lib/platform/db";

const url = process.env.DATABASE_URL ?? "";

describe("migrations", () => {
  const name = `migrations_${Date.now()}`;
  afterAll(() => dropDatabase(url, name));

  it("apply to an empty database, and re-applying is a no-op", async () => {
    const fresh = await createDatabase(url, name);
    migrate(fresh);
    const client = new pg.Client({ connectionString: fresh });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(
        expect.arrayContaining(["User", "Account", "Session", "VerificationToken", "District", "School", "Section", "SectionTeacher", "Enrollment", "SectionChoice", "SyncRun"]),
      );
      const before = await client.query("SELECT id, checksum, finished_at FROM _prisma_migrations ORDER BY id");
      migrate(fresh);
      const after = await client.query("SELECT id, checksum, finished_at FROM _prisma_migrations ORDER BY id");
      expect(after.rows).toEqual(before.rows);
    } finally {
      await client.end();
    }
  }, 240_000);
});

describe("records are keyed by Clever ID and cannot be duplicated", () => {
  afterAll(() => db.$disconnect());

  it("[LIG-05] rejects a second user with the same Clever ID", async () => {
    await db.user.create({ data: { cleverId: "5f0000000000000000000001", name: "Ana" } });
    await expect(db.user.create({ data: { cleverId: "5f0000000000000000000001", name: "Ana again" } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("[LIG-05] rejects a second section with the same Clever ID", async () => {
    await db.section.create({ data: { id: "5f00000000000000000000a1", name: "Math 1" } });
    await expect(db.section.create({ data: { id: "5f00000000000000000000a1", name: "Math 1 (copy)" } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("[LIG-05] rejects a duplicate enrollment and a duplicate co-teacher row", async () => {
    const student = await db.user.create({ data: { cleverId: "5f0000000000000000000002", role: "student" } });
    const teacher = await db.user.create({ data: { cleverId: "5f0000000000000000000003", role: "teacher" } });
    await db.enrollment.create({ data: { sectionId: "5f00000000000000000000a1", studentId: student.id } });
    await expect(db.enrollment.create({ data: { sectionId: "5f00000000000000000000a1", studentId: student.id } })).rejects.toMatchObject({ code: "P2002" });
    await db.sectionTeacher.create({ data: { sectionId: "5f00000000000000000000a1", teacherId: teacher.id, isPrimary: true } });
    await expect(db.sectionTeacher.create({ data: { sectionId: "5f00000000000000000000a1", teacherId: teacher.id } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("[LIG-05] rejects an enrollment in a section that does not exist", async () => {
    const student = await db.user.create({ data: { cleverId: "5f0000000000000000000004", role: "student" } });
    await expect(db.enrollment.create({ data: { sectionId: "does-not-exist", studentId: student.id } })).rejects.toMatchObject({ code: "P2003" });
  });

  it("[LIG-05] keeps UTF-8 names byte for byte, NFC and NFD alike", async () => {
    const nfc = "Ñandú é".normalize("NFC");
    const nfd = "Ñandú é".normalize("NFD");
    const a = await db.user.create({ data: { cleverId: "5f0000000000000000000005", name: nfc } });
    const b = await db.user.create({ data: { cleverId: "5f0000000000000000000006", name: nfd } });
    expect((await db.user.findUniqueOrThrow({ where: { id: a.id } })).name).toBe(nfc);
    expect((await db.user.findUniqueOrThrow({ where: { id: b.id } })).name).toBe(nfd);
    expect(nfc).not.toBe(nfd);
  });
});
