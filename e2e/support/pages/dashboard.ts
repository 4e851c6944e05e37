// The dashboards a signed-in person lands on (/dashboard): a teacher's class
// cards and "Sync my classes", a student's classes and teachers.
import { expect, type Locator, type Page } from "@playwright/test";
import { rateLimits } from "@/lib/platform/rate-limit-rules";

/** The button's limit: one sync per user in each window, so two clicks a
 * window apart are both let through. */
const syncWindowMs = rateLimits.sync.windowSeconds * 1000;
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
    const answer = this.syncStatus.locator("p:not([data-earlier]):not(.sr-only)");
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
