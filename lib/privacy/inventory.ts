// What this app stores from Clever, field by field (LIG-M7): the one list the
// privacy page (/privacy), `npm run data-inventory` (Clever's DSA) and the
// drift test (./inventory.test.ts, against prisma/schema.prisma and the field
// mappings in lib/roster/sync/record-fields.ts and lib/people/) all read.
import { USER_TOKEN_TTL_MS } from "@/lib/people";

export type Retention =
  /** Kept while the account exists; `npm run delete-user` removes it. */
  | "account"
  /** Kept while a teacher of the class has an account; archived (not deleted) when Clever stops sharing it. */
  | "roster"
  /** Removed once expired. */
  | "expires";

export interface StoredCleverField {
  /** The Clever record and field, as Clever's Data API names it. */
  clever: string;
  /** Where it is stored: `Model.column` in prisma/schema.prisma. */
  column: `${string}.${string}`;
  purpose: string;
  retention: Retention;
}

/** A column's facts for people reading the list (privacy page, DSA). */
export interface InventoryGroup {
  title: string;
  fields: readonly StoredCleverField[];
}

const person = (who: string): StoredCleverField[] => [
  { clever: `${who}.id`, column: "User.cleverId", purpose: "Recognises the person at every Clever login and links them to their classes.", retention: "account" },
  { clever: `${who}.id (earlier or other-role IDs)`, column: "User.cleverLegacyIds", purpose: "Finds the same account after Clever changes a person's ID or API version.", retention: "account" },
  { clever: `${who}.name.first`, column: "User.firstName", purpose: "Shows the person's name to them and their teachers.", retention: "account" },
  { clever: `${who}.name.middle`, column: "User.middleName", purpose: "Completes the name where the school shares one.", retention: "account" },
  { clever: `${who}.name.last`, column: "User.lastName", purpose: "Shows the person's name to them and their teachers.", retention: "account" },
  { clever: `${who}.name (first and last, joined)`, column: "User.name", purpose: "Display name.", retention: "account" },
  { clever: `${who}.email`, column: "User.email", purpose: "Contact detail shown on the account page; never used to sign in or to link accounts.", retention: "account" },
];

export const STORED_CLEVER_FIELDS: readonly InventoryGroup[] = [
  {
    title: "Teachers, students and school staff",
    fields: [
      ...person("user"),
      { clever: "me.type", column: "User.role", purpose: "Which pages the person sees (teacher, student, administrator).", retention: "account" },
      { clever: "me.type (every role the person signed in with)", column: "User.roles", purpose: "Lets a person with several roles switch between them.", retention: "account" },
      { clever: "student.grade", column: "User.grade", purpose: "Shown on class rosters.", retention: "account" },
      { clever: "me.district", column: "User.districtId", purpose: "Keeps each district's data apart.", retention: "account" },
      { clever: "user.school", column: "User.schoolId", purpose: "The person's school, for administrators' views.", retention: "account" },
      { clever: "school_admin.schools", column: "User.administeredSchoolIds", purpose: "Which schools an administrator may see.", retention: "account" },
      { clever: "authorized_by (Library teacher or district)", column: "User.authorizedBy", purpose: "Free trial for Library teachers; full product for districts.", retention: "account" },
      { clever: "the fields above, per roster kind (SHA-256 digest only)", column: "User.rosterDigests", purpose: "Lets the district's daily sync skip people whose records did not change.", retention: "account" },
      { clever: "user.id (Auth.js account link)", column: "Account.providerAccountId", purpose: "Links the Clever sign-in to the account.", retention: "account" },
    ],
  },
  {
    title: "Classes (sections)",
    fields: [
      { clever: "section.id", column: "Section.id", purpose: "Recognises the class at every sync; a co-teacher joins the same class.", retention: "roster" },
      { clever: "section.name", column: "Section.name", purpose: "Class name.", retention: "roster" },
      { clever: "section.name", column: "Section.previousName", purpose: "The class's name before Clever last renamed it, shown in the class's changes.", retention: "roster" },
      { clever: "section.subject", column: "Section.subject", purpose: "Shown with the class; suggests the teacher's subjects.", retention: "roster" },
      { clever: "section.grade", column: "Section.grade", purpose: "Shown with the class; suggests the teacher's grades.", retention: "roster" },
      { clever: "section.section_number", column: "Section.sectionNumber", purpose: "Tells similar classes apart.", retention: "roster" },
      { clever: "section.period", column: "Section.period", purpose: "Tells similar classes apart.", retention: "roster" },
      { clever: "section.school", column: "Section.schoolId", purpose: "The class's school.", retention: "roster" },
      { clever: "section.district", column: "Section.districtId", purpose: "Keeps each district's data apart.", retention: "roster" },
      { clever: "section.term", column: "Section.termId", purpose: "The class's term (district-shared data only).", retention: "roster" },
      { clever: "section.teachers", column: "SectionTeacher.teacherId", purpose: "Who teaches the class.", retention: "roster" },
      { clever: "section.teacher (primary teacher)", column: "SectionTeacher.isPrimary", purpose: "The class's primary teacher.", retention: "roster" },
      { clever: "section.students", column: "Enrollment.studentId", purpose: "Who is in the class (the roster).", retention: "roster" },
      { clever: "the section's fields above (SHA-256 digest only)", column: "Section.rosterDigest", purpose: "Lets the district's daily sync skip classes that did not change.", retention: "roster" },
    ],
  },
  {
    title: "Schools, districts and terms",
    fields: [
      { clever: "school.id", column: "School.id", purpose: "Recognises the school at every sync.", retention: "roster" },
      { clever: "school.name", column: "School.name", purpose: "School name.", retention: "roster" },
      { clever: "school.location.city", column: "School.city", purpose: "Tells schools of the same name apart.", retention: "roster" },
      { clever: "school.location.state", column: "School.state", purpose: "Tells schools of the same name apart.", retention: "roster" },
      { clever: "school.low_grade", column: "School.lowGrade", purpose: "Grades the school teaches.", retention: "roster" },
      { clever: "school.high_grade", column: "School.highGrade", purpose: "Grades the school teaches.", retention: "roster" },
      { clever: "school.district", column: "School.districtId", purpose: "Keeps each district's data apart.", retention: "roster" },
      { clever: "the school's fields above (SHA-256 digest only)", column: "School.rosterDigest", purpose: "Lets the district's daily sync skip schools that did not change.", retention: "roster" },
      { clever: "district.id", column: "District.id", purpose: "Keeps each district's data apart.", retention: "roster" },
      { clever: "district.name", column: "District.name", purpose: "District name.", retention: "roster" },
      { clever: "term.id", column: "Term.id", purpose: "Recognises the term at every sync.", retention: "roster" },
      { clever: "term.name", column: "Term.name", purpose: "Term name.", retention: "roster" },
      { clever: "term.start_date", column: "Term.startDate", purpose: "When the term runs.", retention: "roster" },
      { clever: "term.end_date", column: "Term.endDate", purpose: "When the term runs.", retention: "roster" },
      { clever: "term.district", column: "Term.districtId", purpose: "Keeps each district's data apart.", retention: "roster" },
      { clever: "the term's fields above (SHA-256 digest only)", column: "Term.rosterDigest", purpose: "Lets the district's daily sync skip terms that did not change.", retention: "roster" },
    ],
  },
  {
    title: "Sign-in credentials",
    fields: [
      { clever: "access_token (user or district)", column: "CleverToken.ciphertext", purpose: "Reads the teacher's classes from Clever; stored encrypted, never logged.", retention: "expires" },
      { clever: "authorization code (SHA-256 hash only)", column: "UsedLoginCode.codeHash", purpose: "Refuses a login code delivered twice.", retention: "expires" },
    ],
  },
];

