// A district's full roster sync, with its district-app token: schools, terms,
// users by role (v2.1's per-type lists or v3.1's /users?role=…, the client
// hides which) and sections, at Clever's page limit, one page at a time, and
// each page parsed as it is written, a batch at a time (../../clever/list-page.ts),
// so memory holds a page's bytes (two while the next page is asked for,
// during the last statements of this one, except between section pages, the
// largest) and two batches of its records whatever the district's size. Each
// page is written
// in its own transaction together with the sync's place (DistrictSync: step
// and last ID), so a crash or a deploy resumes at the next page, and a page
// written twice writes nothing the second time. The place is moved by
// compare-and-swap: two workers on one district cannot both write a page.
//
// Before the first page, the newest event's ID is saved: what changes while
// the sync reads is applied from the Events feed afterwards (./events.ts).
//
// Nothing is archived page by page: each page records what it would archive,
// and the last page's transaction archives it all, or holds it when it is an
// unusual share of the district (./hold.ts, DISTRICT_HOLD_PERCENT).
import type { CleverClient, RosterKind, SyncDeps } from "@/lib/clever";
import { Prisma } from "@/lib/generated/prisma/client";
import { env, log } from "@/lib/platform";
import { districtClient } from "./access";
import { forgetAllCandidates, settleCandidates, type Settled } from "./hold";
import { newestEventId } from "./events";
import { FULL_SYNC_STEPS, type FullSyncReason } from "./steps";
import { PAGE_TRANSACTION_MS, recordFailure, type SliceOptions } from "./state";
import { noRows, pageWriter, type RowCounts, rowsWritten } from "./write";


export type FullSyncOutcome =
  /** `held`: done, and what it would archive is held for review (its reference). */
  | { status: "done"; counts: RowCounts; pages: number; held?: string }
  | { status: "paused"; counts: RowCounts; pages: number }
  | { status: "taken_over"; counts: RowCounts; pages: number };

/** Thrown inside a page's transaction when another worker moved the place first. */
class PlaceTaken extends Error {}

/** A page asked of Clever: where, when (real time, as the updatedAt stamps
 * it is compared with: section-locks.ts), and its answer. */
type Page = Awaited<ReturnType<CleverClient["rosterPage"]>>;
interface Ahead {
  step: RosterKind;
  cursor: string | null;
  readAt: Date;
  page: Promise<Page>;
}

/** The page asked ahead, if it is the one wanted. */
const aheadFor = (ahead: Ahead | null, step: RosterKind, cursor: string | null): Ahead | null => (ahead?.step === step && ahead.cursor === cursor ? ahead : null);

function askPage(client: CleverClient, step: RosterKind, cursor: string | null): Ahead {
  const page = client.rosterPage(step, cursor ?? undefined);
  // Awaited when its turn comes; one never used (the sync stopped) fails quietly.
  page.catch(() => undefined);
  return { step, cursor, readAt: new Date(), page };
}

/** The district's row (its name from Clever), so its sync state can refer to it. */
async function ensureDistrict(deps: SyncDeps, client: CleverClient, districtId: string): Promise<void> {
  const known = await deps.db.district.findUnique({ where: { id: districtId }, select: { name: true } });
  const district = await client.district(districtId);
  const name = district.name ?? "";
  if (!known) await deps.db.district.upsert({ where: { id: districtId }, create: { id: districtId, name }, update: {} });
  else if (known.name !== name) await deps.db.district.update({ where: { id: districtId }, data: { name } });
}

/** Runs (or resumes) the district's full sync until it is done or the slice
 * ends. A new one records why it runs (`reason`; a resumed one keeps its own).
 * `holdPercent`: the share that holds its archives (else DISTRICT_HOLD_PERCENT). */
