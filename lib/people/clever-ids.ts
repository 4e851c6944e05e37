// Moving a deployment from Clever's v2.1 API to v3.1: v3 gives every teacher,
// staff member and admin a new Clever ID (students keep theirs), and each v3
// role carries the old one as `legacy_id`. Users are keyed by the Clever ID of
// the version in use, so before a switch every stored v2 ID is mapped to its
// v3 one (`npm run clever:migrate-ids`), and a login whose ID changed anyway
// (a user the migration could not see, such as a Library teacher) finds the
// same account by its old ID (./provision.ts).
//
// One mapping is one small write, and a mapping already applied is skipped,
// so a run can be interrupted and started again, and a second run changes
// nothing. The migration merges nothing: where both IDs already have an
// account (someone signed in on v3 before the migration), the pair is
// reported, and that person's next login joins the two (./provision.ts).
import { createCleverClient, type Db, isCleverId, legacyIdsOf, type SyncDeps } from "@/lib/clever";
import { log } from "@/lib/platform";
import { districtToken } from "./tokens";

/** How long one district's users may take to read. */
const MIGRATION_DEADLINE_MS = 10 * 60_000;

export interface IdMapping {
  /** The v2 Clever ID. */
  from: string;
  /** The v3 Clever ID. */
  to: string;
}

export interface IdMigrationReport {
  /** Accounts moved to their v3 ID in this run. */
  mapped: number;
  /** Mappings already applied (an earlier, perhaps interrupted, run). */
  alreadyMapped: number;
  /** Mappings for IDs nobody here has. */
  unused: number;
  /** Both IDs have an account: left alone for support to merge. */
  conflicts: IdMapping[];
  /** Stored IDs of teachers, staff and admins that no mapping covers. */
  unmapped: string[];
}

/** Applies the mappings, one user at a time (see the top of the file). */
export async function applyIdMappings(db: Db, mappings: readonly IdMapping[]): Promise<IdMigrationReport> {
  const report: IdMigrationReport = { mapped: 0, alreadyMapped: 0, unused: 0, conflicts: [], unmapped: [] };
  const seen = new Set<string>();
  for (const mapping of mappings) {
    if (mapping.from === mapping.to || seen.has(mapping.from)) continue;
    seen.add(mapping.from);
    const [old, current] = await Promise.all([
      db.user.findUnique({ where: { cleverId: mapping.from }, select: { id: true, cleverLegacyIds: true } }),
      db.user.findUnique({ where: { cleverId: mapping.to }, select: { id: true, cleverLegacyIds: true } }),
    ]);
    if (old && current) {
      report.conflicts.push(mapping);
      continue;
    }
    if (current) {
      if (current.cleverLegacyIds.includes(mapping.from)) report.alreadyMapped += 1;
      else {
        await db.user.update({ where: { id: current.id }, data: { cleverLegacyIds: { push: mapping.from } } });
        report.alreadyMapped += 1;
      }
      continue;
    }
    if (!old) {
      report.unused += 1;
      continue;
    }
    // Guarded by the old ID: a concurrent run that got there first changes nothing here.
    const { count } = await db.user.updateMany({
      where: { id: old.id, cleverId: mapping.from },
      data: { cleverId: mapping.to, cleverLegacyIds: { push: mapping.from } },
    });
    if (count === 1) report.mapped += 1;
    else report.alreadyMapped += 1;
  }
  const unmapped = await db.user.findMany({
    where: { cleverId: { not: null }, role: { in: ["teacher", "school_admin", "district_admin"] }, cleverLegacyIds: { isEmpty: true } },
    select: { cleverId: true },
  });
  const covered = new Set(mappings.map((m) => m.to));
  report.unmapped = unmapped.map((u) => u.cleverId).filter((id): id is string => id !== null && !covered.has(id));
  return report;
}

/** The mappings Clever's v3.1 records give, read with each district's
 * district-app token (`/v3.1/users?role=…`: every role's `legacy_id`). */
