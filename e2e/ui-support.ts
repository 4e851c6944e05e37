// Helpers for the ui-* specs: fresh Clever users in the sandbox (so parallel
// browsers never share state), waiting for the login sync, onboarding, axe,
// keyboard navigation and phone + desktop screenshots.
import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";
import { type FixtureHandle, fixtures, instantLogin, sandbox } from "./support/clever";
import { query, storedCleverIds } from "./support/db";
import { seriousAxeViolations } from "./support/axe";
import { OnboardingPage } from "./support/pages/onboarding";

const hex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
export const newId = () => hex(12);
export const unique = (prefix: string) => `${prefix}-${hex(4)}`;

export interface SectionSpec {
  name: string;
  subject: string;
  grade?: string;
  period?: string;
  students: string[];
  coTeachers?: string[];
  /** A term of the local Clever's (district teachers only). */
  termId?: string;
}

/** A teacher nobody else uses: Library (teacher-shared) or in the sandbox
 * district, at `school` (the elementary school unless given). */
export async function freshTeacher(
  first: string,
  last: string,
  options: { district?: boolean; email?: boolean; sections?: SectionSpec[]; school?: string } = {},
): Promise<FixtureHandle> {
  const id = newId();
  const district = options.district ?? false;
  const school = options.school ?? fixtures.schoolElementary.id;
  const email = options.email === false ? undefined : `${first.toLowerCase()}.${id.slice(0, 8)}@${district ? "sandbox" : "library"}.example`;
  const teacher: Record<string, unknown> = district
    ? { id, district: fixtures.district.id, school, schools: [school], name: { first, last } }
    : { id, name: { first, middle: "", last } };
  if (email) teacher.email = email;
  await sandbox.putData("teachers", id, teacher);
  for (const [i, spec] of (options.sections ?? []).entries()) {
    const sectionId = newId();
    const section: Record<string, unknown> = {
      id: sectionId,
      name: spec.name,
      subject: spec.subject,
      teacher: id,
      teachers: [id, ...(spec.coTeachers ?? [])],
      students: spec.students,
      section_number: `T-${i + 1}`,
    };
    if (spec.grade) section.grade = spec.grade;
    if (district) Object.assign(section, { district: fixtures.district.id, school, period: spec.period ?? String(i + 1) });
    if (district && spec.termId) section.term_id = spec.termId;
    await sandbox.putData("sections", sectionId, section);
  }
  return { key: `ui:${id}`, id, type: "teacher", name: `${first} ${last}`, districtId: district ? fixtures.district.id : null, email: email ?? null, tags: ["ui-test"] };
}

/** A district teacher who is also a school's staff (Clever's multi-role
 * user), nobody else's: one v3 user whose two roles have their own v2 IDs,
 * teaching one class. Handles for signing in as each role. */
export async function freshMultiRoleTeacher(first: string, last: string, className: string): Promise<{ v3Id: string; asTeacher: FixtureHandle; asStaff: FixtureHandle }> {
  const [v3Id, teacherId, staffId, sectionId] = [newId(), newId(), newId(), newId()];
  const school = fixtures.schoolElementary.id;
  const email = `${first.toLowerCase()}.${v3Id.slice(0, 8)}@sandbox.example`;
  await sandbox.putUser(v3Id, {
    district: fixtures.district.id,
    email,
    name: { first, last },
    roles: { teacher: { legacy_id: teacherId, school, schools: [school] }, staff: { legacy_id: staffId, schools: [school], title: "Assistant Principal" } },
  });
  const students = await Promise.all([0, 1].map(() => newId()));
  for (const [i, id] of students.entries()) await sandbox.putData("students", id, { id, district: fixtures.district.id, school, name: { first: `Kid${i}`, last }, grade: "4" });
  await sandbox.putData("sections", sectionId, { id: sectionId, district: fixtures.district.id, school, name: className, subject: "english/language arts", grade: "4", teacher: teacherId, teachers: [teacherId], students });
  const handle = (id: string, type: "teacher" | "school_admin"): FixtureHandle => ({ key: `ui:${id}`, id, type, name: `${first} ${last}`, districtId: fixtures.district.id, email, tags: ["ui-test", "multi-role"] });
  return { v3Id, asTeacher: handle(teacherId, "teacher"), asStaff: handle(staffId, "school_admin") };
}

/** A student nobody else uses: in the sandbox district (at the elementary
 * school) or the Library, in no class until a teacher's section lists them. */
