// Every statement the district sync writes schools, terms and sections with,
// and archives with, set-based: a staged batch (./staging.ts, a JSON array of
// rows) goes to PostgreSQL as one parameter, and one statement per kind
// matches, compares, inserts, updates and counts it. Raw SQL because Prisma's
// query builder was most of the cost (a statement per changed row, and every
// row read back to be compared in JavaScript). People are written by the one
// people writer (lib/people/write-people.ts), with the district's options
// (./write.ts); here are the statements that archive them. The rules:
// - a district writes only its own rows, or rows of no district yet;
// - a record whose digest matches its row's, on a row nobody has updated
//   since the district wrote it (updatedAt = rosterWrittenAt), and that is
//   not archived, is not written at all;
// - sections follow the protocol shared with the user's sync
//   (lib/roster/sync/section-locks.ts): locked before they are read, and a
//   section, link or enrollment written since the page was read is newer and
//   left alone; the people a section names are found as the people writer
//   finds them (by Clever ID, else as a legacy ID).
import type { Db } from "@/lib/clever";
import { Prisma, type Role } from "@/lib/generated/prisma/client";
import { legacyRow, rowOfCleverId } from "@/lib/people";
import { lockSections } from "@/lib/roster/sync/section-locks";
import { type KnownRefs, type PersonKind, ROLE_OF_KIND } from "./staging";

export interface SqlContext {
  tx: Db;
  districtId: string;
  now: Date;
  /** When this page was asked of Clever (real time): a section, link or
   * enrollment written since is newer than the page, and left alone
   * (lib/roster/sync/section-locks.ts). */
  readAt: Date;
  /** A full sync's page: a link or enrollment its sections no longer list
   * is recorded as an archive candidate, not archived (the sync's end
   * weighs it with the rest: ./hold.ts). */
  fullSync?: { startedAt: Date };
}

/** A full sync's page, recording what it would archive (./hold.ts). */
export interface CandidateContext extends SqlContext {
  /** The full sync's start (DistrictSync.fullStartedAt). */
  syncStartedAt: Date;
}

export interface RowCounts {
  created: number;
  updated: number;
  archived: number;
  restored: number;
}

/** What a batch's statement wrote, and how many of its records named another district's rows. */
export type BatchCounts = Omit<RowCounts, "archived"> & { archived?: number; foreign?: number };

/** IDs in (after, through]; through null: to the end of the list. */
export interface Range {
  after: string | null;
  through: string | null;
}

/** A timestamp parameter, typed as the columns are (Prisma's DateTime). */
const at = (date: Date) => Prisma.sql`${date}::timestamp(3)`;

/** The range condition on a text column, compared byte-wise as Clever orders IDs. */
function inRange(column: Prisma.Sql, range: Range): Prisma.Sql {
  const after = Prisma.sql`${column} COLLATE "C" > ${range.after ?? ""}`;
  return range.through === null ? after : Prisma.sql`${after} AND ${column} COLLATE "C" <= ${range.through}`;
}

/** Which of these School and Term IDs the database holds. */
export async function knownRefs(tx: Db, schoolIds: string[], termIds: string[]): Promise<KnownRefs> {
  if (schoolIds.length + termIds.length === 0) return { schoolIds: new Set(), termIds: new Set() };
  const rows = await tx.$queryRaw<{ school: boolean; id: string }[]>`
    SELECT true AS school, id FROM "School" WHERE id = ANY(${schoolIds}::text[])
    UNION ALL SELECT false, id FROM "Term" WHERE id = ANY(${termIds}::text[])`;
  return { schoolIds: new Set(rows.filter((r) => r.school).map((r) => r.id)), termIds: new Set(rows.filter((r) => !r.school).map((r) => r.id)) };
}

async function counted(tx: Db, query: Prisma.Sql): Promise<BatchCounts> {
  const [row] = await tx.$queryRaw<BatchCounts[]>(query);
  return row ?? { created: 0, updated: 0, restored: 0 };
}

// ------------------------------------------------------------ schools, terms

