// The merge transaction against a real PostgreSQL: both sides' rows survive,
// and a different Clever ID is refused with nothing changed.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { createTokenVault } from "@/lib/platform/token-vault";
import { env } from "@/lib/platform/env";
import { storeUserToken, userToken } from "@/lib/people/tokens";
import { mergeAccounts } from "./merge";
import { hashPassword } from "./passwords";

afterAll(() => db.$disconnect());

const vaultDeps = { vault: createTokenVault(env().TOKEN_ENCRYPTION_KEYS), now: () => new Date() };

let seq = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${++seq}`;

async function section(name: string) {
  return db.section.create({ data: { id: unique("sec"), name, subject: "math", grade: "3" } });
}

async function passwordTeacher() {
  return db.user.create({
    data: {
      name: "Ana (password)",
      email: `${unique("ana")}@example.com`,
      role: "teacher",
      passwordHash: await hashPassword("demo-password-123"),
      subjects: ["math"],
      grades: ["3"],
      createdAt: new Date("2024-01-02T03:04:05Z"),
    },
  });
}

async function cleverTeacher(email: string | null = null) {
  return db.user.create({
    data: {
      cleverId: unique("clever"),
      name: "Ana Núñez",
      firstName: "Ana",
      lastName: "Núñez",
      email,
      role: "teacher",
      authorizedBy: "teacher",
      trialEndsAt: new Date("2027-01-01T00:00:00Z"),
      subjects: ["science"],
    },
  });
}

describe("merging a Clever account into a password account", () => {
  it("[LIB-07] [LIG-08] [SYNC-02] keeps both accounts' data under the password account's id", async () => {
    const kept = await passwordTeacher();
    const clever = await cleverTeacher(`${unique("ana-clever")}@sandbox.example`);
    const [own, synced, shared] = await Promise.all([section("Own class"), section("Synced class"), section("Shared class")]);
    await db.sectionChoice.create({ data: { teacherId: kept.id, sectionId: own.id, shown: false, seenAt: new Date() } });
    await db.sectionTeacher.createMany({
      data: [
        { sectionId: synced.id, teacherId: clever.id, isPrimary: true },
        { sectionId: shared.id, teacherId: clever.id },
        { sectionId: shared.id, teacherId: kept.id, archivedAt: new Date() },
      ],
    });
    await db.sectionChoice.createMany({
      data: [
        { teacherId: clever.id, sectionId: synced.id, shown: true },
        { teacherId: clever.id, sectionId: own.id, shown: true },
      ],
    });
    await db.syncRun.create({ data: { userId: clever.id, trigger: "login", outcome: "succeeded", finishedAt: new Date() } });
    await db.account.create({ data: { userId: clever.id, type: "oidc", provider: "clever", providerAccountId: clever.cleverId ?? "" } });
    await storeUserToken(db, vaultDeps, clever.id, "clever-user-token-Ñ-1");

    const result = await mergeAccounts(clever.id, kept.id);
    expect(result.ok).toBe(true);

    const user = await db.user.findUniqueOrThrow({ where: { id: kept.id } });
    expect(user.createdAt).toEqual(kept.createdAt);
    expect(user.cleverId).toBe(clever.cleverId);
    expect(user.email).toBe(kept.email);
    expect(user.passwordHash).toBe(kept.passwordHash);
    expect(user.name).toBe("Ana Núñez");
    expect(user.authorizedBy).toBe("teacher");
    expect(user.trialEndsAt).toEqual(clever.trialEndsAt);
    expect(user.subjects.sort()).toEqual(["math", "science"]);
    expect(user.grades).toEqual(["3"]);
    expect(await db.user.findUnique({ where: { id: clever.id } })).toBeNull();

    const taught = await db.sectionTeacher.findMany({ where: { teacherId: kept.id }, orderBy: { sectionId: "asc" } });
    expect(taught.map((row) => row.sectionId).sort()).toEqual([synced.id, shared.id].sort());
    expect(taught.every((row) => row.archivedAt === null)).toBe(true);
    const choices = await db.sectionChoice.findMany({ where: { teacherId: kept.id } });
    expect(choices.find((c) => c.sectionId === own.id)?.shown).toBe(false);
    expect(choices.map((c) => c.sectionId).sort()).toEqual([own.id, synced.id].sort());
    expect(await db.syncRun.count({ where: { userId: kept.id } })).toBe(1);
    expect(await db.account.count({ where: { userId: kept.id, provider: "clever" } })).toBe(1);
    expect(await db.cleverToken.count({ where: { userId: kept.id } })).toBe(1);
  });

  it("[LIB-07] [LIG-08] [SYNC-02] a sync still running for the absorbed account ends with it: its running row is not moved", async () => {
    const kept = await passwordTeacher();
    const clever = await cleverTeacher();
    const deadlineAt = new Date(Date.now() + 60_000);
    await db.syncRun.create({ data: { userId: clever.id, trigger: "login", outcome: "succeeded", finishedAt: new Date() } });
    await db.syncRun.create({ data: { userId: clever.id, trigger: "login", outcome: "running", deadlineAt } });
    const result = await mergeAccounts(clever.id, kept.id, vaultDeps.vault);
    expect(result.ok).toBe(true);
    const runs = await db.syncRun.findMany({ where: { userId: kept.id } });
    expect(runs.map((r) => r.outcome)).toEqual(["succeeded"]);
  });

  it("[LIB-07] [LIG-08] [SYNC-02] [security] the merged account's Clever token stays readable (sealed anew for the kept account)", async () => {
    const kept = await passwordTeacher();
    const clever = await cleverTeacher();
    await storeUserToken(db, vaultDeps, clever.id, "clever-user-token-2");
    const result = await mergeAccounts(clever.id, kept.id, vaultDeps.vault);
    expect(result.ok).toBe(true);
    // The next sync reads the token as the kept account, not "sign in again".
    expect(await userToken(db, vaultDeps, kept.id)).toBe("clever-user-token-2");
    const row = await db.cleverToken.findUniqueOrThrow({ where: { userId: kept.id } });
    expect(() => vaultDeps.vault.decrypt(row, `user:${clever.id}`)).toThrow();
  });

  it("[LIB-07] [LIG-08] [SYNC-02] [LIG-09] keeps a student's enrollments from both accounts", async () => {
    const kept = await db.user.create({ data: { email: `${unique("kai")}@example.com`, role: "student", passwordHash: await hashPassword("pw-1234567890") } });
    const clever = await db.user.create({ data: { cleverId: unique("clever"), role: "student", name: "Kai", grade: "4" } });
    const [a, b] = await Promise.all([section("A"), section("B")]);
    await db.enrollment.createMany({ data: [{ sectionId: a.id, studentId: kept.id }, { sectionId: a.id, studentId: clever.id }, { sectionId: b.id, studentId: clever.id }] });
    const result = await mergeAccounts(clever.id, kept.id);
    expect(result.ok).toBe(true);
    const enrolled = await db.enrollment.findMany({ where: { studentId: kept.id } });
    expect(enrolled.map((e) => e.sectionId).sort()).toEqual([a.id, b.id].sort());
    expect((await db.user.findUniqueOrThrow({ where: { id: kept.id } })).grade).toBe("4");
  });

  it("[LIB-07] [LIG-08] [SYNC-02] refuses when the other account has a different Clever ID, changing nothing", async () => {
    const other = await db.user.create({
      data: { cleverId: unique("clever-other"), email: `${unique("o")}@example.com`, role: "teacher", passwordHash: await hashPassword("pw-1234567890") },
    });
    const clever = await cleverTeacher();
    const s = await section("Mine");
    await db.sectionTeacher.create({ data: { sectionId: s.id, teacherId: clever.id } });
    const result = await mergeAccounts(clever.id, other.id);
    expect(result).toEqual({ ok: false, reason: "other_has_clever_id" });
    expect(await db.user.findUniqueOrThrow({ where: { id: clever.id } })).toMatchObject({ cleverId: clever.cleverId });
    expect(await db.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ cleverId: other.cleverId });
    expect(await db.sectionTeacher.count({ where: { teacherId: clever.id } })).toBe(1);
  });
});