export async function freshStudent(first: string, last: string, options: { district?: boolean; grade?: string } = {}): Promise<FixtureHandle> {
  const id = newId();
  const district = options.district ?? true;
  const grade = options.grade ?? "4";
  await sandbox.putData("students", id, district ? { id, district: fixtures.district.id, school: fixtures.schoolElementary.id, name: { first, last }, grade } : { id, name: { first, middle: "", last }, grade });
  return { key: `ui:${id}`, id, type: "student", name: `${first} ${last}`, districtId: district ? fixtures.district.id : null, email: null, tags: ["ui-test"] };
}

/** A Library student in a fresh Library teacher's class. */
export async function freshLibraryStudent(first: string, last: string): Promise<{ student: FixtureHandle; teacher: FixtureHandle }> {
  const id = newId();
  await sandbox.putData("students", id, { id, name: { first, middle: "", last }, grade: "4" });
  const teacher = await freshTeacher("Tess", unique("Teacher"), { sections: [{ name: `Class of ${first}`, subject: "math", grade: "4", students: [id] }] });
  return { student: { key: `ui:${id}`, id, type: "student", name: `${first} ${last}`, districtId: null, email: null, tags: ["ui-test"] }, teacher };
}

/** Clever-initiated login; lands on /onboarding (teacher's first login) or /dashboard. */
export async function cleverLogin(page: Page, user: FixtureHandle): Promise<void> {
  await instantLogin(page, user);
}

export async function userIdOf(cleverId: string): Promise<string> {
  const rows = await query<{ id: string }>(`SELECT id FROM "User" WHERE "cleverId" = ANY($1)`, [storedCleverIds(cleverId)]);
  expect(rows, `user with Clever ID ${cleverId}`).toHaveLength(1);
  return rows[0]?.id ?? "";
}

/** Waits until `count` sync runs of the user have finished successfully. */
export async function waitForSync(cleverId: string, count = 1): Promise<void> {
  await expect
    .poll(
      async () => {
        const rows = await query<{ n: string }>(
          `SELECT count(*) AS n FROM "SyncRun" r JOIN "User" u ON u.id = r."userId" WHERE u."cleverId" = ANY($1) AND r.outcome = 'succeeded'`,
          [storedCleverIds(cleverId)],
        );
        return Number(rows[0]?.n ?? 0);
      },
      { timeout: 30_000, message: `sync of ${cleverId}` },
    )
    .toBeGreaterThanOrEqual(count);
}

/** First login of a teacher: "No, create a new one", accept the pre-filled form. */
export const finishOnboarding = (page: Page, school?: string): Promise<void> => new OnboardingPage(page).finish(school);

/** A teacher's first login (Clever-initiated): their login's sync done,
 * onboarding finished (at `school`, which a Library teacher needs): on the
 * dashboard. */
export async function signInTeacher(page: Page, teacher: FixtureHandle, school?: string): Promise<void> {
  await cleverLogin(page, teacher);
  await waitForSync(teacher.id);
  await finishOnboarding(page, school);
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAxeViolations(page), `axe on ${page.url()}`).toEqual([]);
}

/** The page at phone (360 px) and desktop width, attached to the report. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const [label, size] of [
    ["phone", { width: 360, height: 740 }],
    ["desktop", { width: 1280, height: 800 }],
  ] as const) {
    await page.setViewportSize(size);
    const path = testInfo.outputPath(`${name}-${label}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name} (${label})`, { path, contentType: "image/png" });
  }
  if (original) await page.setViewportSize(original);
}

/** No horizontal scrolling at the current width. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
}

/** Presses Tab until `target` has focus (keyboard-only journeys). */
export async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  // On the page before the first Tab: a target still to come would make each
  // read below wait for it.
  await expect(target).toBeVisible();
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    // Focus and its look read together: a page refreshing itself between two
    // reads (the dashboard while classes import) would show a lost focus as
    // an invisible one.
    const focus = await target
      .evaluate(
        (el) => {
          if (el !== document.activeElement) return "elsewhere";
          const style = getComputedStyle(el);
          return (style.outlineStyle !== "none" && style.outlineWidth !== "0px") || style.boxShadow !== "none" ? "visible" : "invisible";
        },
        undefined,
        { timeout: 5_000 },
      )
      .catch(() => "elsewhere");
    if (focus !== "elsewhere") {
      // Focus must be visible: an outline or a box shadow.
      expect(focus, "visible focus indicator").toBe("visible");
      return;
    }
  }
  throw new Error(`could not reach ${target.toString()} with Tab`);
}
