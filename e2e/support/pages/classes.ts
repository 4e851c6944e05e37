// The class chooser (/classes), with "Don't see a class?" and Past classes,
// and one class's page (/dashboard/sections/ID).
import type { Locator, Page } from "@playwright/test";
import { classesUi, classPageUi } from "./locators";

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
    const ids = classesUi.testIds;
    this.chooserItems = page.getByTestId(ids.chooserItem);
    this.subject = page.getByLabel(classesUi.subject);
    this.grade = page.getByLabel(classesUi.grade);
    this.filterButton = page.getByRole("button", { name: classesUi.filter });
    this.rostersNote = page.getByTestId(ids.rostersNote);
    this.pastClasses = page.getByTestId(ids.pastClasses);
    this.pastClassItems = this.pastClasses.getByTestId(ids.pastClass);
    this.missing = page.getByTestId(ids.missing);
    this.missingNotShared = page.getByTestId(ids.missingNotShared);
    this.missingHidden = page.getByTestId(ids.missingHidden);
    this.missingArchived = page.getByTestId(ids.missingArchived);
    this.missingSyncFailed = page.getByTestId(ids.missingSyncFailed);
    this.missingToken = page.getByTestId(ids.missingToken);
  }
  /** /classes, with a query string if given ("?subject=math"). */
  async goto(search = ""): Promise<void> {
    await this.page.goto(`${classesUi.path}${search}`);
  }
  /** The chooser's entry for the class with this name. */
  item(name: string): Locator {
    return this.chooserItems.filter({ hasText: name });
  }
  hideButton(name: string): Locator {
    return this.page.getByRole("button", { name: classesUi.hide(name) });
  }
  showButton(name: string): Locator {
    return this.page.getByRole("button", { name: classesUi.show(name) });
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
    const ids = classPageUi.testIds;
    this.roster = page.getByTestId(ids.roster);
    this.studentNames = this.roster.getByTestId(ids.studentName);
    this.rosterCount = page.getByTestId(ids.rosterCount);
    this.pastNote = page.getByTestId(ids.pastNote);
    this.changes = page.getByTestId(ids.changes);
    this.changeList = page.getByTestId(ids.changeList);
    this.formerStudents = page.getByTestId(ids.formerStudents);
    this.formerStudentItems = this.formerStudents.getByTestId(ids.formerStudent);
    this.formerStudentsToggle = this.formerStudents.locator("summary");
  }
  async goto(sectionId: string): Promise<void> {
    await this.page.goto(classPageUi.path(sectionId));
  }
}
