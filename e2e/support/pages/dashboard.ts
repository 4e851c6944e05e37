// The dashboards a signed-in person lands on (/dashboard): a teacher's class
// cards and "Sync my classes", a student's classes and teachers.
import { expect, type Locator, type Page } from "@playwright/test";
import { dashboardUi, studentDashboardUi, syncWindowMs } from "./locators";

const lastSyncAt = new WeakMap<Page, number>();

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
    const ids = dashboardUi.testIds;
    this.classCards = page.getByTestId(ids.classCard);
    this.classList = page.getByTestId(ids.classList);
    this.emptyState = page.getByTestId(ids.emptyState);
    this.syncButton = page.getByRole("button", { name: dashboardUi.syncButton });
    this.syncStatus = page.getByTestId(ids.syncStatus);
    this.syncFailedNotice = page.getByTestId(ids.syncFailedNotice);
    this.rolloverSummary = page.getByTestId(ids.rolloverSummary);
    this.importing = page.getByTestId(ids.importing);
    this.chooseClassesLink = page.getByRole("link", { name: dashboardUi.chooseClasses });
    this.rostersNote = page.getByTestId(ids.rostersNote);
    this.lastSynced = page.getByTestId(ids.lastSynced);
    this.trialBanner = page.getByTestId(ids.trialBanner);
    this.districtPlan = page.getByTestId(ids.districtPlan);
  }
  async goto(): Promise<void> {
    await this.page.goto(dashboardUi.path);
  }
  /** The class card of the class with this name. */
  card(name: string): Locator {
    return this.classCards.filter({ hasText: name });
  }
  /** Presses "Sync my classes" once, as a person would (waiting out the
   * button's limit after a sync of their own), and returns the answer, which
   * must match `until` (a success by default). */
  async sync(until: RegExp = /Synced with Clever/): Promise<string> {
    const since = Date.now() - (lastSyncAt.get(this.page) ?? 0);
    if (since < syncWindowMs) await this.page.waitForTimeout(syncWindowMs - since);
    // An answer on the page now is the last sync's: this click's replaces it.
    await this.syncStatus.evaluate((el) => el.querySelectorAll("p").forEach((p) => p.setAttribute("data-earlier", "")));
    await this.syncButton.click();
    lastSyncAt.set(this.page, Date.now());
    const answer = this.syncStatus.locator(dashboardUi.syncAnswer);
    await expect(answer).toHaveText(until, { timeout: 60_000 });
    return (await answer.textContent()) ?? "";
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
    const ids = studentDashboardUi.testIds;
    this.classes = page.getByTestId(ids.classes);
    this.classItems = this.classes.getByRole("listitem");
    this.teachers = page.getByTestId(ids.teachers);
    this.empty = page.getByTestId(ids.empty);
    this.importing = page.getByTestId(ids.importing);
  }
  classItem(name: string): Locator {
    return this.classItems.filter({ hasText: name });
  }
}
