// What an administrator sees: their dashboard (/dashboard: role, the
// district's sync, their schools), a school's classes
// (/dashboard/schools/ID) and a class's roster, read-only.
import type { Locator, Page } from "@playwright/test";
import { adminDashboardUi, classPageUi } from "./locators";

export const adminSchoolPath = (schoolId: string) => `/dashboard/schools/${encodeURIComponent(schoolId)}`;
export const adminClassPath = (schoolId: string, sectionId: string) => `${adminSchoolPath(schoolId)}/classes/${encodeURIComponent(sectionId)}`;

export class AdminDashboardPage {
  readonly role: Locator;
  readonly districtSync: Locator;
  readonly schools: Locator;
  /** A full sync held for what it would archive, "Apply these changes". */
  readonly syncHeld: Locator;
  readonly syncHeldCounts: Locator;
  readonly applyHeldButton: Locator;
  readonly lastDistrictSync: Locator;
  constructor(readonly page: Page) {
    const ids = adminDashboardUi.testIds;
    this.role = page.getByTestId(ids.role);
    this.districtSync = page.getByTestId(ids.districtSync);
    this.schools = page.getByTestId(ids.schools);
    this.syncHeld = page.getByTestId(ids.syncHeld);
    this.syncHeldCounts = page.getByTestId(ids.syncHeldCounts);
    this.applyHeldButton = this.syncHeld.getByRole("button", { name: adminDashboardUi.applyHeld });
    this.lastDistrictSync = page.getByTestId(ids.lastDistrictSync);
  }
  /** Opens one of their schools' pages. */
  async openSchool(name: string): Promise<void> {
    await this.schools.getByRole("link", { name }).click();
  }
}

/** A school's classes, or one class's roster, as an administrator sees them. */
export class AdminSchoolPage {
  readonly heading: Locator;
  readonly classCards: Locator;
  readonly classFacts: Locator;
  readonly roster: Locator;
  readonly studentNames: Locator;
  readonly rosterCount: Locator;
  readonly breadcrumb: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.classCards = page.getByTestId("school-class");
    this.classFacts = page.getByTestId("class-facts");
    this.roster = page.getByTestId(classPageUi.testIds.roster);
    this.studentNames = page.getByTestId(classPageUi.testIds.studentName);
    this.rosterCount = page.getByTestId(classPageUi.testIds.rosterCount);
    this.breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
  }
  /** The level-1 heading, when it names `name`. */
  titled(name: string): Locator {
    return this.page.getByRole("heading", { level: 1, name });
  }
  card(name: string): Locator {
    return this.classCards.filter({ hasText: name });
  }
  /** "Find a class" on the school's page. */
  async findClass(name: string): Promise<void> {
    const search = this.page.getByRole("search");
    await search.getByLabel("Find a class").fill(name);
    await search.getByRole("button", { name: "Search" }).click();
  }
  /** "Search students" on a class's roster. */
  async searchStudents(text: string): Promise<void> {
    await this.page.getByLabel("Search students").fill(text);
    await this.page.getByRole("button", { name: "Show" }).click();
  }
}
