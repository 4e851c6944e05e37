// The pages around signing in and out: the landing page (/), the friendly
// error page (/auth/error), the signed-out page (/logged-out) and the
// signed-in banner on every page.
import { expect, type Locator, type Page } from "@playwright/test";
import { axeViolations } from "../axe";
import { authErrorUi, bannerUi, homeUi, loggedOutUi } from "./locators";

export class HomePage {
  readonly heading: Locator;
  readonly logInLink: Locator;
  readonly signUpLink: Locator;
  readonly trialNote: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.logInLink = page.getByRole("link", { name: homeUi.logIn });
    this.signUpLink = page.getByRole("link", { name: homeUi.signUp });
    this.trialNote = page.getByTestId(homeUi.testIds.trialNote);
  }
  async goto(): Promise<void> {
    await this.page.goto(homeUi.path);
  }
}

/** /auth/error: a plain message, "Try again" and a support reference. */
export class AuthErrorPage {
  readonly heading: Locator;
  readonly reference: Locator;
  readonly tryAgain: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.reference = page.getByTestId(authErrorUi.testIds.reference);
    this.tryAgain = page.getByRole("button", { name: authErrorUi.tryAgain });
  }
  async waitFor(): Promise<void> {
    await this.page.waitForURL((url) => url.pathname === authErrorUi.path);
  }
  /** The page is shown with this title, a reference and "Try again", and
   * never a stack trace, a provider error or a token; axe finds nothing. */
  async expectShown(title: string): Promise<void> {
    await this.waitFor();
    await expect(this.heading).toHaveText(title);
    await expect(this.reference).toHaveText(new RegExp(`^${authErrorUi.reference.source}$`));
    await expect(this.tryAgain).toBeVisible();
    const text = await this.page.locator("body").innerText();
    for (const leak of ["Error:", "    at ", "access_token", "Bearer", "invalid_grant", "CallbackRouteError", "stack", "demo-client-secret"]) {
      expect(text).not.toContain(leak);
    }
    expect(await axeViolations(this.page)).toEqual([]);
  }
}

/** /logged-out: where a log-out or an ended session lands, saying why. */
export class LoggedOutPage {
  readonly heading: Locator;
  readonly main: Locator;
  readonly logInButton: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.main = page.locator("main");
    this.logInButton = page.getByRole("button", { name: loggedOutUi.logIn });
  }
  async waitFor(): Promise<void> {
    await this.page.waitForURL((url) => url.pathname === loggedOutUi.path);
  }
}

/** The signed-in banner: who is signed in, as what, where; "Log out". */
export class Banner {
  readonly root: Locator;
  readonly name: Locator;
  readonly role: Locator;
  readonly place: Locator;
  readonly trial: Locator;
  readonly logOutButton: Locator;
  constructor(readonly page: Page) {
    const ids = bannerUi.testIds;
    this.root = page.getByTestId(ids.root);
    this.name = this.root.getByTestId(ids.name);
    this.role = this.root.getByTestId(ids.role);
    this.place = this.root.getByTestId(ids.place);
    this.trial = this.root.getByTestId(ids.trial);
    this.logOutButton = this.root.getByRole("button", { name: bannerUi.logOut });
  }
  /** "Log out", landing on /logged-out. */
  async logOut(): Promise<void> {
    await this.logOutButton.click();
    await new LoggedOutPage(this.page).waitFor();
  }
}
