// The sync against Clever as it is today (strict local Clever): a district
// token Clever refuses is fetched again at once, a Library teacher whom the
// district shares later keeps her Library classes, Library co-teachers are
// linked by ID without reading records a Library token may not read, and a
// rate limit that outlasts the sync says when to try again.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { fixtures } from "@/sandbox/fixtures";
import { syncUser } from "./sync";
import { openDistrictToken, saveDistrictToken } from "@/lib/people/tokens";
import { districtAppToken, dumpRoster, logIn, syncTestbed } from "@/tests/support/sync-testbed";

const bed = syncTestbed({ beforeAll, afterAll, beforeEach, databaseUrl: () => process.env.DATABASE_URL ?? "" });

const hex = (n: number) => `5e1ec7ab1e00${String(n).padStart(12, "0")}`;

async function linksOf(userId: string) {
  return bed.counting.db.sectionTeacher.findMany({ where: { teacherId: userId, archivedAt: null }, orderBy: { sectionId: "asc" } });
}

describe("district tokens", () => {
  test("[clever-today] a stored district token that Clever refuses is fetched again and the sync succeeds at once", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.teacher.id);
    const deps = bed.deps();
    await bed.counting.db.district.upsert({ where: { id: fixtures.district.id }, create: { id: fixtures.district.id, name: "x" }, update: {} });
    await saveDistrictToken(deps.db, deps, fixtures.district.id, "a-token-clever-no-longer-accepts");
    const result = await syncUser(user.id, "login", bed.deps());
    expect(result).toMatchObject({ status: "succeeded", source: "district_token" });
    const row = await bed.counting.db.cleverToken.findUniqueOrThrow({ where: { districtId: fixtures.district.id } });
    expect(openDistrictToken(deps, fixtures.district.id, row)).toBe(await districtAppToken(bed.sandbox));
    expect((await linksOf(user.id)).length).toBeGreaterThan(0);
  });

  test("[clever-today] a fresh district token refused too fails the sync (no loop), and is dropped", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.teacher.id);
    await bed.clever.addFault({ path: `/v2.0/teachers/${fixtures.teacher.id}`, status: 401 });
    const result = await syncUser(user.id, "login", bed.deps());
    expect(result).toMatchObject({ status: "failed", code: "unauthorized" });
    expect(await bed.counting.db.cleverToken.findUnique({ where: { districtId: fixtures.district.id } })).toBeNull();
  });
});

describe("shared both ways", () => {
  test("[clever-today] [SYNC-01] a Library teacher shared by the district later keeps her row, her Library classes and her choices, now district-shared", async () => {
    const teacherId = hex(1);
    const studentId = hex(2);
    const sectionId = hex(3);
    await bed.clever.putData("students", studentId, { name: { first: "Lu", last: "Both" }, grade: "3" });
    await bed.clever.putData("teachers", teacherId, { name: { first: "Bea", last: "Both" } });
    await bed.clever.putData("sections", sectionId, { name: "Library Garden", teacher: teacherId, teachers: [teacherId], students: [studentId] });
    const first = await logIn(bed.sandbox, bed.deps(), teacherId);
    expect(first.user).toMatchObject({ authorizedBy: "teacher", districtId: null });
    expect(await syncUser(first.user.id, "login", bed.deps())).toMatchObject({ status: "succeeded", source: "user_token" });
    await bed.counting.db.sectionChoice.update({ where: { teacherId_sectionId: { teacherId: first.user.id, sectionId } }, data: { shown: false } });

    await bed.clever.setSharing({ user: teacherId, shared_by: "district" });
    const second = await logIn(bed.sandbox, bed.deps(), teacherId);
    expect(second.created).toBe(false);
    expect(second.user).toMatchObject({ id: first.user.id, authorizedBy: "district", districtId: fixtures.district.id });
    expect(await syncUser(second.user.id, "login", bed.deps())).toMatchObject({ status: "succeeded", source: "district_token" });
    // The district token cannot see the Library class: it stays, with its student and the teacher's choice.
    expect((await linksOf(first.user.id)).map((l) => l.sectionId)).toEqual([sectionId]);
    expect(await bed.counting.db.enrollment.count({ where: { sectionId, archivedAt: null } })).toBe(1);
    expect(await bed.counting.db.sectionChoice.findUniqueOrThrow({ where: { teacherId_sectionId: { teacherId: first.user.id, sectionId } } })).toMatchObject({ shown: false });
    expect(await bed.counting.db.user.count({ where: { cleverId: teacherId } })).toBe(1);

    // And back: the district unshares her; she is a Library teacher again, nothing deleted.
    await bed.clever.setSharing({ user: teacherId, shared_by: "teacher" });
    const third = await logIn(bed.sandbox, bed.deps(), teacherId);
    expect(third.user).toMatchObject({ id: first.user.id, authorizedBy: "teacher", districtId: null });
    expect(await syncUser(third.user.id, "login", bed.deps())).toMatchObject({ status: "succeeded", source: "user_token" });
    expect((await linksOf(first.user.id)).map((l) => l.sectionId)).toEqual([sectionId]);
  });
});

