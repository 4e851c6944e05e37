// A school year's (or a term's) end in the local Clever, as Clever plays it:
// POST /sandbox/sections/remove takes sections away in bulk, and POST
// /sandbox/rollover rolls a scope of a district over to the next year.
//
// What Clever documents ("Data Model Quirks", "Data Changes and Rollover"):
// at a term or school-year change last year's sections disappear in bulk and
// the new ones appear; a term whose sections are all deleted is deleted, and
// "term IDs are not stable": it comes back under a new Clever ID. What it does
// not say is whether a section always goes: a district that reuses its SIS
// section IDs keeps the same Clever section into the new term. So the old
// sections are deleted (`old_sections: "delete"`, the default: sections.deleted
// events) or kept (`"keep"`: the same IDs in the new terms, sections.updated).
//
// A rollover is scoped (district, and optionally a school, a teacher or given
// sections): only the sections in scope change, so suites sharing the fixture
// district stay apart. A term is deleted only once no section names it any
// more (Clever's rule); each term the scope used is made again for the next
// year under a new ID (terms.created), its dates a year on (or the body's),
// so the shared clock never moves. The whole call is one store transaction:
// its events come in the order Clever's would make sense of (sections
// deleted, terms deleted, terms created, sections created; in "keep" mode the
// new terms come before the sections that move into them).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Store } from "./store";
import { definitionValidator, type DefinitionValidator } from "./swagger-schema";
import type { CleverObject } from "./types";

const cleverId = z.string().regex(/^[0-9a-f]{24}$/, "a Clever ID (24 hex digits)");

/** Which sections a bulk change touches: a district's, narrowed by any of the rest. */
export const sectionScopeSchema = z
  .object({
    district_id: cleverId,
    school_id: cleverId.optional(),
    /** A teacher's v2 ID: the sections naming her (primary or co-teacher). */
    teacher_id: cleverId.optional(),
    section_ids: z.array(cleverId).min(1).optional(),
  })
  .strict();
export type SectionScope = z.infer<typeof sectionScopeSchema>;

/** v3.1's Term dates are timestamps (format "datetime"). */
const termDate = z.iso.datetime({ message: "an ISO 8601 timestamp, e.g. 2026-08-20T00:00:00.000Z" });
const nextTermSchema = z
  .object({ id: cleverId.optional(), name: z.string().min(1).optional(), start_date: termDate.optional(), end_date: termDate.optional() })
  .strict();

export const rolloverSchema = sectionScopeSchema
  .extend({
    /** What happens to the sections in scope (Clever's docs do not settle it). */
    old_sections: z.enum(["delete", "keep"]).default("delete"),
    /** The next year's term of each term the scope used (by the old term's ID); derived when left out. */
    terms: z.record(cleverId, nextTermSchema).optional(),
    /** The new year's sections (Clever v2.0 Sections). `term_id` names an old term
     * (its successor is meant) or a new one; left out, the one new term if there is
     * exactly one. In "keep" mode an ID in scope replaces that section. */
    new_sections: z.array(z.looseObject({ id: cleverId })).optional(),
  })
  .strict();
export type RolloverSpec = z.input<typeof rolloverSchema>;

interface RemovedSections {
  removed: string[];
  /** Terms no section names any more (Clever deletes them). */
  deletedTerms: string[];
}

export interface RolloverResult {
  sections: { removed: string[]; kept: string[]; created: string[]; updated: string[] };
  terms: { deleted: string[]; created: CleverObject[] };
}

/** A request the sandbox refuses (400), with the reason. */
export class RolloverRefused extends Error {}

let v20: DefinitionValidator | undefined;

/** The sections in scope, sorted by ID; refused when the scope names unknown records or holds none. */
export function sectionsInScope(store: Store, scope: SectionScope): CleverObject[] {
  const { district_id: districtId, school_id: schoolId, teacher_id: teacherId, section_ids: sectionIds } = scope;
  if (!store.get("districts", districtId)) throw new RolloverRefused(`unknown district ${districtId}`);
  if (schoolId !== undefined && store.get("schools", schoolId)?.district !== districtId) {
    throw new RolloverRefused(`unknown school ${schoolId} in district ${districtId}`);
  }
  if (teacherId !== undefined && store.get("teachers", teacherId)?.district !== districtId) {
    throw new RolloverRefused(`unknown teacher ${teacherId} in district ${districtId}`);
  }
  for (const id of sectionIds ?? []) {
    if (store.get("sections", id)?.district !== districtId) throw new RolloverRefused(`unknown section ${id} in district ${districtId}`);
  }
  const named = sectionIds ? new Set(sectionIds) : undefined;
  const found = store
    .listInDistrict("sections", districtId)
    .filter((s) => schoolId === undefined || s.school === schoolId)
    .filter((s) => teacherId === undefined || s.teacher === teacherId || (s.teachers ?? []).includes(teacherId))
    .filter((s) => named === undefined || named.has(s.id));
  if (found.length === 0) throw new RolloverRefused("no section of the district is in scope");
  return [...found];
}

function termOf(section: CleverObject): string | undefined {
  return typeof section.term_id === "string" && section.term_id !== "" ? section.term_id : undefined;
}

/** Deletes these terms where no section names them any more (Clever's rule); returns those deleted. */
function deleteEmptyTerms(store: Store, termIds: Iterable<string>): string[] {
  const named = new Set(store.list("sections").flatMap((s) => termOf(s) ?? []));
  return [...new Set(termIds)].filter((id) => !named.has(id) && store.deleteV3Only("terms", id));
}

