import { describe, expect, it } from "vitest";
import { decideMerge, joinRefusal, mergedProfile, type MergeCandidate, type ProfileFields } from "./merge-rules";

const clever: MergeCandidate = { id: "u-clever", cleverId: "c1", role: "teacher", passwordHash: null };
const password: MergeCandidate = { id: "u-pass", cleverId: null, role: "teacher", passwordHash: "$argon2id$..." };

describe("merge rules", () => {
  it("[LIB-07] [LIG-09] keeps the password account and absorbs the Clever one", () => {
    expect(decideMerge(clever, password)).toEqual({ ok: true, keepId: "u-pass", absorbId: "u-clever" });
  });

  it("[LIB-07] [LIG-09] allows an account already linked to the same Clever ID", () => {
    expect(decideMerge(clever, { ...password, cleverId: "c1" })).toMatchObject({ ok: true });
  });

  it("[LIB-07] [LIG-09] refuses an account linked to a different Clever ID", () => {
    expect(decideMerge(clever, { ...password, cleverId: "c2" })).toEqual({ ok: false, reason: "other_has_clever_id" });
  });

  it("[LIB-07] [LIG-09] refuses the same account, a different role and an account without a password", () => {
    expect(decideMerge(clever, clever)).toEqual({ ok: false, reason: "same_account" });
    expect(decideMerge(clever, { ...password, role: "student" })).toEqual({ ok: false, reason: "role_mismatch" });
    expect(decideMerge(clever, { ...password, passwordHash: null })).toEqual({ ok: false, reason: "no_password" });
  });

  it("[LIB-07] [LIG-09] allows a password account with no role yet", () => {
    expect(decideMerge(clever, { ...password, role: null })).toMatchObject({ ok: true });
  });
});

describe("merged profile", () => {
  const base: ProfileFields = {
    name: null,
    firstName: null,
    middleName: null,
    lastName: null,
    email: null,
    grade: null,
    role: null,
    subjects: [],
    grades: [],
    onboardingCompletedAt: null,
    trialEndsAt: null,
  };

  it("takes Clever's name, keeps the kept email, unites subjects and grades", () => {
    const kept = { ...base, name: "Old Name", email: "me@example.com", subjects: ["math"], grades: ["3"] };
    const absorbed = { ...base, name: "Ana Núñez", firstName: "Ana", email: "ana@sandbox.example", role: "teacher", subjects: ["science", "math"], grades: ["4"] };
    expect(mergedProfile(kept, absorbed)).toMatchObject({
      name: "Ana Núñez",
      firstName: "Ana",
      email: "me@example.com",
      role: "teacher",
      subjects: ["math", "science"],
      grades: ["3", "4"],
    });
  });

  it("uses Clever's email when the kept account has none, and the earlier trial end", () => {
    const early = new Date("2026-01-01");
    const late = new Date("2026-02-01");
    const merged = mergedProfile({ ...base, trialEndsAt: late }, { ...base, email: "x@y.z", trialEndsAt: early });
    expect(merged.email).toBe("x@y.z");
    expect(merged.trialEndsAt).toEqual(early);
    expect(mergedProfile({ ...base, trialEndsAt: late }, base).trialEndsAt).toEqual(late);
  });

  it("[security] a login joins two rows only where Clever's links can vouch: same district (or none), not both with passwords, not both with Clever logins", () => {
    const row = (id: string, extra: Partial<{ districtId: string | null; passwordHash: string | null; signedInWithClever: boolean }> = {}) => ({ id, districtId: null, passwordHash: null, signedInWithClever: false, ...extra });
    expect(joinRefusal(row("a", { districtId: "d1", signedInWithClever: true }), row("b", { districtId: "d1" }))).toBeNull();
    expect(joinRefusal(row("a", { districtId: "d1" }), row("b"))).toBeNull();
    expect(joinRefusal(row("a", { districtId: "d1" }), row("b", { districtId: "d2" }))).toBe("different_districts");
    expect(joinRefusal(row("a", { passwordHash: "x" }), row("b", { passwordHash: "y" }))).toBe("both_have_passwords");
    expect(joinRefusal(row("a", { signedInWithClever: true }), row("b", { signedInWithClever: true }))).toBe("both_signed_in_with_clever");
  });
});
