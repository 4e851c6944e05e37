// A safety valve for bad days (SS-R6, ROLL-05): a district's full sync
// archives nothing as it goes. Each page records what it would archive (the
// rows of its ID range it did not list: ./write.ts) as ArchiveCandidate rows,
// and the sync's end weighs them: a change of the usual size is applied at
// once, exactly as the sweeps always did (a user loses that role and, with
// none left, is archived, which ends their sessions at their next request;
// a section is archived with its teachers and enrollments, and a class
// Clever still lists loses the students and teachers it no longer names;
// schools and terms are archived); one that would archive more than DISTRICT_HOLD_PERCENT
// of the district's active students, teachers or classes is held: nothing is
// archived, the DistrictSync row says why (heldAt, holdRef, holdCounts), the
// log says it with the same reference, and a district admin (the dashboard's
// "Apply these changes") or an operator (`npm run roster -- release ID`)
// applies it through releaseHold, with the same code as the sync's end.
// Schools, terms, school staff, district admins and class memberships are
// held along with the three kinds that decide (a student unshared by mistake
// is also gone from her classes' lists: holding her alone would leave the
// teachers' classes empty). The next full sync starts afresh: it forgets the
// candidates and the hold, and is weighed on its own.
//
// Events are never held (single changes, ./events.ts): an event that lists a
// candidate again takes it off the list (forgetCandidates), so applying a
// hold never archives what an event restored or wrote after the sync.
import type { Db } from "@/lib/clever";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { log, newReference } from "@/lib/platform";
import { lockSections } from "@/lib/roster/sync/section-locks";
import { archiveSections, dropRole } from "./roster-sql";
import { type PersonKind, ROLE_OF_KIND } from "./staging";
import { PAGE_TRANSACTION_MS } from "./state";

/** Fewer rows of a kind than this are never held, whatever their share: in
 * a small district one family moving (1 of 3 students is 33%) or a pilot
 * school tidying its rosters is a change of the usual kind, and a person
 * asked to approve every such change soon approves without reading. Ten
 * is less than one class: a real mistake in a district's SIS is larger. */
export const HOLD_MIN_ROWS = 10;

/** What a full sync may archive, in the order the dashboard lists them. */
const ARCHIVE_KINDS = ["students", "teachers", "sections", "school_admins", "district_admins", "schools", "terms", "enrollments", "section_teachers"] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];
/** The kinds whose share decides a hold; the others are held along with them. */
const DECIDING: readonly ArchiveKind[] = ["students", "teachers", "sections"];
const PERSON_KINDS = Object.keys(ROLE_OF_KIND) as PersonKind[];
/** A class's students and teachers that its list no longer names: their
 * candidates' IDs are the section's and the person's row's, space-separated. */
const MEMBERSHIPS = [
  { kind: "enrollments", table: "Enrollment", person: "studentId" },
  { kind: "section_teachers", table: "SectionTeacher", person: "teacherId" },
] as const;

/** Per kind with anything to archive: how many rows it would archive (a
 * user: loses that role) of how many active rows of that kind. */
export interface HoldCounts {
  kinds: Partial<Record<ArchiveKind, { archive: number; active: number }>>;
  /** Rows it would archive, all kinds together. */
  total: number;
  /** The share (DISTRICT_HOLD_PERCENT) in force when it was held. */
  percent: number;
}

interface ApplyContext {
  tx: Db;
  districtId: string;
  now: Date;
}

const candidatesOf = (districtId: string, kind: ArchiveKind) =>
  Prisma.sql`SELECT c.id FROM "ArchiveCandidate" c WHERE c."districtId" = ${districtId} AND c.kind = ${kind}`;