/** Every stored Clever field, in reading order. */
export const storedCleverFields = (): StoredCleverField[] => STORED_CLEVER_FIELDS.flatMap((group) => group.fields);

export interface RetentionFacts {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  districtRetentionDays: number;
}

/** The retention facts of a deployment's settings (lib/platform/env.ts publicFactsSchema). */
export function retentionFactsOf(settings: { SESSION_IDLE_MINUTES: number; SESSION_MAX_HOURS: number; DISTRICT_RETENTION_DAYS: number }): RetentionFacts {
  return { sessionIdleMinutes: settings.SESSION_IDLE_MINUTES, sessionMaxHours: settings.SESSION_MAX_HOURS, districtRetentionDays: settings.DISTRICT_RETENTION_DAYS };
}

/** How long each kind of field is kept, and how it is deleted. */
export function retentionText(retention: Retention, facts: RetentionFacts): { kept: string; deleted: string } {
  switch (retention) {
    case "account":
      return {
        kept: "While the account exists.",
        deleted: `With the account: on request, by \`npm run delete-user\` (sessions, tokens, class links and choices go with it). The person's Clever ID alone is kept, so that no sync creates the account again, until the school asks to allow it (\`npm run delete-user -- --lift\`). A district's people ${facts.districtRetentionDays} days after the district stops sharing its data with the app.`,
      };
    case "roster":
      return {
        kept: "While a teacher of the class has an account. A class Clever no longer shares is archived (hidden, kept for the teacher's records).",
        deleted: `When its last teacher's account is deleted, or on the district's request. When a district stops sharing its data with the app, its people's access ends at once and its data is deleted ${facts.districtRetentionDays} days later, unless it connects again before.`,
      };
    case "expires":
      return {
        kept: `A person's Clever token about ${Math.round(USER_TOKEN_TTL_MS / 3_600_000)} hours after their login; a district's token as long as the district shares its data with the app (re-read from Clever as it syncs); used login codes a few minutes. Sessions (which hold no Clever data) end after ${facts.sessionIdleMinutes} minutes idle and within ${facts.sessionMaxHours} hours.`,
        deleted: "Automatically once expired (the purge job), and with the account.",
      };
  }
}

/** The inventory as Markdown, for Clever's data sharing agreement. */
export function inventoryMarkdown(facts: RetentionFacts, company: { name: string; email: string }): string {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  const lines = [
    `# Clever data stored by ${company.name}`,
    "",
    `Generated from the code (lib/privacy/inventory.ts). Student data is never sold or used for advertising. Questions and deletion requests: ${company.email}.`,
  ];
  for (const group of STORED_CLEVER_FIELDS) {
    lines.push("", `## ${group.title}`, "", "| Clever field | Stored in | Purpose | Kept | Deleted |", "| --- | --- | --- | --- | --- |");
    for (const field of group.fields) {
      const { kept, deleted } = retentionText(field.retention, facts);
      lines.push(`| ${cell(field.clever)} | \`${field.column}\` | ${cell(field.purpose)} | ${cell(kept)} | ${cell(deleted)} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}
