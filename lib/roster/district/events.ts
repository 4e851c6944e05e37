// Keeping a district current between full syncs with Clever's Events API:
// from the saved cursor (the last event applied), page by page, each page's
// events applied in ID order in one transaction together with the new
// cursor, so a crash re-applies at most that page, and applying an event
// twice gives the same rows (upserts and archives only). An event whose
// record cannot be read, and a section naming people the app does not have
// yet, or a term it does not have (v2.1 has no term events: a rollover's new
// terms reach it only through its new sections), make the sync read those
// records from the Data API. Past Clever's
// 30-day window, or when the cursor's event is gone (asked before every
// read: Clever may answer a gone cursor 200), a full sync is due. Events are
// never held (./hold.ts): each is one change; one that lists a record a held
// full sync would archive takes it off the held list.
import { CleverApiError, type CleverClient, type CleverEvent, type CleverSection, eventMeaning, inEventOrder, type RosterChange, type RosterKind, type RosterRecords, type SyncDeps } from "@/lib/clever";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/platform";
import { lockSections } from "@/lib/roster/sync/section-locks";
import { sectionTeacherIds } from "@/lib/roster/sync/fetch";
import { districtClient } from "./access";
import { forgetCandidates } from "./hold";
import { PAGE_TRANSACTION_MS, recordFailure, type SliceOptions } from "./state";
import { FULL_SYNC_STEPS, type FullSyncReason } from "./steps";
import { knownRefs, unknownCleverIds } from "./roster-sql";
import { noRows, removeRecords, type RowCounts, rowsWritten, writeRecords } from "./write";

/** Clever keeps 30 days of events; a day's margin for clocks and slow polls. */
const EVENT_WINDOW_MS = 29 * 24 * 60 * 60 * 1000;

export type EventsOutcome =
  | { status: "done" | "paused"; applied: number; counts: RowCounts }
  /** No full sync yet, the window was missed, or Clever no longer knows the cursor. */
  | { status: "full_sync_needed"; reason: FullSyncReason; applied: number; counts: RowCounts }
  /** A full sync is under way: events wait for its end (it reads from the cursor it saved). */
  | { status: "full_sync_under_way"; applied: number; counts: RowCounts };

/** The newest event's ID, to start from after a full sync. Clever's
 * `ending_before=last` where it answers it; else by paging the feed to its
 * end (both are tried: Clever's definitions do not promise the first).
 * `known: false`: this app gets no events (not enabled for it). */
export async function newestEventId(client: CleverClient): Promise<{ known: true; id: string | null } | { known: false }> {
  try {
    const newest = await client.newestEvent();
    if (newest) return { known: true, id: newest.id };
  } catch (error) {
    if (!(error instanceof CleverApiError) || (error.code !== "not_found" && error.status !== 400)) throw error;
  }
  try {
    let last: string | null = null;
    for (;;) {
      const page = await client.events(last ?? undefined);
      if (page.last) last = page.last;
      if (!page.more) return { known: true, id: last };
    }
  } catch (error) {
    if (error instanceof CleverApiError && error.code === "not_found") return { known: false };
    throw error;
  }
}

const READ: { [K in RosterKind]?: (client: CleverClient, id: string) => Promise<RosterRecords[K]> } = {
  teachers: (client, id) => client.teacher(id),
  students: (client, id) => client.student(id),
  school_admins: (client, id) => client.schoolAdmin(id),
  district_admins: (client, id) => client.districtAdmin(id),
  sections: (client, id) => client.section(id),
  schools: (client, id) => client.school(id),
  terms: (client, id) => client.term(id),
};

/** A record read from the Data API: an upsert, or a removal when Clever no longer has it. */
async function readChange(client: CleverClient, kind: RosterKind, id: string): Promise<RosterChange | null> {
  const read = READ[kind];
  if (!read) return null;
  try {
    return { kind, action: "upsert", record: await read(client, id) } as RosterChange;
  } catch (error) {
    if (error instanceof CleverApiError && error.code === "not_found") return { kind, action: "remove", id } as RosterChange;
    throw error;
  }
}

/** The page's events as changes, in ID order; records the events could not
 * carry, and people their sections name whom the app does not have, read first. */
async function changesOf(deps: SyncDeps, client: CleverClient, events: CleverEvent[]): Promise<RosterChange[]> {
  const changes: RosterChange[] = [];
  for (const event of inEventOrder(events)) {
    const meaning = eventMeaning(event, deps.apiVersion);
    if ("changes" in meaning) changes.push(...meaning.changes);
    else if ("unreadable" in meaning) {
      log.warn({ event: event.id, type: event.type }, "an event's record does not match Clever's schema; reading the record instead");
      for (const { kind, id } of meaning.unreadable) {
        const change = await readChange(client, kind, id);
        if (change) changes.push(change);
      }
    }
  }
  const sections = changes.flatMap((c) => (c.kind === "sections" && c.action === "upsert" ? [c.record as CleverSection] : []));
  const named = new Set(sections.flatMap((s) => [...sectionTeacherIds(s), ...(s.students ?? [])]));
  const upserted = new Set(changes.flatMap((c) => (c.action === "upsert" ? [c.record.id] : [])));
  const candidates = [...named].filter((id) => !upserted.has(id));
  const termIds = [...new Set(sections.flatMap((s) => (s.term_id ? [s.term_id] : [])))].filter((id) => !upserted.has(id));
  if (candidates.length + termIds.length === 0) return changes;
  const [unknown, { termIds: knownTerms }] = await Promise.all([unknownCleverIds(deps.db, candidates), knownRefs(deps.db, [], termIds)]);
  const teachers = new Set(sections.flatMap(sectionTeacherIds));
  const fetched: RosterChange[] = [];
  for (const id of unknown) {
    const change = await readChange(client, teachers.has(id) ? "teachers" : "students", id);
    if (change?.action === "upsert") fetched.push(change);
  }
  for (const id of termIds.filter((id) => !knownTerms.has(id))) {
    const change = await readChange(client, "terms", id);
    if (change?.action === "upsert") fetched.push(change);
  }
  if (fetched.length > 0) log.info({ fetched: fetched.length }, "events named people or terms the app did not have; read them from the Data API");
  // The people and terms first, so the sections can link them.
  return [...fetched, ...changes];
}

