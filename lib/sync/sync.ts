// The roster sync of one user (LIG-03, LIG-04, LIB-12): read everything from
// Clever, then write the differences in one transaction, so a failure halfway
// leaves the previous data exactly as it was. Concurrent syncs of one user
// (double click, two tabs, login + button): a lease row lets one run and the
// others report "already running" without a database connection held while
// Clever answers; a transaction-scoped advisory lock (pg_try_advisory_xact_lock)
// guards the writes themselves. Every run is recorded in SyncRun.
import { randomInt } from "node:crypto";
import { CleverApiError, createCleverClient } from "@/lib/clever/client";
import { Prisma, type SyncSource, type SyncTrigger } from "@/lib/generated/prisma/client";
import { log, newReference } from "@/lib/log";
import { applySnapshot } from "./apply";
import { defaultDeps, type Db, type SyncDeps } from "./deps";
import { fetchSnapshot } from "./fetch";
import { type Counts, summarize } from "./summary";
import { fetchDistrictToken, forgetDistrictToken, saveDistrictToken } from "./tokens";

export type SyncRunResult =
  | { status: "succeeded"; runId: string; summary: string; counts: Counts; source: SyncSource; finishedAt: Date }
  | { status: "failed"; runId: string; reference: string; code: string; message: string }
  | { status: "already_running" };

/** Advisory-lock namespace (first key) for syncs; the second key is the user. */
const LOCK_NAMESPACE = 5_201;

export class SyncError extends Error {
  constructor(
    readonly code: "no_user" | "no_token",
    message: string,
  ) {
    super(message);
    this.name = "SyncError";
  }
}

interface Who {
  id: string;
  cleverId: string | null;
  role: "teacher" | "student" | "school_admin" | "district_admin" | null;
  authorizedBy: "teacher" | "district" | null;
  districtId: string | null;
  userCiphertext: string | null;
  userKeyId: string | null;
  userExpiresAt: Date | null;
  districtCiphertext: string | null;
  districtKeyId: string | null;
  districtExpiresAt: Date | null;
}

/** The user and both candidate tokens in one statement. */
async function loadWho(db: Db, userId: string): Promise<Who | undefined> {
  const rows = await db.$queryRaw<Who[]>(Prisma.sql`
    SELECT u.id, u."cleverId", u.role::text AS role, u."authorizedBy"::text AS "authorizedBy", u."districtId",
      ut.ciphertext AS "userCiphertext", ut."keyId" AS "userKeyId", ut."expiresAt" AS "userExpiresAt",
      dt.ciphertext AS "districtCiphertext", dt."keyId" AS "districtKeyId", dt."expiresAt" AS "districtExpiresAt"
    FROM "User" u
    LEFT JOIN "CleverToken" ut ON ut."userId" = u.id
    LEFT JOIN "CleverToken" dt ON dt."districtId" = u."districtId"
    WHERE u.id = ${userId}`);
  return rows[0];
}

function open(deps: SyncDeps, ciphertext: string | null, keyId: string | null, expiresAt: Date | null, context: string): string | null {
  if (!ciphertext || !keyId || !expiresAt || expiresAt <= deps.now()) return null;
  try {
    return deps.vault.decrypt({ ciphertext, keyId }, context);
  } catch {
    return null;
  }
}

/** Library users are read with their own token; district-shared users with the
 * district-app token, else with what their own token can read (themselves). */
async function chooseAccess(deps: SyncDeps, who: Who, deadline: number) {
  const retry = { ...deps.retry, deadline };
  const common = { baseUrl: deps.apiUrl, retry, timeoutMs: Math.min(15_000, deps.deadlineMs) };
  if (who.authorizedBy === "district" && who.districtId) {
    let district = open(deps, who.districtCiphertext, who.districtKeyId, who.districtExpiresAt, `district:${who.districtId}`);
    let saving: Promise<void> | undefined;
    if (district === null) {
      district = await fetchDistrictToken(deps, who.districtId);
      // Stored on another connection while the sync reads Clever.
      if (district !== null) saving = saveDistrictToken(deps.db, deps, who.districtId, district);
      else if (who.districtCiphertext) saving = forgetDistrictToken(deps.db, who.districtId).catch(() => undefined);
    }
    if (district) {
      return { client: createCleverClient({ token: district, tokenKind: "district", ...common }), source: "district_token" as const, rosterReadable: true, saving };
    }
  }
  const own = open(deps, who.userCiphertext, who.userKeyId, who.userExpiresAt, `user:${who.id}`);
  if (!own) throw new SyncError("no_token", "no valid Clever token for this user: they must sign in with Clever again");
  return {
    client: createCleverClient({ token: own, tokenKind: "user", ...common }),
    source: "user_token" as const,
    rosterReadable: who.authorizedBy !== "district",
    saving: undefined,
  };
}

const friendly: Record<string, string> = {
  no_token: "Your Clever sign-in has expired. Sign in with Clever again to sync your classes.",
  rate_limited: "Clever is busy right now. Please try again in a minute.",
  unreachable: "We couldn't reach Clever. Please try again in a minute.",
  timeout: "Clever took too long to answer. Please try again in a minute.",
  server_error: "Clever had a problem answering. Please try again in a minute.",
  malformed_response: "Clever sent data we couldn't read, so nothing was changed. Please try again later.",
};

