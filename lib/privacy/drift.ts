// Keeps the inventory (./inventory.ts) true to the code: every column of the
// models that hold Clever data is either listed there or named here as the
// app's own, every column a Clever field mapping writes is listed, and the
// list names nothing that is not a Clever-sourced column.
import type { StoredCleverField } from "./inventory";

/** Models that hold data from Clever. */
const CLEVER_MODELS = ["User", "Account", "Section", "SectionTeacher", "Enrollment", "School", "District", "Term", "CleverToken", "UsedLoginCode"] as const;

/** Columns of those models that Clever does not fill: the app's own
 * bookkeeping, or what the person enters themselves. */
const OWN_COLUMNS: ReadonlySet<string> = new Set([
  "User.id", "User.loginEmail", "User.emailVerified", "User.image", "User.directorySchoolId", "User.schoolNameEntered", "User.subjects", "User.grades",
  "User.onboardingCompletedAt", "User.trialEndsAt", "User.passwordHash", "User.archivedAt", "User.createdAt", "User.updatedAt", "User.rosterWrittenAt",
  "Account.id", "Account.userId", "Account.type", "Account.provider", "Account.refresh_token", "Account.access_token", "Account.expires_at",
  "Account.token_type", "Account.scope", "Account.id_token", "Account.session_state", "Account.createdAt", "Account.updatedAt",
  "Section.archivedAt", "Section.createdAt", "Section.updatedAt", "Section.rosterWrittenAt", "Section.renamedAt",
  "SectionTeacher.sectionId", "SectionTeacher.archivedAt", "SectionTeacher.createdAt", "SectionTeacher.updatedAt",
  "Enrollment.sectionId", "Enrollment.archivedAt", "Enrollment.createdAt", "Enrollment.updatedAt",
  "School.archivedAt", "School.createdAt", "School.updatedAt", "School.rosterWrittenAt",
  "District.createdAt", "District.updatedAt", "District.disconnectedAt",
  "Term.archivedAt", "Term.createdAt", "Term.updatedAt", "Term.rosterWrittenAt",
  "CleverToken.id", "CleverToken.userId", "CleverToken.districtId", "CleverToken.keyId", "CleverToken.expiresAt", "CleverToken.createdAt",
  "UsedLoginCode.usedAt", "UsedLoginCode.expiresAt",
]);

/** Scalar columns (`Model.column`) of each model in a Prisma schema; relation fields are left out. */
export function schemaColumns(schema: string): Map<string, string[]> {
  const models = new Map<string, string[]>();
  const enums = new Set([...schema.matchAll(/^enum\s+(\w+)\s*\{/gm)].map((match) => match[1] as string));
  const modelNames = new Set([...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map((match) => match[1] as string));
  for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, model = "", body = ""] = match;
    const columns: string[] = [];
    for (const line of body.split("\n")) {
      const field = /^\s*(\w+)\s+(\w+)(\[\])?\??/.exec(line);
      if (!field) continue;
      const [, name = "", type = ""] = field;
      if (modelNames.has(type)) continue; // a relation, not a column
      if (!enums.has(type) && !/^[A-Z]/.test(type)) continue;
      columns.push(`${model}.${name}`);
    }
    models.set(model, columns);
  }
  return models;
}

export interface DriftInput {
  inventory: readonly StoredCleverField[];
  /** From schemaColumns(prisma/schema.prisma). */
  columns: Map<string, string[]>;
  /** Columns the Clever field mappings write (lib/roster/sync/record-fields.ts, lib/people/). */
  mapped: Iterable<string>;
}

/** One line per way the inventory and the code disagree; empty when they agree. */
export function inventoryProblems({ inventory, columns, mapped }: DriftInput): string[] {
  const problems: string[] = [];
  const listed = new Set<string>(inventory.map((field) => field.column));
  const tracked = new Set(CLEVER_MODELS.flatMap((model) => columns.get(model) ?? []));
  const all = new Set([...columns.values()].flat());
  for (const column of tracked) {
    if (!listed.has(column) && !OWN_COLUMNS.has(column)) problems.push(`${column} is neither in the Clever data inventory nor one of the app's own columns`);
  }
  for (const column of mapped) {
    if (!listed.has(column)) problems.push(`${column} is written from Clever but missing from the Clever data inventory`);
  }
  for (const column of listed) {
    if (!all.has(column)) problems.push(`${column} is in the inventory but not in the schema`);
    else if (OWN_COLUMNS.has(column)) problems.push(`${column} is in the inventory but marked as the app's own`);
  }
  return problems;
}