/** Sections taken away in bulk, as at a term's end: deleted, and their terms with them once empty. */
export function removeSections(store: Store, sections: readonly CleverObject[]): RemovedSections {
  return store.transaction(() => {
    for (const s of sections) store.delete("sections", s.id);
    return { removed: sections.map((s) => s.id), deletedTerms: deleteEmptyTerms(store, sections.flatMap((s) => termOf(s) ?? [])) };
  });
}

/** A date (or timestamp) one year on, in the same form. */
function yearOn(value: unknown): unknown {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  const date = new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return value.length === 10 ? date.toISOString().slice(0, 10) : date.toISOString();
}

/** "2024–2025 Full Year" → "2025–2026 Full Year"; "2025–26" → "2026–27". */
export function nextYearName(name: string): string {
  return name
    .replace(/\b(\d{4})([–-])(\d{2})\b/g, (_m, a: string, dash: string, b: string) => `${Number(a) + 1}${dash}${String((Number(b) + 1) % 100).padStart(2, "0")}`)
    .replace(/\b(\d{4})\b(?![–-]\d{2}\b)/g, (year: string) => String(Number(year) + 1));
}

function newTermId(store: Store): string {
  for (;;) {
    const id = randomBytes(12).toString("hex");
    if (!store.v3Only.terms.has(id)) return id;
  }
}

/** Validates a rollover against the store as it is; returns what to write, or throws RolloverRefused. */
function plan(store: Store, spec: z.output<typeof rolloverSchema>) {
  const inScope = sectionsInScope(store, spec);
  const scopeIds = new Set(inScope.map((s) => s.id));
  const oldTermIds = [...new Set(inScope.flatMap((s) => termOf(s) ?? []))].sort();
  for (const id of Object.keys(spec.terms ?? {})) {
    if (!oldTermIds.includes(id)) throw new RolloverRefused(`term ${id} is not the term of a section in scope`);
  }
  const successors = new Map<string, CleverObject>();
  for (const oldId of oldTermIds) {
    const old = store.v3Only.terms.get(oldId);
    const given = spec.terms?.[oldId] ?? {};
    const id = given.id ?? newTermId(store);
    if (store.v3Only.terms.has(id) || [...successors.values()].some((t) => t.id === id)) throw new RolloverRefused(`term ${id} already exists`);
    const term: CleverObject = { id, district: spec.district_id };
    const name = given.name ?? (typeof old?.name === "string" ? nextYearName(old.name) : undefined);
    const start = given.start_date ?? yearOn(old?.start_date);
    const end = given.end_date ?? yearOn(old?.end_date);
    if (name !== undefined) term.name = name;
    if (typeof start === "string") term.start_date = start;
    if (typeof end === "string") term.end_date = end;
    successors.set(oldId, term);
  }
  const onlyTerm = successors.size === 1 ? [...successors.values()][0]?.id : undefined;
  const newIds = new Set([...successors.values()].map((t) => t.id));
  v20 ??= definitionValidator("v2.0");
  const sections = (spec.new_sections ?? []).map((given) => {
    const section: CleverObject = { district: spec.district_id, ...given };
    if (section.district !== spec.district_id) throw new RolloverRefused(`new section ${section.id} is not in district ${spec.district_id}`);
    if (scopeIds.has(section.id) && spec.old_sections === "delete") {
      throw new RolloverRefused(`new section ${section.id} is a section the rollover deletes (old_sections: "keep" keeps its ID)`);
    }
    if (!scopeIds.has(section.id) && store.get("sections", section.id)) throw new RolloverRefused(`new section ${section.id} already exists outside the scope`);
    const named = termOf(section);
    if (named === undefined) section.term_id = onlyTerm ?? null;
    else if (successors.has(named)) section.term_id = successors.get(named)?.id;
    else if (!newIds.has(named)) throw new RolloverRefused(`new section ${section.id} names term ${named}, neither a term in scope nor a new one`);
    const problem = v20?.check("Section", section);
    if (problem) throw new RolloverRefused(`new section ${section.id} is not a valid Clever v2.0 Section: ${JSON.stringify(problem)}`);
    return section;
  });
  return { inScope, oldTermIds, successors, sections };
}

/** The rollover of one scope (see the top of this file). Throws RolloverRefused before changing anything. */
export function rollover(store: Store, spec: z.output<typeof rolloverSchema>): RolloverResult {
  const { inScope, oldTermIds, successors, sections } = plan(store, spec);
  const given = new Map(sections.map((s) => [s.id, s]));
  const result: RolloverResult = { sections: { removed: [], kept: [], created: [], updated: [] }, terms: { deleted: [], created: [...successors.values()] } };
  store.transaction(() => {
    if (spec.old_sections === "delete") {
      const removed = removeSections(store, inScope);
      result.sections.removed = removed.removed;
      result.terms.deleted = removed.deletedTerms;
      for (const term of successors.values()) store.upsertV3Only("terms", term);
    } else {
      // The new terms first, then the same sections move into them.
      for (const term of successors.values()) store.upsertV3Only("terms", term);
      for (const old of inScope) {
        const replacement = given.get(old.id);
        const oldTerm = termOf(old);
        const next = replacement ?? { ...old, ...(oldTerm !== undefined ? { term_id: successors.get(oldTerm)?.id } : {}) };
        store.upsert("sections", next);
        result.sections.kept.push(old.id);
        if (replacement) result.sections.updated.push(old.id);
      }
      result.terms.deleted = deleteEmptyTerms(store, oldTermIds);
    }
    for (const section of sections) {
      if (given.get(section.id) && inScope.some((s) => s.id === section.id)) continue;
      store.upsert("sections", section);
      result.sections.created.push(section.id);
    }
  });
  return result;
}
