// Password accounts: creating one, and joining one to a Clever login (at the
// first login's "Yes, sign in to my account", or later on the profile page).
import type { Locator, Page } from "@playwright/test";
import { accountLinkUi, dashboardUi, onboardingUi, passwordSignUpUi } from "./locators";

export class PasswordSignUpPage {
  constructor(readonly page: Page) {}
  async goto(): Promise<void> {
    await this.page.goto(passwordSignUpUi.path);
  }
  /** Fills the form and creates the account: on the dashboard or onboarding. */
  async create(name: string, email: string, password: string, role: "Teacher" | "Student"): Promise<void> {
    await this.page.getByLabel(passwordSignUpUi.name).fill(name);
    await this.page.getByLabel(passwordSignUpUi.email).fill(email);
    await this.page.getByLabel(passwordSignUpUi.password).fill(password);
    await this.page.getByRole("radio", { name: role }).check();
    await this.page.getByRole("button", { name: passwordSignUpUi.create }).click();
    await this.page.waitForURL((url) => url.pathname === dashboardUi.path || url.pathname === onboardingUi.path);
  }
}

/** The form that proves another account's password, on either page. */
export class AccountLinkForm {
  readonly email: Locator;
  readonly password: Locator;
  readonly linkButton: Locator;
  readonly mergeButton: Locator;
  /** "… don't match an account", a wrong email or password. */
  readonly mismatch: Locator;
  constructor(readonly page: Page) {
    this.email = page.getByLabel(accountLinkUi.email);
    this.password = page.getByLabel(accountLinkUi.password);
    this.linkButton = page.getByRole("button", { name: accountLinkUi.link });
    this.mergeButton = page.getByRole("button", { name: accountLinkUi.merge });
    this.mismatch = page.getByRole("status").filter({ hasText: accountLinkUi.mismatch });
  }
  async fill(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
  }
}