/** Forgets the candidates of a full sync about to start: it records its own. */
export async function forgetAllCandidates(tx: Db, districtId: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM "ArchiveCandidate" WHERE "districtId" = ${districtId}`;
}

/** An event listed these records of `kind` (Clever IDs): they are not gone after all. */
export async function forgetCandidates(tx: Db, districtId: string, kind: ArchiveKind, cleverIds: string[]): Promise<void> {
  if (cleverIds.length === 0) return;
  if ((PERSON_KINDS as string[]).includes(kind)) {
    await tx.$executeRaw`
      DELETE FROM "ArchiveCandidate" c USING "User" u
      WHERE c."districtId" = ${districtId} AND c.kind = ${kind} AND c.id = u.id AND (u."cleverId" = ANY(${cleverIds}::text[]) OR u."cleverLegacyIds" && ${cleverIds}::text[])`;
  } else {
    await tx.$executeRaw`DELETE FROM "ArchiveCandidate" c WHERE c."districtId" = ${districtId} AND c.kind = ${kind} AND c.id = ANY(${cleverIds}::text[])`;
  }
  // A section an event wrote has the students and teachers that event listed:
  // its memberships as the sync saw them are no longer what Clever says.
  if (kind === "sections") {
    await tx.$executeRaw`
      DELETE FROM "ArchiveCandidate" c
      WHERE c."districtId" = ${districtId} AND c.kind IN ('enrollments', 'section_teachers') AND split_part(c.id, ' ', 1) = ANY(${cleverIds}::text[])`;
  }
}

/** Archives the district's candidates, as the sweeps of a full sync's pages
 * did, and forgets them. A candidate changed since is left alone: a user who
 * no longer holds that role or moved to another Clever ID (listed under it),
 * a section written since its page was read (section-locks.ts). */
async function applyCandidates(ctx: ApplyContext): Promise<{ archived: number; updated: number }> {
  const { tx, districtId, now } = ctx;
  let archived = 0;
  let updated = 0;
  for (const [table, kind] of [
    ["School", "schools"],
    ["Term", "terms"],
  ] as const) {
    archived += await tx.$executeRaw`
      UPDATE ${Prisma.raw(`"${table}"`)} SET "archivedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
      WHERE "districtId" = ${districtId} AND "archivedAt" IS NULL AND id IN (${candidatesOf(districtId, kind)})`;
  }
  for (const kind of PERSON_KINDS) {
    const dropped = await dropRole(
      { ...ctx, readAt: now },
      kind,
      Prisma.sql`EXISTS (SELECT 1 FROM "ArchiveCandidate" c WHERE c."districtId" = ${districtId} AND c.kind = ${kind} AND c.id = u.id AND c."cleverId" IS NOT DISTINCT FROM u."cleverId")`,
    );
    archived += dropped.archived;
    updated += dropped.updated;
  }
  // Links and enrollments of classes Clever still lists, as the sections'
  // statement would have archived them: the classes locked first, and none
  // written since its page was read (section-locks.ts).
  await lockSections(
    tx,
    Prisma.sql`SELECT DISTINCT split_part(c.id, ' ', 1) AS id FROM "ArchiveCandidate" c WHERE c."districtId" = ${districtId} AND c.kind IN ('enrollments', 'section_teachers')`,
  );
  for (const { kind, table, person } of MEMBERSHIPS) {
    archived += await tx.$executeRaw`
      UPDATE ${Prisma.raw(`"${table}"`)} m SET "archivedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
      FROM "ArchiveCandidate" c
      WHERE c."districtId" = ${districtId} AND c.kind = ${kind}
        AND m."sectionId" = split_part(c.id, ' ', 1) AND m.${Prisma.raw(`"${person}"`)} = split_part(c.id, ' ', 2)
        AND m."archivedAt" IS NULL AND m."updatedAt" <= c."readAt"`;
  }
  archived += await archiveSections(
    { ...ctx, readAt: null },
    Prisma.sql`EXISTS (SELECT 1 FROM "ArchiveCandidate" c WHERE c."districtId" = ${districtId} AND c.kind = 'sections' AND c.id = "Section".id AND "Section"."updatedAt" <= c."readAt")`,
  );
  await forgetAllCandidates(tx, districtId);
  return { archived, updated };
}

/** How many of each kind the candidates would archive, of how many active. */
async function holdCountsOf(tx: Db, districtId: string, pending: Map<string, number>, percent: number): Promise<HoldCounts> {
  const [active] = await tx.$queryRaw<Record<ArchiveKind, number>[]>`
    SELECT
      (SELECT count(*) FILTER (WHERE 'student' = ANY(roles)) FROM "User" WHERE "districtId" = ${districtId} AND "authorizedBy" = 'district' AND "archivedAt" IS NULL)::int AS students,
      (SELECT count(*) FILTER (WHERE 'teacher' = ANY(roles)) FROM "User" WHERE "districtId" = ${districtId} AND "authorizedBy" = 'district' AND "archivedAt" IS NULL)::int AS teachers,
      (SELECT count(*) FILTER (WHERE 'school_admin' = ANY(roles)) FROM "User" WHERE "districtId" = ${districtId} AND "authorizedBy" = 'district' AND "archivedAt" IS NULL)::int AS school_admins,
      (SELECT count(*) FILTER (WHERE 'district_admin' = ANY(roles)) FROM "User" WHERE "districtId" = ${districtId} AND "authorizedBy" = 'district' AND "archivedAt" IS NULL)::int AS district_admins,
      (SELECT count(*) FROM "Section" WHERE "districtId" = ${districtId} AND "archivedAt" IS NULL)::int AS sections,
      (SELECT count(*) FROM "School" WHERE "districtId" = ${districtId} AND "archivedAt" IS NULL)::int AS schools,
      (SELECT count(*) FROM "Term" WHERE "districtId" = ${districtId} AND "archivedAt" IS NULL)::int AS terms,
      ${pending.has("enrollments") ? Prisma.sql`(SELECT count(*) FROM "Enrollment" e JOIN "Section" s ON s.id = e."sectionId" WHERE s."districtId" = ${districtId} AND s."archivedAt" IS NULL AND e."archivedAt" IS NULL)::int` : Prisma.sql`0`} AS enrollments,
      ${pending.has("section_teachers") ? Prisma.sql`(SELECT count(*) FROM "SectionTeacher" t JOIN "Section" s ON s.id = t."sectionId" WHERE s."districtId" = ${districtId} AND s."archivedAt" IS NULL AND t."archivedAt" IS NULL)::int` : Prisma.sql`0`} AS section_teachers`;
  const kinds: HoldCounts["kinds"] = {};
  let total = 0;
  for (const kind of ARCHIVE_KINDS) {
    const archive = pending.get(kind) ?? 0;
    if (archive === 0) continue;
    // A candidate is active when recorded; the larger of the two keeps a share at most 100%.
    kinds[kind] = { archive, active: Math.max(active?.[kind] ?? 0, archive) };
    total += archive;
  }
  return { kinds, total, percent };
}

/** Whether the counts are an unusual share of a deciding kind (pure). */
export function overThreshold(counts: HoldCounts): boolean {
  return DECIDING.some((kind) => {
    const count = counts.kinds[kind];
    return count !== undefined && count.archive >= HOLD_MIN_ROWS && count.archive * 100 > counts.percent * count.active;
  });
}

export type Settled = { held: false; archived: number; updated: number } | { held: true; reference: string; counts: HoldCounts };

/** The end of a full sync, inside its last page's transaction: its
 * candidates are applied, or held when over `percent`. A sync that would
 * archive nothing costs one read. */
export async function settleCandidates(ctx: ApplyContext, percent: number): Promise<Settled> {
  const { tx, districtId, now } = ctx;
  const rows = await tx.$queryRaw<{ kind: string; n: number }[]>`
    SELECT kind, count(*)::int AS n FROM "ArchiveCandidate" WHERE "districtId" = ${districtId} GROUP BY kind`;
  if (rows.length === 0) return { held: false, archived: 0, updated: 0 };
  const counts = await holdCountsOf(tx, districtId, new Map(rows.map((r) => [r.kind, r.n])), percent);
  if (!overThreshold(counts)) return { held: false, ...(await applyCandidates(ctx)) };
  const reference = newReference("HOLD");
  await tx.districtSync.update({ where: { districtId }, data: { heldAt: now, holdRef: reference, holdCounts: counts as unknown as Prisma.InputJsonValue } });
  log.warn(
    { reference, districtId, percent, ...Object.fromEntries(Object.entries(counts.kinds).map(([kind, c]) => [kind, `${c.archive}/${c.active}`])) },
    "district full sync held: it would archive an unusual share of the district, so nothing was archived; a district admin or `npm run roster -- release` applies it",
  );
  return { held: true, reference, counts };
}

export type ReleaseOutcome =
  | { status: "released"; reference: string; archived: number; updated: number }
  /** Nothing is held (applied already, say by a double click, or replaced by a newer full sync). */
  | { status: "not_held" }
  /** The hold asked for is gone and another stands: it is looked at first. */
  | { status: "other_hold"; reference: string };

/** Applies the district's held full sync and clears the hold: one
 * transaction, the DistrictSync row locked first, so two at once apply it
 * once. `reference`: only the hold a person saw (a newer one is not applied
 * unseen). `by`: who, for the log. */
export async function releaseHold(db: PrismaClient, districtId: string, options: { reference?: string; by: string; now?: Date }): Promise<ReleaseOutcome> {
  return db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ holdRef: string | null }[]>`SELECT "holdRef" FROM "DistrictSync" WHERE "districtId" = ${districtId} FOR UPDATE`;
      if (!row?.holdRef) return { status: "not_held" };
      if (options.reference !== undefined && options.reference !== row.holdRef) return { status: "other_hold", reference: row.holdRef };
      const applied = await applyCandidates({ tx, districtId, now: options.now ?? new Date() });
      await tx.districtSync.update({ where: { districtId }, data: { heldAt: null, holdRef: null, holdCounts: Prisma.DbNull } });
      log.info({ reference: row.holdRef, districtId, by: options.by, ...applied }, "a held district full sync was applied");
      return { status: "released", reference: row.holdRef, ...applied };
    },
    { timeout: PAGE_TRANSACTION_MS, maxWait: 10_000, isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
  );
}

/** The stored counts of a hold, read back (null for none or a shape this version does not know). */
export function holdCountsFrom(value: Prisma.JsonValue | null): HoldCounts | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const { kinds, total, percent } = value as Record<string, unknown>;
  if (!kinds || typeof kinds !== "object" || typeof total !== "number" || typeof percent !== "number") return null;
  const known: HoldCounts["kinds"] = {};
  for (const kind of ARCHIVE_KINDS) {
    const count = (kinds as Record<string, unknown>)[kind] as { archive?: unknown; active?: unknown } | undefined;
    if (count && typeof count.archive === "number" && typeof count.active === "number") known[kind] = { archive: count.archive, active: count.active };
  }
  return { kinds: known, total, percent };
}
