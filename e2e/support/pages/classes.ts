// The class chooser (/classes), with "Don't see a class?" and Past classes,
// and one class's page (/dashboard/sections/ID).
import type { Locator, Page } from "@playwright/test";

export class ClassesPage {
  readonly chooserItems: Locator;
  readonly subject: Locator;
  readonly grade: Locator;
  readonly filterButton: Locator;
  readonly rostersNote: Locator;
  readonly pastClasses: Locator;
  readonly pastClassItems: Locator;
  /** "Don't see a class?" and its reasons. */
  readonly missing: Locator;
  readonly missingNotShared: Locator;
  readonly missingHidden: Locator;
  readonly missingArchived: Locator;
  readonly missingSyncFailed: Locator;
  readonly missingToken: Locator;
  constructor(readonly page: Page) {
    this.chooserItems = page.getByTestId("chooser-item");
    this.subject = page.getByLabel("Subject");
    this.grade = page.getByLabel("Grade");
    this.filterButton = page.getByRole("button", { name: "Filter" });
    this.rostersNote = page.getByTestId("rosters-note");
    this.pastClasses = page.getByTestId("past-classes");
    this.pastClassItems = this.pastClasses.getByTestId("past-class");
    this.missing = page.getByTestId("missing-classes");
    this.missingNotShared = page.getByTestId("missing-not-shared");
    this.missingHidden = page.getByTestId("missing-hidden");
    this.missingArchived = page.getByTestId("missing-archived");
    this.missingSyncFailed = page.getByTestId("missing-sync-failed");
    this.missingToken = page.getByTestId("missing-token");
  }
  /** /classes, with a query string if given ("?subject=math"). */
  async goto(search = ""): Promise<void> {
    await this.page.goto(`/classes${search}`);
  }
  /** The chooser's entry for the class with this name. */
  item(name: string): Locator {
    return this.chooserItems.filter({ hasText: name });
  }
  hideButton(name: string): Locator {
    return this.page.getByRole("button", { name: `Hide ${name}` });
  }
  showButton(name: string): Locator {
    return this.page.getByRole("button", { name: `Show ${name}` });
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

/** One class's page: current or past. */
export class ClassPage {
  readonly heading: Locator;
  readonly roster: Locator;
  readonly studentNames: Locator;
  readonly rosterCount: Locator;
  readonly pastNote: Locator;
  /** What the last sync changed, and who owns the roster. */
  readonly changes: Locator;
  readonly changeList: Locator;
  /** "No longer in this class in Clever". */
  readonly formerStudents: Locator;
  readonly formerStudentItems: Locator;
  /** Opens and closes the former students' list. */
  readonly formerStudentsToggle: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.roster = page.getByTestId("roster");
    this.studentNames = this.roster.getByTestId("student-name");
    this.rosterCount = page.getByTestId("roster-count");
    this.pastNote = page.getByTestId("past-class-note");
    this.changes = page.getByTestId("class-changes");
    this.changeList = page.getByTestId("class-change-list");
    this.formerStudents = page.getByTestId("former-students");
    this.formerStudentItems = this.formerStudents.getByTestId("former-student");
    this.formerStudentsToggle = this.formerStudents.locator("summary");
  }
  async goto(sectionId: string): Promise<void> {
    await this.page.goto(`/dashboard/sections/${encodeURIComponent(sectionId)}`);
  }
}
