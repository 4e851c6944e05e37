// Writing one page of a district's roster (a full sync's page, or the records
// of a few events), inside the caller's transaction. Each batch of records is
// staged as one JSON parameter (./staging.ts) and written by one statement
// per kind (./roster-sql.ts; people by the people writer,
// lib/people/write-people.ts) that writes only differences: a record whose
// digest matches its row is not written, so a page that changed nothing
// upstream writes no row.
//
// Sweeps: Clever lists ascend by ID, so a full sync's page covers every ID in
// (previous page's last, this page's last] — the last page to the end. A
// record of the district in that range that the page does not list is gone
// upstream: to be archived (a user loses that role; with none left,
// archived), never deleted, and restored when a page lists it again. The
// sweep only records it (an ArchiveCandidate row, in the page's
// transaction): the sync's end archives the candidates, or holds them when
// they are an unusual share of the district (./hold.ts). A sweep needs no
// memory of earlier pages, so a sync resumed after a crash sweeps the same.
import type { CleverSchool, CleverSection, CleverTerm, RosterKind, RosterRecords } from "@/lib/clever";
import { type WriteOptions, writePeople } from "@/lib/people";
import { log } from "@/lib/platform";
import {
  archiveByIds,
  archiveSections,
  type BatchCounts,
  type CandidateContext,
  dropRole,
  knownRefs,
  lockSectionIds,
  namedPeople,
  namedSections,
  noteUnlistedPeople,
  noteUnlistedPlaces,
  noteUnlistedSections,
  type Range,
  type RowCounts,
  type SqlContext,
  unlistedPeople,
  upsertSchools,
  upsertSections,
  upsertTerms,
} from "./roster-sql";
import { type KnownRefs, type PersonKind, type PersonRecord, personSchoolRefs, sectionRefs, stagePeople, stageSchools, stageSections, stageTerms } from "./staging";

export type { RowCounts } from "./roster-sql";

export const noRows = (): RowCounts => ({ created: 0, updated: 0, archived: 0, restored: 0 });
export const rowsWritten = (c: RowCounts): number => c.created + c.updated + c.archived + c.restored;

export interface WriteContext extends SqlContext {
  counts: RowCounts;
}

/** A full sync's page's sweep: its ID range, and the sync's start, which its candidates carry. */
export interface Sweep {
  range: Range;
  syncStartedAt: Date;
}

/** Writes one page of `kind`: `write` each batch of it (at most `batchSize`
 * records, so what is alive at once stays bounded), then `finish` with the
 * page's sweep (null: no sweep, as for events). */
export interface PageWriter<K extends RosterKind> {
  readonly batchSize: number;
  write(records: RosterRecords[K][]): Promise<void>;
  finish(sweep: Sweep | null): Promise<void>;
}

// Batch sizes bound what a page's write holds at once: a batch's records and
// its staged JSON, kept near 128 KB. A larger string goes straight to V8's
// old generation (its large-object space) rather than dying young, and
// Prisma keeps the parameters of its recent statements (the arguments of its
// last 100 debug calls, for error reports, whether or not DEBUG is set), two
// copies each, for the last twenty-odd statements.
/** People (and schools, terms) per write batch, about 110 KB staged: one statement each. */
const RECORD_BATCH = 400;
/** Sections per write batch, with their rosters (tens of IDs each), about 120 KB staged: two statements, the lock and the write. */
const SECTION_BATCH = 125;

function add(counts: RowCounts, batch: BatchCounts): void {
  counts.created += batch.created;
  counts.updated += batch.updated;
  counts.restored += batch.restored;
  counts.archived += batch.archived ?? 0;
}

/** The School and Term IDs the database holds, asked once per page: a
 * district's few schools and terms recur in every batch. */
function refsCache(tx: SqlContext["tx"]) {
  const known = { schoolIds: new Set<string>(), termIds: new Set<string>() };
  const asked = new Set<string>();
  return async (schoolIds: string[], termIds: string[]): Promise<KnownRefs> => {
    const schools = schoolIds.filter((id) => !asked.has(`s${id}`));
    const terms = termIds.filter((id) => !asked.has(`t${id}`));
    if (schools.length + terms.length > 0) {
      const found = await knownRefs(tx, schools, terms);
      for (const id of schools) asked.add(`s${id}`);
      for (const id of terms) asked.add(`t${id}`);
      for (const id of found.schoolIds) known.schoolIds.add(id);
      for (const id of found.termIds) known.termIds.add(id);
    }
    return known;
  };
}

