// A teacher's first login (/onboarding): "Do you already have an account?",
// then one form pre-filled from Clever, with the school picker for Library
// teachers.
import type { Locator, Page } from "@playwright/test";
import { finishOnboarding, pickSchool, schoolBox } from "../../ui-support";

export class OnboardingPage {
  readonly question: Locator;
  readonly createNewLink: Locator;
  readonly continueButton: Locator;
  readonly schoolSelected: Locator;
  readonly schoolFromClever: Locator;
  /** The school picker's combobox as it is (see `schoolBox`). */
  readonly schoolCombobox: Locator;
  constructor(readonly page: Page) {
    this.question = page.getByRole("heading", { name: "Welcome! Do you already have an account?" });
    this.createNewLink = page.getByRole("link", { name: "No, create a new one" });
    this.continueButton = page.getByRole("button", { name: "Continue to my classes" });
    this.schoolSelected = page.getByTestId("school-selected");
    this.schoolFromClever = page.getByTestId("school-from-clever");
    this.schoolCombobox = page.getByRole("combobox", { name: "School name or city" });
  }
  /** The school picker's combobox once it is interactive (hydrated). */
  schoolBox(): Promise<Locator> {
    return schoolBox(this.page);
  }
  /** Types `search` into the school picker and picks `option` (the search by default). */
  pickSchool(search: string, option?: string): Promise<void> {
    return pickSchool(this.page, search, option);
  }
  /** "No, create a new one", the pre-filled form (at `school` if given) accepted: on the dashboard. */
  finish(school?: string): Promise<void> {
    return finishOnboarding(this.page, school);
  }
  /** Submits the form and waits for the dashboard. */
  async submit(): Promise<void> {
    await this.continueButton.click();
    await this.page.waitForURL((url) => url.pathname === "/dashboard");
  }
}