export async function syncUser(userId: string, trigger: SyncTrigger, overrides: Partial<SyncDeps> = {}): Promise<SyncRunResult> {
  const deps = await defaultDeps(overrides);
  const startedAt = deps.now();
  const deadline = Date.now() + deps.deadlineMs;
  let source: SyncSource | null = null;
  let districtId: string | null = null;

  // A lease row claims the sync for this user before Clever is asked anything,
  // so concurrent syncs neither read Clever twice nor hold a database
  // connection while waiting on it; the advisory lock below guards the writes.
  const lease = randomInt(1, 2 ** 31 - 1);
  if (!(await claimLease(deps, userId, startedAt, lease))) return { status: "already_running" };

  try {
    const who = await loadWho(deps.db, userId);
    if (!who?.cleverId || !who.role) throw new SyncError("no_user", "not a Clever user");
    districtId = who.districtId;
    const access = await chooseAccess(deps, who, deadline);
    source = access.source;
    // Phase 1: read everything from Clever. Phase 2: write the differences in one transaction.
    // Real time, not deps.now: it is compared with the updatedAt Prisma stamps (see apply.ts).
    const snapshotAt = new Date();
    const snapshot = await fetchSnapshot({
      client: access.client,
      cleverId: who.cleverId,
      role: who.role,
      districtId: who.districtId,
      rosterReadable: access.rosterReadable,
      concurrency: deps.concurrency,
    });
    const cleverId = who.cleverId;
    const outcome = await deps.db.$transaction(
      async (tx) => {
        const [lock] = await tx.$queryRaw<{ locked: boolean }[]>(
          Prisma.sql`SELECT pg_try_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${userId})) AS locked`,
        );
        if (!lock?.locked) return null;
        const counts = await applySnapshot(tx, { userId, cleverId, authorizedBy: who.authorizedBy, snapshot, now: deps.now(), snapshotAt });
        return { counts, kind: snapshot.kind };
      },
      { maxWait: 10_000, timeout: 30_000 },
    );
    await access.saving;
    if (outcome === null) return { status: "already_running" };

    const finishedAt = deps.now();
    const summary = summarize(outcome.counts, outcome.kind);
    const { created, updated, archived, restored } = outcome.counts;
    const run = await deps.db.syncRun.create({
      data: { userId, trigger, source, startedAt, finishedAt, created, updated, archived, restored, outcome: "succeeded", summary },
      select: { id: true },
    });
    const finalSource: SyncSource = source ?? "user_token";
    return { status: "succeeded", runId: run.id, summary, counts: outcome.counts, source: finalSource, finishedAt };
  } catch (error) {
    const reference = newReference();
    const code = error instanceof CleverApiError || error instanceof SyncError ? error.code : "internal";
    log.error(
      { reference, userId, trigger, source, errorCode: code, endpoint: error instanceof CleverApiError ? error.details.endpoint : undefined, reason: error instanceof Error ? error.message : String(error) },
      "roster sync failed; nothing was written",
    );
    // A district token Clever no longer accepts is dropped; the next sync asks for a fresh one.
    if (error instanceof CleverApiError && error.code === "unauthorized" && source === "district_token" && districtId) {
      await forgetDistrictToken(deps.db, districtId).catch(() => undefined);
    }
    const run = await deps.db.syncRun
      .create({
        data: { userId, trigger, source, startedAt, finishedAt: deps.now(), outcome: "failed", errorRef: reference, errorCode: code },
        select: { id: true },
      })
      .catch(() => ({ id: "" }));
    const message = friendly[code] ?? "Something went wrong while syncing with Clever. Your classes were not changed.";
    return { status: "failed", runId: run.id, reference, code, message };
  } finally {
    await releaseLease(deps, userId, lease);
  }
}

const leaseKey = (userId: string) => `sync-lease:${userId}`;

/** Claims the user's sync lease (a RateLimit row) unless a live one exists;
 * a lease older than the longest possible sync is a crashed run's and is taken over. */
async function claimLease(deps: SyncDeps, userId: string, startedAt: Date, lease: number): Promise<boolean> {
  const staleBefore = new Date(startedAt.getTime() - deps.deadlineMs - 60_000);
  const rows = await deps.db.$queryRaw<{ key: string }[]>(Prisma.sql`
    INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES (${leaseKey(userId)}, ${lease}, ${startedAt})
    ON CONFLICT ("key") DO UPDATE SET "count" = EXCLUDED."count", "windowStart" = EXCLUDED."windowStart"
      WHERE "RateLimit"."windowStart" < ${staleBefore}
    RETURNING "key"`);
  return rows.length > 0;
}

/** Drops the lease, only if it is still ours (the count column holds our random lease number). */
async function releaseLease(deps: SyncDeps, userId: string, lease: number): Promise<void> {
  await deps.db.rateLimit.deleteMany({ where: { key: leaseKey(userId), count: lease } }).catch(() => undefined);
}
