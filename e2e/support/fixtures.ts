// Playwright fixtures for the journeys: a fresh teacher signed in on the
// page, and page objects for the screens every journey visits. A spec imports
// `test` and `expect` from here instead of @playwright/test.
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import type { FixtureHandle } from "./clever";
import { cleverLogin, expectAccessible, finishOnboarding, freshTeacher, type SectionSpec, syncNow, waitForSync } from "../ui-support";

/** The teacher's dashboard (/dashboard). */
class DashboardPage {
  readonly classCards: Locator;
  readonly rolloverSummary: Locator;
  constructor(readonly page: Page) {
    this.classCards = page.getByTestId("class-card");
    this.rolloverSummary = page.getByTestId("rollover-summary");
  }
  async goto(): Promise<void> {
    await this.page.goto("/dashboard");
  }
  /** Presses "Sync my classes" and returns its answer (a success by default). */
  sync(until?: RegExp): Promise<string> {
    return syncNow(this.page, until);
  }
}

/** The class chooser (/classes), with Past classes. */
class ClassesPage {
  readonly chooserItems: Locator;
  readonly pastClasses: Locator;
  readonly pastClassItems: Locator;
  constructor(readonly page: Page) {
    this.chooserItems = page.getByTestId("chooser-item");
    this.pastClasses = page.getByTestId("past-classes");
    this.pastClassItems = this.pastClasses.getByTestId("past-class");
  }
  async goto(): Promise<void> {
    await this.page.goto("/classes");
  }
  /** Opens the Past classes list (closed by default). */
  async openPastClasses(): Promise<void> {
    await this.pastClasses.locator("summary").click();
  }
  async openPastClass(name: string): Promise<ClassPage> {
    await this.pastClasses.getByRole("link", { name }).click();
    return new ClassPage(this.page);
  }
}

/** One class's page (/dashboard/sections/ID): current or past. */
class ClassPage {
  readonly heading: Locator;
  readonly studentNames: Locator;
  readonly pastNote: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.studentNames = page.getByTestId("roster").getByTestId("student-name");
    this.pastNote = page.getByTestId("past-class-note");
  }
}

interface Fixtures {
  dashboard: DashboardPage;
  classes: ClassesPage;
  /** A fresh district teacher with these classes, signed in on `page`
   * (first login's sync done, onboarding finished): on the dashboard. */
  signedInTeacher: (first: string, last: string, sections: SectionSpec[]) => Promise<FixtureHandle>;
  /** axe on the page as it is now. */
  accessible: () => Promise<void>;
}

// The fixture's callback is Playwright's `use`, named `provide` here: ESLint's
// React hook rule would read `use` as React's.
export const test = base.extend<Fixtures>({
  dashboard: async ({ page }, provide) => provide(new DashboardPage(page)),
  classes: async ({ page }, provide) => provide(new ClassesPage(page)),
  signedInTeacher: async ({ page }, provide) =>
    provide(async (first, last, sections) => {
      const teacher = await freshTeacher(first, last, { district: true, sections });
      await cleverLogin(page, teacher);
      await waitForSync(teacher.id);
      await finishOnboarding(page);
      return teacher;
    }),
  accessible: async ({ page }, provide) => provide(() => expectAccessible(page)),
});

export { expect };