describe("Library co-teachers", () => {
  test("[clever-today] [LIB-R09] Library co-teachers are linked by ID (their records are not Library-readable), named once they sign in, and never unlinked by each other's syncs", async () => {
    const rosa = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    expect(await syncUser(rosa.user.id, "login", bed.deps())).toMatchObject({ status: "succeeded" });
    const requests = await bed.clever.requests({ user: fixtures.libraryTeacher.id });
    expect(requests.every((r) => r.status === 200)).toBe(true);
    const sam = await bed.counting.db.user.findUniqueOrThrow({ where: { cleverId: fixtures.libraryTeacher2.id } });
    expect(sam).toMatchObject({ role: "teacher", name: null });
    const shared = fixtures.librarySection2.id;
    const teachersOfShared = async () =>
      (await bed.counting.db.sectionTeacher.findMany({ where: { sectionId: shared, archivedAt: null } })).map((l) => l.teacherId).sort();
    expect(await teachersOfShared()).toEqual([rosa.user.id, sam.id].sort());

    const samLogin = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher2.id);
    expect(samLogin).toMatchObject({ created: false, user: { id: sam.id, name: "Sam Okafor" } });
    expect(await syncUser(sam.id, "login", bed.deps())).toMatchObject({ status: "succeeded" });
    expect(await syncUser(rosa.user.id, "button", bed.deps())).toMatchObject({ status: "succeeded" });
    expect(await teachersOfShared()).toEqual([rosa.user.id, sam.id].sort());
    expect((await bed.counting.db.user.findUniqueOrThrow({ where: { id: sam.id } })).name).toBe("Sam Okafor");
  });
});

// The app keeps Clever's rate-limit windows per token for the process
// (lib/clever/rate-limit.ts): each test signs in afresh, with tokens of its own.
describe("rate limits", () => {
  test("[clever-today] a sync whose Clever window outlasts it fails at once, says when to try again, and changes nothing", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    await bed.clever.setRateLimit({ limit: 1, windowMs: 60_000, user: fixtures.libraryTeacher.id });
    const before = await dumpRoster(bed.counting.db);
    // Every wait the sync asks for goes through its retry policy's sleep.
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return new Promise<void>((resolve) => setTimeout(resolve, ms));
    };
    const result = await syncUser(user.id, "button", { ...bed.deps(), retry: { sleep } });
    expect(result).toMatchObject({ status: "failed", code: "rate_limited" });
    expect(result.status === "failed" && result.message).toMatch(/try again in \d+ (seconds?|minutes?)/);
    // It did not sit out the minute: the window ends after the sync's
    // deadline, so whatever it waited (a retry's backoff) stayed inside that deadline.
    const deadlineMs = bed.deps().deadlineMs;
    expect(waits.reduce((total, ms) => total + ms, 0)).toBeLessThan(deadlineMs);
    expect(deadlineMs).toBeLessThan(60_000);
    expect(await dumpRoster(bed.counting.db)).toEqual(before);
  });

  test("[clever-today] a sync at the limit is paced through short windows and succeeds", async () => {
    const { user } = await logIn(bed.sandbox, bed.deps(), fixtures.libraryTeacher.id);
    await bed.clever.setRateLimit({ limit: 3, windowMs: 1_000, user: fixtures.libraryTeacher.id });
    await bed.clever.clearRequests();
    expect(await syncUser(user.id, "button", bed.deps())).toMatchObject({ status: "succeeded" });
    const requests = await bed.clever.requests({ user: fixtures.libraryTeacher.id });
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((r) => r.status === 429)).toEqual([]);
  });
});
