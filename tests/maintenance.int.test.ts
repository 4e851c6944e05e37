import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { purgeExpired } from "@/lib/jobs/maintenance";

describe("purgeExpired", () => {
  afterAll(() => db.$disconnect());

  it("deletes expired sessions and Clever tokens, ends abandoned syncs, and keeps live ones", async () => {
    // The files share one database: start from no user, session or token of another file's.
    await db.$executeRawUnsafe(`TRUNCATE "User", "Session", "CleverToken", "SyncRun" CASCADE`);
    const now = new Date("2026-11-23T12:00:00Z");
    const user = await db.user.create({ data: { cleverId: "5fpurge00000000000000001", role: "teacher" } });
    await db.session.createMany({
      data: [
        { sessionToken: "expired-session", userId: user.id, expires: new Date(now.getTime() - 1000) },
        { sessionToken: "live-session", userId: user.id, expires: new Date(now.getTime() + 3600_000) },
      ],
    });
    await db.cleverToken.create({ data: { userId: user.id, ciphertext: "x", keyId: "k", expiresAt: new Date(now.getTime() - 1) } });

    // A sync that died mid-run, and one still within its deadline.
    const other = await db.user.create({ data: { cleverId: "5fpurge00000000000000002", role: "teacher" } });
    await db.syncRun.create({ data: { userId: user.id, trigger: "login", outcome: "running", startedAt: new Date(now.getTime() - 3600_000), deadlineAt: new Date(now.getTime() - 3500_000) } });
    await db.syncRun.create({ data: { userId: other.id, trigger: "button", outcome: "running", startedAt: now, deadlineAt: new Date(now.getTime() + 60_000) } });

    const result = await purgeExpired(now);
    expect(result.abandonedSyncs).toBe(1);
    expect(await db.syncRun.findFirst({ where: { userId: user.id, errorCode: "abandoned" } })).toMatchObject({ outcome: "failed" });
    expect(await db.syncRun.count({ where: { userId: other.id, outcome: "running" } })).toBe(1);
    expect(result.sessions).toBe(1);
    expect(result.cleverTokens).toBe(1);
    expect(await db.session.findMany({ where: { userId: user.id }, select: { sessionToken: true } })).toEqual([{ sessionToken: "live-session" }]);
    expect(await db.cleverToken.count({ where: { userId: user.id } })).toBe(0);
  });
});
