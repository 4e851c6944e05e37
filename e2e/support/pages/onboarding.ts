// A teacher's first login (/onboarding): "Do you already have an account?",
// then one form pre-filled from Clever, with the school picker for Library
// teachers.
import { expect, type Locator, type Page } from "@playwright/test";
import { dashboardUi, onboardingUi } from "./locators";

export class OnboardingPage {
  readonly question: Locator;
  readonly createNewLink: Locator;
  /** "Yes, sign in to my account": link an account made before. */
  readonly linkExistingLink: Locator;
  readonly continueButton: Locator;
  readonly schoolSelected: Locator;
  readonly schoolFromClever: Locator;
  /** The school picker's combobox as it is (see `schoolBox`). */
  readonly schoolCombobox: Locator;
  constructor(readonly page: Page) {
    this.question = page.getByRole("heading", { name: onboardingUi.question });
    this.createNewLink = page.getByRole("link", { name: onboardingUi.createNew });
    this.linkExistingLink = page.getByRole("link", { name: onboardingUi.linkExisting });
    this.continueButton = page.getByRole("button", { name: onboardingUi.continue });
    this.schoolSelected = page.getByTestId(onboardingUi.testIds.schoolSelected);
    this.schoolFromClever = page.getByTestId(onboardingUi.testIds.schoolFromClever);
    this.schoolCombobox = page.getByRole("combobox", { name: onboardingUi.schoolBox });
  }
  /** The school picker's combobox once it is interactive (hydrated). */
  async schoolBox(): Promise<Locator> {
    await expect(this.schoolCombobox).toHaveAttribute("data-ready", "true");
    return this.schoolCombobox;
  }
  /** Types `search` into the school picker and picks `option` (the search by default). */
  async pickSchool(search: string, option?: string): Promise<void> {
    // Type-ahead needs the page's JavaScript: wait until the picker is interactive.
    const box = await this.schoolBox();
    await box.fill("");
    await box.pressSequentially(search, { delay: 20 });
    await this.page.getByRole("option", { name: option ?? search }).first().click();
    await expect(this.schoolSelected).toContainText("Selected:");
  }
  /** A subject's checkbox, by the name the form gives it ("Arts & music"). */
  subject(name: string): Locator {
    return this.page.getByRole("checkbox", { name });
  }
  /** A school the picker does not list: typed, "My school isn't listed", then named. */
  async nameUnlistedSchool(name: string): Promise<void> {
    await (await this.schoolBox()).pressSequentially(name);
    await this.page.getByRole("option", { name: onboardingUi.unlisted }).click();
    await this.page.getByLabel(onboardingUi.schoolName).fill(name);
  }
  /** "No, create a new one", the pre-filled form (at `school` if given) accepted: on the dashboard. */
  async finish(school?: string): Promise<void> {
    await this.createNewLink.click();
    if (school) await this.pickSchool(school);
    await this.submit();
  }
  /** Submits the form and waits for the dashboard. */
  async submit(): Promise<void> {
    await this.continueButton.click();
    await this.page.waitForURL((url) => url.pathname === dashboardUi.path);
  }
}