/** Writes staged schools ([id, digest, name, districtId, city, state, lowGrade, highGrade]). */
export function upsertSchools(ctx: SqlContext, staged: string): Promise<BatchCounts> {
  const { tx, now } = ctx;
  return counted(
    tx,
    Prisma.sql`
    WITH v AS (
      SELECT e->>0 AS id, e->>1 AS digest, e->>2 AS name, e->>3 AS "districtId", e->>4 AS city, e->>5 AS state, e->>6 AS "lowGrade", e->>7 AS "highGrade"
      FROM jsonb_array_elements(${staged}::jsonb) AS e
    ),
    old AS (SELECT v.*, s.id IS NOT NULL AS found, s."archivedAt" IS NOT NULL AS archived FROM v LEFT JOIN "School" s ON s.id = v.id),
    updated AS (
      UPDATE "School" s SET name = o.name, "districtId" = o."districtId", city = o.city, state = o.state, "lowGrade" = o."lowGrade", "highGrade" = o."highGrade",
        "archivedAt" = NULL, "rosterDigest" = o.digest, "rosterWrittenAt" = ${at(now)}, "updatedAt" = ${at(now)}
      FROM old o
      WHERE s.id = o.id AND (s."rosterDigest" IS DISTINCT FROM o.digest OR s."rosterWrittenAt" IS DISTINCT FROM s."updatedAt" OR s."archivedAt" IS NOT NULL)
      RETURNING o.archived
    ),
    created AS (
      INSERT INTO "School" (id, name, "districtId", city, state, "lowGrade", "highGrade", "rosterDigest", "rosterWrittenAt", "updatedAt")
      SELECT id, name, "districtId", city, state, "lowGrade", "highGrade", digest, ${at(now)}, ${at(now)} FROM old WHERE NOT found
      ON CONFLICT DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM created)::int AS created, (SELECT count(*) FILTER (WHERE NOT archived) FROM updated)::int AS updated,
      (SELECT count(*) FILTER (WHERE archived) FROM updated)::int AS restored`,
  );
}

/** Writes staged terms ([id, digest, name, startDate, endDate]); a new one is this district's. */
export function upsertTerms(ctx: SqlContext, staged: string): Promise<BatchCounts> {
  const { tx, districtId, now } = ctx;
  return counted(
    tx,
    Prisma.sql`
    WITH v AS (SELECT e->>0 AS id, e->>1 AS digest, e->>2 AS name, e->>3 AS "startDate", e->>4 AS "endDate" FROM jsonb_array_elements(${staged}::jsonb) AS e),
    old AS (SELECT v.*, t.id IS NOT NULL AS found, t."archivedAt" IS NOT NULL AS archived FROM v LEFT JOIN "Term" t ON t.id = v.id),
    updated AS (
      UPDATE "Term" t SET name = o.name, "startDate" = o."startDate", "endDate" = o."endDate",
        "archivedAt" = NULL, "rosterDigest" = o.digest, "rosterWrittenAt" = ${at(now)}, "updatedAt" = ${at(now)}
      FROM old o
      WHERE t.id = o.id AND (t."rosterDigest" IS DISTINCT FROM o.digest OR t."rosterWrittenAt" IS DISTINCT FROM t."updatedAt" OR t."archivedAt" IS NOT NULL)
      RETURNING o.archived
    ),
    created AS (
      INSERT INTO "Term" (id, "districtId", name, "startDate", "endDate", "rosterDigest", "rosterWrittenAt", "updatedAt")
      SELECT id, ${districtId}, name, "startDate", "endDate", digest, ${at(now)}, ${at(now)} FROM old WHERE NOT found
      ON CONFLICT DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM created)::int AS created, (SELECT count(*) FILTER (WHERE NOT archived) FROM updated)::int AS updated,
      (SELECT count(*) FILTER (WHERE archived) FROM updated)::int AS restored`,
  );
}

/** The district's active schools or terms in `range` that the page did not
 * list: recorded as candidates, archived at the sync's end (./hold.ts). */
