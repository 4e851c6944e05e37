// Playwright fixtures for the journeys and the server specs: the test stack's
// environment, fresh users signed in on the page, a fresh district, a second
// browser, and page objects for the screens every journey visits (./pages/).
// A spec imports `test` and `expect` from here instead of @playwright/test:
//
//   test("…", async ({ signedInTeacher, dashboard, classes }) => {
//     await signedInTeacher("Ada", "Lovelace", [{ name: "Math 4", subject: "math", students: [] }]);
//     await expect(dashboard.card("Math 4")).toContainText("0 students");
//   });
import { test as base, expect, type Page } from "@playwright/test";
import { testPorts, testStackEnv } from "../../scripts/lib/test-stack";
import { type FixtureHandle, instantLogin } from "./clever";
import { type District, freshDistrict } from "./district";
import { AdminDashboardPage, AdminSchoolPage } from "./pages/admin";
import { AuthErrorPage, Banner, HomePage, LoggedOutPage } from "./pages/auth";
import { ClassesPage, ClassPage } from "./pages/classes";
import { DashboardPage, StudentDashboardPage } from "./pages/dashboard";
import { OnboardingPage } from "./pages/onboarding";
import { expectAccessible, freshStudent, freshTeacher, type SectionSpec, signInTeacher, waitForSync } from "../ui-support";

// For a second browser of a journey's own (`new DashboardPage(otherPage)`).
export { Banner, ClassesPage, ClassPage, DashboardPage, type LoggedOutPage, OnboardingPage, StudentDashboardPage };

interface Fixtures {
  /** The environment the app under test runs with (its secrets, its Clever). */
  stack: ReturnType<typeof testStackEnv>;
  /** A district of its own in the local Clever, connected, not yet rostered. */
  district: District;
  /** A page in a browser of its own (no cookies shared with `page`), closed after the test. */
  newBrowser: () => Promise<Page>;
  dashboard: DashboardPage;
  studentDashboard: StudentDashboardPage;
  classes: ClassesPage;
  classPage: ClassPage;
  onboarding: OnboardingPage;
  home: HomePage;
  authError: AuthErrorPage;
  loggedOut: LoggedOutPage;
  banner: Banner;
  adminDashboard: AdminDashboardPage;
  adminSchool: AdminSchoolPage;
  /** A teacher made beforehand signs in on `page` for the first time
   * (Clever-initiated): their login's sync done, onboarding finished (at
   * `school`, which a Library teacher needs): on the dashboard. */
  signInTeacher: (teacher: FixtureHandle, school?: string) => Promise<void>;
  /** A fresh district teacher with these classes, signed in on `page` as
   * `signInTeacher` does. `email: false`: Clever shares no email. */
  signedInTeacher: (first: string, last: string, sections?: SectionSpec[], options?: { email?: boolean }) => Promise<FixtureHandle>;
  /** A fresh Library (teacher-shared) teacher with these classes, signed in
   * on `page` as `signInTeacher` does, onboarded at `school`. */
  signedInLibraryTeacher: (first: string, last: string, school: string, sections?: SectionSpec[]) => Promise<FixtureHandle>;
  /** A student signs in on `page` (Clever-initiated): once their login's
   * `syncs`-th sync is done, the dashboard is loaded again to show it. */
  signInStudent: (student: FixtureHandle, syncs?: number) => Promise<void>;
  /** A fresh student (district, or Library with `library`) in no class,
   * signed in on `page` as `signInStudent` does. */
  signedInStudent: (first: string, last: string, options?: { library?: boolean }) => Promise<FixtureHandle>;
  /** axe on the page as it is now. */
  accessible: () => Promise<void>;
}

// The fixture's callback is Playwright's `use`, named `provide` here: ESLint's
// React hook rule would read `use` as React's.
export const test = base.extend<Fixtures>({
  stack: async ({}, provide) => provide(testStackEnv(testPorts())),
  district: async ({}, provide) => provide(await freshDistrict()),
  newBrowser: async ({ browser }, provide) => {
    const opened: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await provide(async () => {
      const context = await browser.newContext();
      opened.push(context);
      return context.newPage();
    });
    for (const context of opened) await context.close();
  },
  dashboard: async ({ page }, provide) => provide(new DashboardPage(page)),
  studentDashboard: async ({ page }, provide) => provide(new StudentDashboardPage(page)),
  classes: async ({ page }, provide) => provide(new ClassesPage(page)),
  classPage: async ({ page }, provide) => provide(new ClassPage(page)),
  onboarding: async ({ page }, provide) => provide(new OnboardingPage(page)),
  home: async ({ page }, provide) => provide(new HomePage(page)),
  authError: async ({ page }, provide) => provide(new AuthErrorPage(page)),
  loggedOut: async ({ page }, provide) => provide(new LoggedOutPage(page)),
  banner: async ({ page }, provide) => provide(new Banner(page)),
  adminDashboard: async ({ page }, provide) => provide(new AdminDashboardPage(page)),
  adminSchool: async ({ page }, provide) => provide(new AdminSchoolPage(page)),
  signInTeacher: async ({ page }, provide) =>
    provide((teacher, school) => signInTeacher(page, teacher, school)),
  signedInTeacher: async ({ signInTeacher }, provide) =>
    provide(async (first, last, sections = [], options = {}) => {
      const teacher = await freshTeacher(first, last, { district: true, sections, email: options.email });
      await signInTeacher(teacher);
      return teacher;
    }),
  signedInLibraryTeacher: async ({ signInTeacher }, provide) =>
    provide(async (first, last, school, sections = []) => {
      const teacher = await freshTeacher(first, last, { sections });
      await signInTeacher(teacher, school);
      return teacher;
    }),
  signInStudent: async ({ page }, provide) =>
    provide(async (student, syncs = 1) => {
      await instantLogin(page, student);
      await waitForSync(student.id, syncs);
      await page.reload();
    }),
  signedInStudent: async ({ signInStudent }, provide) =>
    provide(async (first, last, options = {}) => {
      const student = await freshStudent(first, last, { district: !options.library });
      await signInStudent(student);
      return student;
    }),
  accessible: async ({ page }, provide) => provide(() => expectAccessible(page)),
});

export { expect };