export function pageWriter<K extends RosterKind>(ctx: WriteContext, kind: K): PageWriter<K> {
  // The page's record IDs: what the sweep keeps.
  const listed: string[] = [];
  const refs = refsCache(ctx.tx);
  // A batch's statement runs while the next batch is parsed (PostgreSQL and
  // this process on two cores): at most one in flight, so at most two
  // batches are alive. Its failure is kept and thrown by the next write or
  // the finish (the caller's transaction then undoes the page).
  let pending: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  const settle = async () => {
    await pending;
    if (failure) throw failure.error;
  };
  /** `prepare` does a batch's short round trips (references, locks) and
   * stages it; the statement it returns is the one left running. */
  const writer = (batchSize: number, prepare: (records: never[]) => Promise<Statement>, note: (c: CandidateContext, range: Range) => Promise<unknown>): PageWriter<K> => ({
    batchSize,
    write: async (records) => {
      for (const record of records) listed.push(record.id);
      await settle();
      const statement = await prepare(records as never[]);
      pending = statement().catch((error: unknown) => {
        failure = { error };
      });
      // One turn of the event loop before parsing on: Prisma hands the
      // statement to the driver only then (parsed first, it would wait for the
      // whole next batch and PostgreSQL would idle meanwhile).
      await new Promise((resolve) => setImmediate(resolve));
    },
    finish: async (sweep) => {
      await settle();
      if (sweep) await note({ ...ctx, syncStartedAt: sweep.syncStartedAt }, sweep.range);
    },
  });
  const { counts } = ctx;
  const counted = (write: () => Promise<BatchCounts>): Statement => async () => add(counts, await write());
  switch (kind) {
    case "schools":
      return writer(
        RECORD_BATCH,
        async (records: CleverSchool[]) => {
          const staged = stageSchools(records, ctx.districtId);
          return counted(() => upsertSchools(ctx, staged));
        },
        (c, range) => noteUnlistedPlaces(c, "School", range, listed),
      );
    case "terms":
      return writer(
        RECORD_BATCH,
        async (records: CleverTerm[]) => {
          const staged = stageTerms(records);
          return counted(() => upsertTerms(ctx, staged));
        },
        (c, range) => noteUnlistedPlaces(c, "Term", range, listed),
      );
    case "sections":
      return writer(
        SECTION_BATCH,
        (records: CleverSection[]) => prepareSections(ctx, refs, records),
        (c, range) => noteUnlistedSections(c, range, listed),
      );
    default: {
      const personKind = kind as PersonKind;
      return writer(
        RECORD_BATCH,
        (records: PersonRecord[]) => preparePeople(ctx, refs, personKind, records),
        (c, range) => noteUnlistedPeople(c, personKind, unlistedPeople(range, listed)),
      );
    }
  }
}

/** Writes `records` (all of a page, or an event's) in batches, then sweeps (`sweep`, if any). */
export async function writeRecords<K extends RosterKind>(ctx: WriteContext, kind: K, records: RosterRecords[K][], sweep: Sweep | null): Promise<void> {
  const writer = pageWriter(ctx, kind);
  for (let start = 0; start < records.length; start += writer.batchSize) await writer.write(records.slice(start, start + writer.batchSize));
  await writer.finish(sweep);
}

/** Archives what a removal event names (a deleted record; a role no longer held). */
export async function removeRecords(ctx: WriteContext, kind: RosterKind, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const { counts } = ctx;
  switch (kind) {
    case "schools":
      counts.archived += await archiveByIds(ctx, "School", ids);
      return;
    case "terms":
      counts.archived += await archiveByIds(ctx, "Term", ids);
      return;
    case "sections":
      counts.archived += await archiveSections(ctx, namedSections(ids));
      return;
    default:
      return removeRole(ctx, kind as PersonKind, namedPeople(ids));
  }
}

type Refs = ReturnType<typeof refsCache>;
/** A batch's statement, ready to run. */
type Statement = () => Promise<void>;

/** The people writer's options as the district writes: its own rows only,
 * the kind's role added, shared by the district, archived rows restored, and
 * a record compared by its digest. */
export function districtPeople(ctx: Pick<SqlContext, "districtId" | "now">, kind: PersonKind): WriteOptions {
  return {
    now: ctx.now,
    scopeDistrictId: ctx.districtId,
    roles: "add",
    authorizedBy: { value: "district", on: "write" },
    ids: "roster",
    restore: true,
    digestKind: kind,
  };
}

async function preparePeople(ctx: WriteContext, refs: Refs, kind: PersonKind, records: PersonRecord[]): Promise<Statement> {
  const staged = stagePeople(kind, records, await refs(personSchoolRefs(records), []), ctx.districtId);
  return async () => {
    const written = await writePeople(ctx.tx, staged, districtPeople(ctx, kind));
    add(ctx.counts, written);
    // A district writes only its own people (and Library users it now shares):
    // a row of another district is neither moved nor given a role.
    if (written.foreign) log.warn({ districtId: ctx.districtId, kind, people: written.foreign }, "a district's roster named people of another district; left them alone");
  };
}

async function removeRole(ctx: WriteContext, kind: PersonKind, where: Parameters<typeof dropRole>[2]): Promise<void> {
  const dropped = await dropRole(ctx, kind, where);
  ctx.counts.archived += dropped.archived;
  ctx.counts.updated += dropped.updated;
}

/** The protocol shared with the user's sync (section-locks.ts): the batch's
 * sections are locked before the statement that reads and writes them. */
async function prepareSections(ctx: WriteContext, refs: Refs, sections: CleverSection[]): Promise<Statement> {
  const wanted = sectionRefs(sections);
  const staged = stageSections(sections, await refs(wanted.schoolIds, wanted.termIds), ctx.districtId);
  await lockSectionIds(ctx, sections.map((s) => s.id));
  return async () => {
    const written = await upsertSections(ctx, staged);
    add(ctx.counts, written);
    if (written.foreign) log.warn({ districtId: ctx.districtId, sections: written.foreign }, "a district's roster named sections of another district; left them alone");
  };
}