/** `unreachable`: districts not read (no district-app token, or Clever failed): run again for them. */
export async function mappingsFromClever(deps: SyncDeps, districtIds: readonly string[]): Promise<{ mappings: IdMapping[]; unreachable: string[] }> {
  const mappings: IdMapping[] = [];
  const unreachable: string[] = [];
  for (const districtId of districtIds) {
    try {
      const { token, saving } = await districtToken(deps, districtId);
      await saving;
      if (!token) {
        unreachable.push(districtId);
        continue;
      }
      // A whole district's users take a while: minutes, not a login's seconds.
      const retry = { ...deps.retry, deadline: Date.now() + MIGRATION_DEADLINE_MS };
      const client = createCleverClient({ token, tokenKind: "district", baseUrl: deps.apiUrl, apiVersion: "v3.1", retry, keepLoginReserve: true });
      const found: IdMapping[] = [];
      for (const role of ["teacher", "staff", "district_admin"] as const) {
        for (const user of await client.usersWithRole(role)) {
          for (const legacy of legacyIdsOf(user)) found.push({ from: legacy, to: user.id });
        }
      }
      mappings.push(...found);
    } catch (error) {
      // One district's failure leaves the others to map; run again for it.
      log.warn({ districtId, reason: error instanceof Error ? error.message : String(error) }, "could not read a district's v3 users for the ID migration");
      unreachable.push(districtId);
    }
  }
  return { mappings, unreachable };
}

/** A CSV mapping Clever's own data says otherwise about. */
export interface ContradictedMapping {
  mapping: IdMapping;
  /** What Clever's records say: the v3 ID the v2 one belongs to, or the v2 IDs the v3 one carries. */
  clever: string;
}

/** Splits a CSV's mappings into those Clever's data does not contradict and
 * those it does: Clever gives the v2 ID another v3 ID, or the v3 ID other
 * legacy IDs. One wrong line would otherwise move a person's account to
 * someone else's ID. A mapping Clever's data does not cover is kept (not
 * every district can be read). */
export function checkAgainstClever(csv: readonly IdMapping[], fromClever: readonly IdMapping[]): { agreed: IdMapping[]; contradicted: ContradictedMapping[] } {
  const v3Of = new Map(fromClever.map((m) => [m.from, m.to]));
  const v2Of = new Map<string, string[]>();
  for (const m of fromClever) v2Of.set(m.to, [...(v2Of.get(m.to) ?? []), m.from]);
  const agreed: IdMapping[] = [];
  const contradicted: ContradictedMapping[] = [];
  for (const mapping of csv) {
    const v3 = v3Of.get(mapping.from);
    const v2s = v2Of.get(mapping.to);
    if (v3 !== undefined && v3 !== mapping.to) contradicted.push({ mapping, clever: `${mapping.from} is ${v3} on v3` });
    else if (v2s !== undefined && !v2s.includes(mapping.from)) contradicted.push({ mapping, clever: `${mapping.to} carries ${v2s.join(", ")}` });
    else agreed.push(mapping);
  }
  return { agreed, contradicted };
}

/** Mappings from a CSV export: a header row naming the two columns (v2:
 * `legacy_id`, `v2_id` or `old_id`; v3: `id`, `v3_id` or `new_id`), then one
 * pair per line. Clever's bulk ID-mapping export is read the same way. */
export function mappingsFromCsv(text: string): IdMapping[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = (lines.shift() ?? "").split(",").map((cell) => cell.trim().replace(/^"|"$/g, "").toLowerCase());
  const from = header.findIndex((name) => ["legacy_id", "v2_id", "old_id", "v2 id"].includes(name));
  const to = header.findIndex((name) => ["id", "v3_id", "new_id", "v3 id"].includes(name));
  if (from < 0 || to < 0) throw new Error(`the CSV header names no v2 and v3 ID columns (got: ${header.join(", ")})`);
  return lines.map((line, index) => {
    const cells = line.split(",").map((cell) => cell.trim().replace(/^"|"$/g, ""));
    const pair = { from: cells[from] ?? "", to: cells[to] ?? "" };
    if (!isCleverId(pair.from) || !isCleverId(pair.to)) throw new Error(`line ${index + 2}: not two Clever IDs`);
    return pair;
  });
}
