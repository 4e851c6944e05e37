// Database sessions end after the idle timeout or the absolute maximum, and
// are pushed forward (not on every request) while in use.
import { createHash } from "node:crypto";
import { afterAll, describe, expect, test } from "vitest";
import { db } from "@/lib/platform/db";
import { createSessionRow, idleMs, loadLiveSession, lookUpSession, maxMs, SESSION_UPDATE_AGE_SECONDS } from "./session-store";

async function newUser() {
  return db.user.create({ data: { name: "Sessión Tëst", role: "teacher" } });
}

afterAll(async () => {
  await db.$disconnect();
});

describe("session store", () => {
  test("[DSSO-Q3] a fresh session is live and a new token every time", async () => {
    const user = await newUser();
    const a = await createSessionRow(user.id);
    const b = await createSessionRow(user.id);
    expect(a.sessionToken).not.toBe(b.sessionToken);
    expect(a.sessionToken.length).toBeGreaterThanOrEqual(43);
    const live = await loadLiveSession(a.sessionToken);
    expect(live?.user.id).toBe(user.id);
  });

  test("[security] the session table holds only a hash of each token: a copied row signs nobody in", async () => {
    const user = await newUser();
    const session = await createSessionRow(user.id);
    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.sessionToken).not.toBe(session.sessionToken);
    expect(row.sessionToken).toBe(createHash("sha256").update(session.sessionToken).digest("hex"));
    expect(await loadLiveSession(row.sessionToken)).toBeNull();
    expect((await loadLiveSession(session.sessionToken))?.session.id).toBe(session.id);
  });

  test("[DSSO-Q3] an idle session ends and its row is deleted", async () => {
    const user = await newUser();
    const session = await createSessionRow(user.id);
    await db.session.update({ where: { id: session.id }, data: { expires: new Date(Date.now() - 1_000) } });
    expect(await loadLiveSession(session.sessionToken)).toBeNull();
    expect(await db.session.findUnique({ where: { id: session.id } })).toBeNull();
  });

  test("[DSSO-Q3] a session in use still ends after the maximum lifetime", async () => {
    const user = await newUser();
    const session = await createSessionRow(user.id);
    await db.session.update({ where: { id: session.id }, data: { createdAt: new Date(Date.now() - maxMs() - 1_000) } });
    expect(await loadLiveSession(session.sessionToken)).toBeNull();
    expect(await db.session.findUnique({ where: { id: session.id } })).toBeNull();
  });

  test("activity pushes the idle expiry forward, at most once per update age", async () => {
    const user = await newUser();
    const session = await createSessionRow(user.id);
    const stale = new Date(Date.now() + idleMs() - (SESSION_UPDATE_AGE_SECONDS + 30) * 1000);
    await db.session.update({ where: { id: session.id }, data: { expires: stale } });
    const extended = await loadLiveSession(session.sessionToken);
    expect(extended?.session.expires.getTime()).toBeGreaterThan(stale.getTime());
    const again = await loadLiveSession(session.sessionToken);
    expect(again?.session.expires.getTime()).toBe(extended?.session.expires.getTime());
  });

  test("[security] a person the district's roster no longer lists (archived) is signed out: their sessions end, a merged password account's too", async () => {
    const user = await newUser();
    const clever = await createSessionRow(user.id, { cleverLoginAt: new Date() });
    const password = await createSessionRow(user.id);
    expect(await loadLiveSession(clever.sessionToken)).not.toBeNull();
    await db.user.update({ where: { id: user.id }, data: { archivedAt: new Date() } });
    expect(await loadLiveSession(clever.sessionToken)).toBeNull();
    expect(await loadLiveSession(password.sessionToken)).toBeNull();
    expect(await db.session.count({ where: { userId: user.id, endedReason: null } })).toBe(0);
    // A request racing the first (a prefetch, a second tab) hears the same why, not "expired".
    expect(await lookUpSession(clever.sessionToken)).toEqual({ ended: "archived" });
    // Shared again in Clever: the ended sessions stay ended (a new login starts a new one).
    await db.user.update({ where: { id: user.id }, data: { archivedAt: null } });
    expect(await lookUpSession(clever.sessionToken)).toEqual({ ended: "archived" });
    expect(await loadLiveSession(password.sessionToken)).toBeNull();
  });

  test("[security] the old __Secure- cookie name still signs in a session that started under it, and no other: one planted later is no session", async () => {
    const user = await newUser();
    const before = await createSessionRow(user.id, { cleverLoginAt: new Date() });
    const after = await createSessionRow(user.id, { cleverLoginAt: new Date() });
    // What the upgrade's migration did to the sessions it found.
    await db.session.update({ where: { id: before.id }, data: { startedBeforeHostCookie: true } });
    expect((await loadLiveSession(before.sessionToken, { oldName: true }))?.session.id).toBe(before.id);
    expect(await lookUpSession(after.sessionToken, { oldName: true })).toBeNull();
    // Under today's name both count, and the refusal above ended nothing.
    expect((await loadLiveSession(after.sessionToken))?.session.id).toBe(after.id);
    expect((await loadLiveSession(before.sessionToken))?.session.id).toBe(before.id);
  });

  test("an unknown token is no session", async () => {
    expect(await loadLiveSession("no-such-token")).toBeNull();
  });
});
