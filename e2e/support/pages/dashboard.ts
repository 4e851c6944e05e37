// The dashboards a signed-in person lands on (/dashboard): a teacher's class
// cards and "Sync my classes", a student's classes and teachers.
import type { Locator, Page } from "@playwright/test";
import { syncNow } from "../../ui-support";

/** A teacher's dashboard. */
export class DashboardPage {
  readonly classCards: Locator;
  readonly classList: Locator;
  readonly emptyState: Locator;
  readonly syncButton: Locator;
  readonly syncStatus: Locator;
  readonly syncFailedNotice: Locator;
  readonly rolloverSummary: Locator;
  /** "Importing your classes from Clever…", while the login's sync runs. */
  readonly importing: Locator;
  readonly chooseClassesLink: Locator;
  readonly rostersNote: Locator;
  readonly lastSynced: Locator;
  /** A Library teacher's free trial; a district's plan. */
  readonly trialBanner: Locator;
  readonly districtPlan: Locator;
  constructor(readonly page: Page) {
    this.classCards = page.getByTestId("class-card");
    this.classList = page.getByTestId("class-list");
    this.emptyState = page.getByTestId("empty-state");
    this.syncButton = page.getByRole("button", { name: "Sync my classes" });
    this.syncStatus = page.getByTestId("sync-status");
    this.syncFailedNotice = page.getByTestId("sync-failed-notice");
    this.rolloverSummary = page.getByTestId("rollover-summary");
    this.importing = page.getByTestId("importing");
    this.chooseClassesLink = page.getByRole("link", { name: "Choose classes" });
    this.rostersNote = page.getByTestId("rosters-note");
    this.lastSynced = page.getByTestId("last-synced");
    this.trialBanner = page.getByTestId("trial-banner");
    this.districtPlan = page.getByTestId("district-plan");
  }
  async goto(): Promise<void> {
    await this.page.goto("/dashboard");
  }
  /** The class card of the class with this name. */
  card(name: string): Locator {
    return this.classCards.filter({ hasText: name });
  }
  /** Presses "Sync my classes" and returns its answer (a success by default). */
  sync(until?: RegExp): Promise<string> {
    return syncNow(this.page, until);
  }
}

/** A student's dashboard. */
export class StudentDashboardPage {
  readonly classes: Locator;
  readonly classItems: Locator;
  readonly teachers: Locator;
  /** Why there are no classes yet. */
  readonly empty: Locator;
  /** "Importing your classes from Clever…", while the login's sync runs. */
  readonly importing: Locator;
  constructor(readonly page: Page) {
    this.classes = page.getByTestId("student-classes");
    this.classItems = this.classes.getByRole("listitem");
    this.teachers = page.getByTestId("teacher-list");
    this.empty = page.getByTestId("student-empty");
    this.importing = page.getByTestId("importing");
  }
  classItem(name: string): Locator {
    return this.classItems.filter({ hasText: name });
  }
}
