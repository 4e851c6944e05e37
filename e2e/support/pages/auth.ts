// The pages around signing in and out: the landing page (/), the friendly
// error page (/auth/error), the signed-out page (/logged-out) and the
// signed-in banner on every page.
import { expect, type Locator, type Page } from "@playwright/test";
import { axeViolations } from "../axe";
import { logOut } from "../../ui-support";

export class HomePage {
  readonly heading: Locator;
  readonly logInLink: Locator;
  readonly signUpLink: Locator;
  readonly trialNote: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.logInLink = page.getByRole("link", { name: "Log in with Clever" });
    this.signUpLink = page.getByRole("link", { name: "Sign Up with Clever" });
    this.trialNote = page.getByTestId("trial-note");
  }
  async goto(): Promise<void> {
    await this.page.goto("/");
  }
}

/** /auth/error: a plain message, "Try again" and a support reference. */
export class AuthErrorPage {
  readonly heading: Locator;
  readonly reference: Locator;
  readonly tryAgain: Locator;
  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.reference = page.getByTestId("auth-error-reference");
    this.tryAgain = page.getByRole("button", { name: "Try again" });
  }
  /** The page is shown with this title, a reference and "Try again", and
   * never a stack trace, a provider error or a token; axe finds nothing. */
  async expectShown(title: string): Promise<void> {
    await this.page.waitForURL((url) => url.pathname === "/auth/error");
    await expect(this.heading).toHaveText(title);
    await expect(this.reference).toHaveText(/^ERR-[2-9A-HJ-NP-Z]{6}$/);
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
    this.logInButton = page.getByRole("button", { name: "Log in with Clever" });
  }
  async waitFor(): Promise<void> {
    await this.page.waitForURL((url) => url.pathname === "/logged-out");
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
    this.root = page.getByTestId("logged-in-banner");
    this.name = this.root.getByTestId("banner-name");
    this.role = this.root.getByTestId("banner-role");
    this.place = this.root.getByTestId("banner-place");
    this.trial = this.root.getByTestId("banner-trial");
    this.logOutButton = this.root.getByRole("button", { name: "Log out" });
  }
  /** "Log out", landing on /logged-out. */
  logOut(): Promise<void> {
    return logOut(this.page);
  }
}