/** A page's changes as what they leave behind: each record's last change
 * wins (an event carries the whole record), and the records are written kind
 * by kind in the full sync's order (people before the sections that name
 * them), in batches rather than one statement set per event. */
function netChanges(changes: RosterChange[]): { kind: RosterKind; upserts: RosterRecords[RosterKind][]; removals: string[] }[] {
  const last = new Map<string, RosterChange>();
  for (const change of changes) {
    const id = change.action === "upsert" ? change.record.id : change.id;
    const key = `${change.kind}\u0000${id}`;
    last.delete(key);
    last.set(key, change);
  }
  return FULL_SYNC_STEPS.map((kind) => {
    const ofKind = [...last.values()].filter((c) => c.kind === kind);
    return {
      kind,
      upserts: ofKind.flatMap((c) => (c.action === "upsert" ? [c.record] : [])),
      removals: ofKind.flatMap((c) => (c.action === "remove" ? [c.id] : [])),
    };
  });
}

/** Whether Clever still has the event a cursor names. Reading a page after
 * a gone cursor may be answered 404 or, as Clever was recorded doing, 200
 * from the oldest event it keeps: then every change in between would be
 * lost without a trace. A single-event read answers 404 once it is gone. */
async function eventKept(client: CleverClient, eventId: string): Promise<boolean> {
  try {
    await client.event(eventId);
    return true;
  } catch (error) {
    if (error instanceof CleverApiError && error.code === "not_found") return false;
    throw error;
  }
}

/** Applies the district's new events until the feed's end or the slice's. */
export async function pollEvents(deps: SyncDeps, districtId: string, options: SliceOptions): Promise<EventsOutcome> {
  const counts = noRows();
  let applied = 0;
  const state = await deps.db.districtSync.findUnique({ where: { districtId } });
  if (state?.fullStep) return { status: "full_sync_under_way", applied, counts };
  if (!state?.lastFullSyncAt) return { status: "full_sync_needed", reason: "first", applied, counts };
  const since = state.lastEventsAt ?? state.lastFullSyncAt;
  if (deps.now().getTime() - since.getTime() > EVENT_WINDOW_MS) return { status: "full_sync_needed", reason: "events_window", applied, counts };
  try {
    const client = await districtClient(deps, districtId, options.until);
    let cursor = state.eventCursor;
    if (cursor && !(await eventKept(client, cursor))) return { status: "full_sync_needed", reason: "events_gone", applied, counts };
    for (;;) {
      if (Date.now() >= options.until || options.signal?.aborted) return { status: "paused", applied, counts };
      let page;
      // Real time, as the updatedAt stamps it is compared with (lib/roster/sync/section-locks.ts).
      const readAt = new Date();
      try {
        page = await client.events(cursor ?? undefined);
      } catch (error) {
        // Clever's definitions give /events one error, 404: a cursor it no longer has.
        if (error instanceof CleverApiError && error.code === "not_found") return { status: "full_sync_needed", reason: "events_gone", applied, counts };
        throw error;
      }
      const changes = await changesOf(deps, client, page.records);
      const pageCounts = noRows();
      const from = cursor;
      const to = page.last ?? cursor;
      await deps.db.$transaction(
        async (tx) => {
          const ctx = { tx, districtId, now: deps.now(), counts: pageCounts, readAt };
          const net = netChanges(changes);
          // Every section the page touches, locked in one sorted step before any
          // person is written, as the user's sync does: neither waits on the
          // other while holding what the other needs (lib/roster/sync/section-locks.ts).
          const sectionIds = net.filter((n) => n.kind === "sections").flatMap((n) => [...n.upserts.map((r) => r.id), ...n.removals]);
          if (sectionIds.length > 0) await lockSections(tx, Prisma.sql`SELECT unnest(${sectionIds}::text[]) AS id`);
          for (const { kind, upserts, removals } of net) {
            if (upserts.length > 0) {
              await writeRecords(ctx, kind, upserts, null);
              // Listed again: a held full sync's release must not archive it (./hold.ts).
              await forgetCandidates(tx, districtId, kind, upserts.map((r) => r.id));
            }
            await removeRecords(ctx, kind, removals);
          }
          await tx.districtSync.update({
            where: { districtId },
            data: {
              eventCursor: to,
              ...(page.more ? {} : { lastEventsAt: deps.now(), lastSucceededAt: deps.now(), errorRef: null, errorCode: null }),
              lastRowsWritten: rowsWritten(pageCounts),
            },
          });
        },
        { timeout: PAGE_TRANSACTION_MS, maxWait: 10_000, isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
      );
      for (const key of Object.keys(counts) as (keyof RowCounts)[]) counts[key] += pageCounts[key];
      applied += page.records.length;
      if (page.records.length > 0) log.info({ districtId, events: page.records.length, from, to, rows: rowsWritten(pageCounts) }, "applied Clever events");
      cursor = to;
      if (!page.more) return { status: "done", applied, counts };
    }
  } catch (error) {
    return recordFailure(deps, districtId, error, "reading Clever events");
  }
}