export function noteUnlistedPlaces(ctx: CandidateContext, table: "School" | "Term", range: Range, listed: string[]): Promise<number> {
  const { tx, districtId, readAt, syncStartedAt } = ctx;
  const kind = table === "School" ? "schools" : "terms";
  return tx.$executeRaw`
    INSERT INTO "ArchiveCandidate" ("districtId", kind, id, "readAt", "syncStartedAt")
    SELECT ${districtId}, ${kind}, id, ${at(readAt)}, ${at(syncStartedAt)} FROM ${Prisma.raw(`"${table}"`)}
    WHERE "districtId" = ${districtId} AND "archivedAt" IS NULL AND ${inRange(Prisma.raw('"id"'), range)} AND NOT (id = ANY(${listed}::text[]))
    ON CONFLICT DO NOTHING`;
}

/** Archives the district's schools or terms with these IDs (a removal event). */
export function archiveByIds(ctx: SqlContext, table: "School" | "Term", ids: string[]): Promise<number> {
  const { tx, districtId, now } = ctx;
  return tx.$executeRaw`
    UPDATE ${Prisma.raw(`"${table}"`)} SET "archivedAt" = ${at(now)}, "updatedAt" = ${at(now)}
    WHERE "districtId" = ${districtId} AND "archivedAt" IS NULL AND id = ANY(${ids}::text[])`;
}

// ------------------------------------------------------------------- people

/** Takes `role` from the district's users matching `where` (`u` is the
 * user); one left with no role is archived. The role goes from both places
 * a role is honoured (lib/people/roles.ts): the list, and the one signed in
 * as, which falls to a role still held. */
export async function dropRole(ctx: SqlContext, kind: PersonKind, where: Prisma.Sql): Promise<{ archived: number; updated: number }> {
  const { tx, districtId, now } = ctx;
  const role: Role = ROLE_OF_KIND[kind];
  // The district's own write: a row it had written stays "unchanged since"
  // (rosterWrittenAt), so the kinds it still holds are not rewritten for it.
  const [row] = await tx.$queryRaw<{ archived: number; updated: number }[]>`
    WITH changed AS (
      UPDATE "User" u SET roles = array_remove(u.roles, ${role}::"Role"),
        role = CASE WHEN u.role = ${role}::"Role" THEN (array_remove(u.roles, ${role}::"Role"))[1] ELSE u.role END,
        "archivedAt" = CASE WHEN cardinality(array_remove(u.roles, ${role}::"Role")) = 0 THEN ${at(now)} ELSE u."archivedAt" END,
        "rosterDigests" = u."rosterDigests" - ${kind}::text,
        "rosterWrittenAt" = CASE WHEN u."rosterWrittenAt" = u."updatedAt" THEN ${at(now)} ELSE u."rosterWrittenAt" END,
        "updatedAt" = ${at(now)}
      WHERE u."districtId" = ${districtId} AND u."authorizedBy" = 'district' AND (${role}::"Role" = ANY(u.roles) OR u.role = ${role}::"Role") AND ${where}
      RETURNING u."archivedAt" IS NOT NULL AS archived
    )
    SELECT count(*) FILTER (WHERE archived)::int AS archived, count(*) FILTER (WHERE NOT archived)::int AS updated FROM changed`;
  return row ?? { archived: 0, updated: 0 };
}

/** The district's people holding `kind`'s role whom a page's range did
 * not list (`where`, as for dropRole): recorded as candidates with their
 * Clever ID, their role dropped at the sync's end (./hold.ts). */
export function noteUnlistedPeople(ctx: CandidateContext, kind: PersonKind, where: Prisma.Sql): Promise<number> {
  const { tx, districtId, readAt, syncStartedAt } = ctx;
  const role: Role = ROLE_OF_KIND[kind];
  return tx.$executeRaw`
    INSERT INTO "ArchiveCandidate" ("districtId", kind, id, "cleverId", "readAt", "syncStartedAt")
    SELECT ${districtId}, ${kind}, u.id, u."cleverId", ${at(readAt)}, ${at(syncStartedAt)} FROM "User" u
    WHERE u."districtId" = ${districtId} AND u."authorizedBy" = 'district' AND (${role}::"Role" = ANY(u.roles) OR u.role = ${role}::"Role") AND ${where}
    ON CONFLICT DO NOTHING`;
}