export async function runFullSync(deps: SyncDeps, districtId: string, options: SliceOptions & { reason?: FullSyncReason; holdPercent?: number }): Promise<FullSyncOutcome> {
  const counts = noRows();
  let pages = 0;
  try {
    const client = await districtClient(deps, districtId, options.until);
    let state = await deps.db.districtSync.findUnique({ where: { districtId } });
    if (!state?.fullStep) {
      await ensureDistrict(deps, client, districtId);
      const eventCursor = await newestEventId(client);
      const reason = options.reason ?? (state?.lastFullSyncAt ? "daily" : "first");
      const start = {
        fullStep: FULL_SYNC_STEPS[0],
        fullCursor: null,
        fullStartedAt: deps.now(),
        fullSyncReason: reason,
        lastRowsWritten: 0,
        // A new full sync starts afresh: a hold standing is replaced by whatever this one finds.
        heldAt: null,
        holdRef: null,
        holdCounts: Prisma.DbNull,
        ...(eventCursor.known ? { eventCursor: eventCursor.id } : {}),
      };
      const replaced = state?.holdRef ?? null;
      state = await deps.db.$transaction(async (tx) => {
        await forgetAllCandidates(tx, districtId);
        return tx.districtSync.upsert({ where: { districtId }, create: { districtId, ...start }, update: start });
      });
      log.info({ districtId, reason, ...(replaced ? { replacesHold: replaced } : {}) }, "district full sync started");
    }
    const syncStartedAt = state.fullStartedAt ?? deps.now();
    const holdPercent = options.holdPercent ?? env().DISTRICT_HOLD_PERCENT;
    let settled: Settled | null = null;
    let step = state.fullStep as RosterKind | null;
    let cursor = state.fullCursor;
    // The next page, asked of Clever once this one is parsed (its last ID is
    // the next cursor), while this one's last statements and commit run.
    let ahead: Ahead | null = null;
    while (step !== null) {
      if (Date.now() >= options.until || options.signal?.aborted) return { status: "paused", counts, pages };
      // (`ahead` is set inside the last page's transaction: TypeScript cannot see that.)
      let fetched: Ahead | null = aheadFor(ahead as Ahead | null, step, cursor) ?? askPage(client, step, cursor);
      ahead = null;
      const { readAt } = fetched;
      let page: Page | null = await fetched.page;
      // Nothing holds the answer but `page`, which lets it go once parsed.
      fetched = null;
      const pageCounts = noRows();
      let next: { step: RosterKind | null; cursor: string | null } = { step: null, cursor: null };
      try {
        await deps.db.$transaction(
          async (tx) => {
            const writer = pageWriter({ tx, districtId, now: deps.now(), counts: pageCounts, readAt, fullSync: { startedAt: syncStartedAt } }, step as RosterKind);
            const end = await (page as Page).read(writer.batchSize, (records) => writer.write(records));
            // Its bytes can go before the next page's arrive.
            page = null;
            next = end.more ? { step, cursor: end.last } : { step: FULL_SYNC_STEPS[FULL_SYNC_STEPS.indexOf(step as RosterKind) + 1] ?? null, cursor: null };
            // Not one section page while another is written: theirs are the largest bodies.
            if (next.step !== null && !(step === "sections" && next.step === "sections") && Date.now() < options.until) ahead = askPage(client, next.step, next.cursor);
            await writer.finish({ range: { after: cursor, through: end.more ? end.last : null }, syncStartedAt });
            const moved = await tx.$executeRaw`
              UPDATE "DistrictSync" SET "fullStep" = ${next.step}, "fullCursor" = ${next.cursor},
                "lastRowsWritten" = "lastRowsWritten" + ${rowsWritten(pageCounts)}, "updatedAt" = now()
              WHERE "districtId" = ${districtId} AND "fullStep" = ${step} AND "fullCursor" IS NOT DISTINCT FROM ${cursor}`;
            if (moved !== 1) throw new PlaceTaken();
            // The last page: what the sync would archive is archived, or held, with it.
            if (next.step === null) settled = await settleCandidates({ tx, districtId, now: deps.now() }, holdPercent);
          },
          { timeout: PAGE_TRANSACTION_MS, maxWait: 10_000, isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
        );
      } catch (error) {
        if (error instanceof PlaceTaken) {
          log.warn({ districtId, step }, "another worker is running this district's full sync; this one stops");
          return { status: "taken_over", counts, pages };
        }
        throw error;
      }
      for (const key of Object.keys(counts) as (keyof RowCounts)[]) counts[key] += pageCounts[key];
      pages += 1;
      step = next.step;
      cursor = next.cursor;
    }
    const now = deps.now();
    const end = settled as Settled | null;
    const swept = end && !end.held ? { archived: end.archived, updated: end.updated } : { archived: 0, updated: 0 };
    counts.archived += swept.archived;
    counts.updated += swept.updated;
    // Events are read from the cursor saved at the start: the window counts from then.
    await deps.db.districtSync.update({
      where: { districtId },
      data: {
        lastFullSyncAt: now,
        lastSucceededAt: now,
        lastEventsAt: state.fullStartedAt ?? now,
        errorRef: null,
        errorCode: null,
        ...(swept.archived + swept.updated > 0 ? { lastRowsWritten: { increment: swept.archived + swept.updated } } : {}),
      },
    });
    log.info({ districtId, pages, ...counts, ...(end?.held ? { held: end.reference } : {}) }, "district full sync finished");
    return { status: "done", counts, pages, ...(end?.held ? { held: end.reference } : {}) };
  } catch (error) {
    return recordFailure(deps, districtId, error, "district full sync");
  }
}
