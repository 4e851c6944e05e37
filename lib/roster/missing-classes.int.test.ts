// "Don't see a class?" against a real PostgreSQL: which reasons apply.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { missingClassReasons } from "./missing-classes";

afterAll(() => db.$disconnect());

let seq = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${++seq}`;
const now = new Date("2026-03-01T12:00:00Z");

const teacher = () => db.user.create({ data: { cleverId: unique("t"), role: "teacher", roles: ["teacher"], firstName: "Tía", lastName: "Núñez" } });
const section = (name: string, archivedAt?: Date) => db.section.create({ data: { id: unique("sec"), name, archivedAt } });

describe("missingClassReasons", () => {
  it("[LIB-R07] [roster-trust] a teacher with nothing wrong gets only the fallback, with their Clever ID", async () => {
    const t = await teacher();
    const shown = await section("Shown");
    await db.sectionTeacher.create({ data: { sectionId: shown.id, teacherId: t.id } });
    await db.cleverToken.create({ data: { userId: t.id, ciphertext: "x", keyId: "k", expiresAt: new Date("2026-03-02T00:00:00Z") } });
    await db.syncRun.create({ data: { userId: t.id, trigger: "login", outcome: "succeeded", finishedAt: now } });
    expect(await missingClassReasons(t.id, now)).toEqual({ hidden: [], archived: [], lastSyncFailed: null, tokenExpired: false, cleverId: t.cleverId });
  });

  it("[LIB-R07] [LIB-R06] [roster-trust] hidden, archived (class or the teacher's link), a failed sync and an expired token", async () => {
    const t = await teacher();
    const [hidden, gone, unlinked, other] = await Promise.all([section("Hidden class"), section("Gone class", new Date("2026-02-01T00:00:00Z")), section("Unlinked class"), section("Someone else's")]);
    await db.sectionTeacher.createMany({
      data: [
        { sectionId: hidden.id, teacherId: t.id },
        { sectionId: gone.id, teacherId: t.id },
        { sectionId: unlinked.id, teacherId: t.id, archivedAt: new Date("2026-02-10T00:00:00Z") },
      ],
    });
    await db.sectionChoice.createMany({ data: [{ teacherId: t.id, sectionId: hidden.id, shown: false }, { teacherId: t.id, sectionId: other.id, shown: false }] });
    await db.cleverToken.create({ data: { userId: t.id, ciphertext: "x", keyId: "k", expiresAt: new Date("2026-02-28T00:00:00Z") } });
    await db.syncRun.create({ data: { userId: t.id, trigger: "button", outcome: "failed", errorRef: "ERR-ABC234", errorCode: "server_error", startedAt: now, finishedAt: now } });
    const reasons = await missingClassReasons(t.id, now);
    expect(reasons.hidden).toEqual([{ id: hidden.id, name: "Hidden class" }]);
    expect(reasons.archived.map((a) => [a.name, a.archivedAt.toISOString()])).toEqual([
      ["Unlinked class", "2026-02-10T00:00:00.000Z"],
      ["Gone class", "2026-02-01T00:00:00.000Z"],
    ]);
    expect(reasons.lastSyncFailed).toMatchObject({ reference: "ERR-ABC234", code: "server_error", reason: "Clever had a problem answering. Please try again in a minute." });
    expect(reasons.tokenExpired).toBe(true);
  });

  it("[LIB-R06] [roster-trust] a sync that failed for want of a token is the reconnect reason, not a failure to retry", async () => {
    const t = await teacher();
    await db.syncRun.create({ data: { userId: t.id, trigger: "button", outcome: "failed", errorRef: "ERR-XYZ234", errorCode: "no_token", finishedAt: now } });
    expect(await missingClassReasons(t.id, now)).toMatchObject({ lastSyncFailed: null, tokenExpired: true });
    // The reconnect stores a fresh token: the reason goes before the login's sync has finished.
    await db.cleverToken.create({ data: { userId: t.id, ciphertext: "x", keyId: "k", expiresAt: new Date(now.getTime() + 3_600_000), createdAt: new Date(now.getTime() + 1_000) } });
    expect(await missingClassReasons(t.id, now)).toMatchObject({ lastSyncFailed: null, tokenExpired: false });
  });

  it("[LIB-R06] [roster-trust] a Library teacher whose token was swept must reconnect; a district-shared one syncs with the district's token", async () => {
    const library = await teacher();
    expect((await missingClassReasons(library.id, now)).tokenExpired).toBe(true);
    const district = await db.district.create({ data: { id: unique("d"), name: "Distrito Ñ" } });
    const shared = await db.user.update({ where: { id: (await teacher()).id }, data: { authorizedBy: "district", districtId: district.id } });
    await db.cleverToken.create({ data: { userId: shared.id, ciphertext: "x", keyId: "k", expiresAt: new Date("2026-02-28T00:00:00Z") } });
    expect((await missingClassReasons(shared.id, now)).tokenExpired).toBe(false);
    // A password account never had a Clever sign-in to expire.
    const password = await db.user.create({ data: { role: "teacher", roles: ["teacher"], firstName: "Pat", lastName: "Password" } });
    expect((await missingClassReasons(password.id, now)).tokenExpired).toBe(false);
  });
});