/** The people of a page's range it did not list, by any ID their row has. */
export function unlistedPeople(range: Range, listed: string[]): Prisma.Sql {
  return Prisma.sql`${inRange(Prisma.sql`u."cleverId"`, range)} AND NOT (u."cleverId" = ANY(${listed}::text[]))
    AND NOT EXISTS (SELECT 1 FROM unnest(u."cleverLegacyIds") AS l(id) WHERE l.id = ANY(${listed}::text[]))`;
}

/** The people these Clever IDs name (a removal event), by any ID their row has. */
export function namedPeople(ids: string[]): Prisma.Sql {
  return Prisma.sql`(u."cleverId" = ANY(${ids}::text[]) OR u."cleverLegacyIds" && ${ids}::text[])`;
}

/** Which of these Clever IDs no row has, as its own or a legacy ID. */
export async function unknownCleverIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT i.id FROM unnest(${ids}::text[]) AS i(id) WHERE ${rowOfCleverId(Prisma.sql`i.id`)} IS NULL`;
  return rows.map((r) => r.id);
}

// ----------------------------------------------------------------- sections

/** Locks these sections (lib/roster/sync/section-locks.ts), before the statement that reads and writes them. */
export function lockSectionIds(ctx: SqlContext, ids: string[]): Promise<void> {
  return lockSections(ctx.tx, Prisma.sql`SELECT unnest(${ids}::text[]) AS id`);
}

/** Writes staged sections ([id, digest, name, subject, grade, sectionNumber,
 * period, schoolId, districtId, termId, teachers, primary, students]) with
 * their teachers and students, once the caller has locked them
 * (lockSectionIds): the section rows, then
 * exactly the links and enrollments their lists name (people of this
 * district only), in one statement. A teacher's new class shows on their
 * dashboard (SectionChoice); a choice already made stays.
 *
 * Every join between two of the statement's own sets is a FULL JOIN in a
 * MATERIALIZED step, which PostgreSQL can only hash or merge: the planner
 * cannot estimate a JSON parameter's size, and a nested loop over two such
 * sets grows with the square of the batch. Every probe of a table is a
 * LATERAL (kept from being flattened into a join by OFFSET 0) or scalar
 * lookup by key, so a batch costs the same whatever the district's size. */
export function upsertSections(ctx: SqlContext, staged: string): Promise<BatchCounts> {
  const { tx, districtId, now, readAt, fullSync } = ctx;
  // A full sync records the links and enrollments it would archive (their
  // section and person, space-separated: neither ID has a space).
  const keepArchived = fullSync ? Prisma.sql` AND change <> 'archived'` : Prisma.empty;
  const memberCandidates = fullSync
    ? Prisma.sql`member_candidates AS (
      INSERT INTO "ArchiveCandidate" ("districtId", kind, id, "readAt", "syncStartedAt")
      SELECT ${districtId}, 'section_teachers', "sectionId" || ' ' || "teacherId", ${at(readAt)}, ${at(fullSync.startedAt)} FROM link_diff WHERE change = 'archived'
      UNION ALL
      SELECT ${districtId}, 'enrollments', "sectionId" || ' ' || "studentId", ${at(readAt)}, ${at(fullSync.startedAt)} FROM enrollment_diff WHERE change = 'archived'
      ON CONFLICT DO NOTHING
    ),`
    : Prisma.empty;
  // Section row `s` is written from record `o` when their digests differ, someone
  // else wrote it since the district did, or it is archived; unless it was
  // written since the page was read: then it is newer (section-locks.ts).
  const sectionDiffers = (s: string, o: string) => {
    const [row, record] = [Prisma.raw(s), Prisma.raw(o)];
    return Prisma.sql`(${row}."updatedAt" <= ${at(readAt)}
      AND (${row}."rosterDigest" IS DISTINCT FROM ${record}.digest OR ${row}."rosterWrittenAt" IS DISTINCT FROM ${row}."updatedAt" OR ${row}."archivedAt" IS NOT NULL))`;
  };
  // A link or enrollment written since the page was read is newer than it (section-locks.ts): left alone.
  const change = (have: string, want: string, primaryDiffers: Prisma.Sql) => Prisma.sql`CASE
      WHEN ${Prisma.raw(have)}."sectionId" IS NULL THEN 'created'
      WHEN ${Prisma.raw(have)}."updatedAt" > ${at(readAt)} THEN NULL
      WHEN ${Prisma.raw(want)}."sectionId" IS NULL THEN CASE WHEN ${Prisma.raw(have)}."archivedAt" IS NULL THEN 'archived' END
      WHEN ${Prisma.raw(have)}."archivedAt" IS NOT NULL THEN 'restored'
      WHEN ${primaryDiffers} THEN 'updated' END`;
  return counted(
    tx,
    Prisma.sql`
    WITH v AS (
      SELECT e->>0 AS id, e->>1 AS digest, e->>2 AS name, e->>3 AS subject, e->>4 AS grade, e->>5 AS "sectionNumber", e->>6 AS period,
        e->>7 AS "schoolId", e->>8 AS "districtId", e->>9 AS "termId", e->10 AS teachers, e->>11 AS "primary", e->12 AS students
      FROM jsonb_array_elements(${staged}::jsonb) AS e
    ),
    old AS MATERIALIZED (
      SELECT v.*, s.id IS NOT NULL AS found, s."archivedAt" IS NOT NULL AS archived, s."districtId" AS "rowDistrictId", s.differs
      FROM v LEFT JOIN LATERAL (SELECT x.id, x."archivedAt", x."districtId", ${sectionDiffers("x", "v")} AS differs FROM "Section" x WHERE x.id = v.id OFFSET 0) s ON true
    ),
    -- A district writes only its own: a section another district holds is left alone.
    mine AS MATERIALIZED (SELECT * FROM old WHERE "rowDistrictId" IS NULL OR "rowDistrictId" = ${districtId}),
    updated AS (
      UPDATE "Section" s SET name = o.name, subject = o.subject, grade = o.grade, "sectionNumber" = o."sectionNumber", period = o.period,
        "schoolId" = o."schoolId", "districtId" = o."districtId", "termId" = o."termId",
        -- A rename keeps the old name, so the class's changes can say "Renamed from … to …".
        "previousName" = CASE WHEN s.name <> o.name THEN s.name ELSE s."previousName" END,
        "renamedAt" = CASE WHEN s.name <> o.name THEN ${at(now)} ELSE s."renamedAt" END,
        "archivedAt" = NULL, "rosterDigest" = o.digest, "rosterWrittenAt" = ${at(now)}, "updatedAt" = ${at(now)}
      FROM mine o
      WHERE s.id = o.id AND o.differs AND ${sectionDiffers("s", "o")}
      RETURNING o.archived
    ),
    created AS (
      INSERT INTO "Section" (id, name, subject, grade, "sectionNumber", period, "schoolId", "districtId", "termId", "rosterDigest", "rosterWrittenAt", "updatedAt")
      SELECT id, name, subject, grade, "sectionNumber", period, "schoolId", "districtId", "termId", digest, ${at(now)}, ${at(now)} FROM mine WHERE NOT found
      ON CONFLICT DO NOTHING
      RETURNING 1
    ),
    named AS (
      SELECT o.id AS "sectionId", n.id AS "cleverId", true AS teaches, n.id = o."primary" AS "isPrimary" FROM mine o, jsonb_array_elements_text(o.teachers) AS n(id)
      UNION ALL
      SELECT o.id, n.id, false, false FROM mine o, jsonb_array_elements_text(o.students) AS n(id)
    ),
    -- Each named person's row (by Clever ID, else as a row's legacy ID), if it is this district's.
    -- The named people's rows: by Clever ID, for the batch's IDs at once
    -- (one scan of the index, not a descent each); else, for the few IDs no
    -- row has as its own, as a row's legacy ID.
    by_id AS MATERIALIZED (
      SELECT u."cleverId", u.id, u."districtId" FROM "User" u WHERE u."cleverId" = ANY(ARRAY(SELECT DISTINCT "cleverId" FROM named))
    ),
    by_legacy AS MATERIALIZED (
      SELECT m."cleverId", l.id, l."districtId"
      FROM (SELECT "cleverId" FROM named EXCEPT SELECT "cleverId" FROM by_id) m,
        LATERAL (${legacyRow(Prisma.sql`m."cleverId"`, Prisma.sql`w.id, w."districtId"`)}) l
    ),
    -- Each name's person, if this district's.
    people AS MATERIALIZED (
      SELECT n."sectionId", n.teaches, n."isPrimary", CASE WHEN r."districtId" = ${districtId} THEN r.id END AS "userId"
      FROM named n FULL JOIN (SELECT * FROM by_id UNION ALL SELECT * FROM by_legacy) r ON r."cleverId" = n."cleverId"
    ),
    want_links AS (SELECT "sectionId", "userId" AS "teacherId", bool_or("isPrimary") AS "isPrimary" FROM people WHERE teaches AND "userId" IS NOT NULL GROUP BY 1, 2),
    want_enrollments AS (SELECT DISTINCT "sectionId", "userId" AS "studentId" FROM people WHERE NOT teaches AND "userId" IS NOT NULL),
    have_links AS (
      SELECT x."sectionId", x."teacherId", x."isPrimary", x."archivedAt", x."updatedAt" FROM "SectionTeacher" x WHERE x."sectionId" = ANY(ARRAY(SELECT id FROM mine))
    ),
    have_enrollments AS (
      SELECT x."sectionId", x."studentId", x."archivedAt", x."updatedAt" FROM "Enrollment" x WHERE x."sectionId" = ANY(ARRAY(SELECT id FROM mine))
    ),
    link_diff AS MATERIALIZED (
      SELECT COALESCE(w."sectionId", h."sectionId") AS "sectionId", COALESCE(w."teacherId", h."teacherId") AS "teacherId",
        COALESCE(w."isPrimary", h."isPrimary") AS "isPrimary", ${change("h", "w", Prisma.sql`h."isPrimary" <> w."isPrimary"`)} AS change
      FROM want_links w FULL JOIN have_links h ON h."sectionId" = w."sectionId" AND h."teacherId" = w."teacherId"
    ),
    enrollment_diff AS MATERIALIZED (
      SELECT COALESCE(w."sectionId", h."sectionId") AS "sectionId", COALESCE(w."studentId", h."studentId") AS "studentId",
        ${change("h", "w", Prisma.sql`false`)} AS change
      FROM want_enrollments w FULL JOIN have_enrollments h ON h."sectionId" = w."sectionId" AND h."studentId" = w."studentId"
    ),
    -- Only what differs is written, each row by its key (under the section locks nothing else writes these rows meanwhile).
    links_written AS (
      INSERT INTO "SectionTeacher" ("sectionId", "teacherId", "isPrimary", "archivedAt", "updatedAt")
      SELECT "sectionId", "teacherId", "isPrimary", CASE WHEN change = 'archived' THEN ${at(now)} END, ${at(now)} FROM link_diff WHERE change IS NOT NULL${keepArchived}
      ON CONFLICT ("sectionId", "teacherId") DO UPDATE SET "isPrimary" = EXCLUDED."isPrimary", "archivedAt" = EXCLUDED."archivedAt", "updatedAt" = EXCLUDED."updatedAt"
      WHERE "SectionTeacher"."updatedAt" <= ${at(readAt)}
    ),
    new_choices AS (
      INSERT INTO "SectionChoice" ("teacherId", "sectionId", shown, "updatedAt")
      SELECT "teacherId", "sectionId", true, ${at(now)} FROM link_diff WHERE change = 'created'
      ON CONFLICT DO NOTHING
    ),
    enrollments_written AS (
      INSERT INTO "Enrollment" ("sectionId", "studentId", "archivedAt", "updatedAt")
      SELECT "sectionId", "studentId", CASE WHEN change = 'archived' THEN ${at(now)} END, ${at(now)} FROM enrollment_diff WHERE change IS NOT NULL${keepArchived}
      ON CONFLICT ("sectionId", "studentId") DO UPDATE SET "archivedAt" = EXCLUDED."archivedAt", "updatedAt" = EXCLUDED."updatedAt"
      WHERE "Enrollment"."updatedAt" <= ${at(readAt)}
    ),
    ${memberCandidates}
    changes AS (SELECT change FROM link_diff WHERE change IS NOT NULL UNION ALL SELECT change FROM enrollment_diff WHERE change IS NOT NULL)
    SELECT
      ((SELECT count(*) FROM created) + (SELECT count(*) FROM changes WHERE change = 'created'))::int AS created,
      ((SELECT count(*) FILTER (WHERE NOT archived) FROM updated) + (SELECT count(*) FROM changes WHERE change = 'updated'))::int AS updated,
      ((SELECT count(*) FILTER (WHERE archived) FROM updated) + (SELECT count(*) FROM changes WHERE change = 'restored'))::int AS restored,
      ${fullSync ? Prisma.sql`0` : Prisma.sql`(SELECT count(*) FROM changes WHERE change = 'archived')::int`} AS archived,
      (SELECT count(*) FROM old WHERE "rowDistrictId" <> ${districtId})::int AS "foreign"`,
  );
}

/** Archives the district's active sections matching `where`, with their
 * active links and enrollments: locked first, and none written since the
 * data was read (section-locks.ts). */
export async function archiveSections(ctx: Omit<SqlContext, "readAt"> & { readAt: Date | null }, where: Prisma.Sql): Promise<number> {
  const { tx, districtId, now, readAt } = ctx;
  // No readAt: `where` compares each section with its own (held candidates, ./hold.ts).
  const older = readAt ? Prisma.sql`"updatedAt" <= ${at(readAt)}` : Prisma.sql`true`;
  await lockSections(tx, Prisma.sql`SELECT id FROM "Section" WHERE "districtId" = ${districtId} AND "archivedAt" IS NULL AND ${where}`);
  const [row] = await tx.$queryRaw<{ archived: number }[]>`
    WITH sections AS (
      UPDATE "Section" SET "archivedAt" = ${at(now)}, "updatedAt" = ${at(now)}
      WHERE "districtId" = ${districtId} AND "archivedAt" IS NULL AND ${older} AND ${where}
      RETURNING id
    ),
    links AS (UPDATE "SectionTeacher" SET "archivedAt" = ${at(now)}, "updatedAt" = ${at(now)} WHERE "sectionId" IN (SELECT id FROM sections) AND "archivedAt" IS NULL RETURNING 1),
    enrollments AS (UPDATE "Enrollment" SET "archivedAt" = ${at(now)}, "updatedAt" = ${at(now)} WHERE "sectionId" IN (SELECT id FROM sections) AND "archivedAt" IS NULL RETURNING 1)
    SELECT ((SELECT count(*) FROM sections) + (SELECT count(*) FROM links) + (SELECT count(*) FROM enrollments))::int AS archived`;
  return row?.archived ?? 0;
}

/** The district's active sections of a page's range it did not list:
 * recorded as candidates, archived at the sync's end (./hold.ts). */
export function noteUnlistedSections(ctx: CandidateContext, range: Range, listed: string[]): Promise<number> {
  const { tx, districtId, readAt, syncStartedAt } = ctx;
  return tx.$executeRaw`
    INSERT INTO "ArchiveCandidate" ("districtId", kind, id, "readAt", "syncStartedAt")
    SELECT ${districtId}, 'sections', id, ${at(readAt)}, ${at(syncStartedAt)} FROM "Section"
    WHERE "districtId" = ${districtId} AND "archivedAt" IS NULL AND ${unlistedSections(range, listed)}
    ON CONFLICT DO NOTHING`;
}

/** Sections of a page's range it did not list. */
function unlistedSections(range: Range, listed: string[]): Prisma.Sql {
  return Prisma.sql`${inRange(Prisma.raw('"id"'), range)} AND NOT (id = ANY(${listed}::text[]))`;
}

/** Sections with these IDs (a removal event). */
export function namedSections(ids: string[]): Prisma.Sql {
  return Prisma.sql`id = ANY(${ids}::text[])`;
}
