// Page objects for the Safari-engine journeys: the pages every journey
// visits, as thin WebDriver wrappers over the same names, headings and test
// IDs the Playwright page objects use (e2e/support/pages/locators.ts).
import { accountLinkUi, adminDashboardUi, authErrorUi, bannerUi, classesUi, classPageUi, dashboardUi, loggedOutUi, onboardingUi, passwordSignUpUi, syncWindowMs } from "../support/pages/locators";
import { check, chooseOption, click, fill, isShown, literal, pageText, waitForPath, waitForText, type Browser } from "./harness";

/** The trimmed text of the first element with this test ID, "" where there is none. */
function testIdText(browser: Browser, testId: string): Promise<string> {
  return browser.execute((id) => (document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null)?.innerText.trim() ?? "", testId);
}

/** The signed-in banner on every page. */
export class Banner {
  constructor(readonly browser: Browser) {}
  /** Waits until the banner names this user. */
  async waitForName(name: string): Promise<void> {
    let shown = "";
    await this.browser
      .waitUntil(
        async () => {
          shown = await testIdText(this.browser, bannerUi.testIds.name);
          return shown === name;
        },
        { timeout: 20_000, interval: 200 },
      )
      .catch(() => {
        throw new Error(`expected the banner to name ${name}, it shows "${shown}"`);
      });
  }
  role(): Promise<string> {
    return testIdText(this.browser, bannerUi.testIds.role);
  }
  /** "Log out", landing on the logged-out page. */
  async logOut(): Promise<void> {
    await click(this.browser, bannerUi.logOut);
    await new LoggedOutPage(this.browser).waitFor();
  }
}

const lastSyncAt = new WeakMap<Browser, number>();

/** A teacher's (or a student's) dashboard. */
export class DashboardPage {
  constructor(readonly browser: Browser) {}
  async goto(appUrl: string): Promise<void> {
    await this.browser.url(`${appUrl}${dashboardUi.path}`);
  }
  async waitForHeading(): Promise<void> {
    await waitForText(this.browser, new RegExp(literal(dashboardUi.heading)));
  }
  /** The empty dashboard: "No classes yet", with "Sync my classes" still there. */
  async waitForEmpty(): Promise<void> {
    await waitForText(this.browser, new RegExp(literal(dashboardUi.noClasses)));
  }
  hasSyncButton(): Promise<boolean> {
    return isShown(this.browser, new RegExp(`^${literal(dashboardUi.syncButton)}$`, "i"));
  }
  /** Presses "Sync my classes" once, as a person would (waiting out the
   * button's limit after a sync of their own), and returns the answer its
   * status region (aria-live) announces. */
  async sync(): Promise<string> {
    const { browser } = this;
    const since = Date.now() - (lastSyncAt.get(browser) ?? 0);
    if (since < syncWindowMs) await browser.pause(syncWindowMs - since);
    const status = `[data-testid="${dashboardUi.testIds.syncStatus}"]`;
    // An answer on the page now is the last sync's: this click's replaces it.
    await browser.execute((selector) => document.querySelectorAll(`${selector} p`).forEach((p) => p.setAttribute("data-earlier", "")), status);
    await click(browser, dashboardUi.syncButton);
    lastSyncAt.set(browser, Date.now());
    let message = "";
    await browser.waitUntil(
      async () => {
        message = await browser.execute((selector) => document.querySelector<HTMLElement>(selector)?.innerText.trim() ?? "", `${status} ${dashboardUi.syncAnswer}`);
        return message !== "";
      },
      { timeout: 30_000, interval: 250, timeoutMsg: "no sync result was announced" },
    );
    return message;
  }
  /** The dashboard's link to the class chooser's Past classes. */
  async openPastClasses(): Promise<ClassesPage> {
    await click(this.browser, classesUi.pastClasses);
    await waitForPath(this.browser, classesUi.path);
    return new ClassesPage(this.browser);
  }
}

/** The class chooser (/classes). */
export class ClassesPage {
  constructor(readonly browser: Browser) {}
  /** Opens the Past classes list (a closed <details>), as a click on its summary would. */
  async openPastClasses(): Promise<void> {
    await this.browser.execute((id) => document.querySelector<HTMLDetailsElement>(`[data-testid="${id}"] details`)?.setAttribute("open", ""), classesUi.testIds.pastClasses);
  }
}

/** One class's page. */
export class ClassPage {
  constructor(readonly browser: Browser) {}
  async goto(appUrl: string, sectionId: string): Promise<void> {
    await this.browser.url(`${appUrl}${classPageUi.path(sectionId)}`);
  }
  /** The roster's text (its current students). */
  roster(): Promise<string> {
    return testIdText(this.browser, classPageUi.testIds.roster);
  }
  /** "No longer in this class in Clever (count)". */
  async waitForFormerStudents(count: number): Promise<void> {
    await waitForText(this.browser, new RegExp(`${literal(classPageUi.formerStudents)} \\(${count}\\)`));
  }
  async showsFormerStudents(): Promise<boolean> {
    return (await pageText(this.browser)).includes(classPageUi.formerStudents);
  }
  /** The note on a past class ("A past class since …"). */
  async waitForPastNote(): Promise<void> {
    await waitForText(this.browser, new RegExp(literal(classPageUi.pastNote)));
  }
}

/** A teacher's first login: "Do you already have an account?", then one form. */
export class OnboardingPage {
  constructor(readonly browser: Browser) {}
  async waitFor(): Promise<void> {
    await waitForPath(this.browser, onboardingUi.path);
  }
  async waitForQuestion(): Promise<void> {
    await waitForText(this.browser, new RegExp(literal(onboardingUi.question)));
  }
  canCreateNew(): Promise<boolean> {
    return isShown(this.browser, new RegExp(`^${literal(onboardingUi.createNew)}$`, "i"));
  }
  async createNew(): Promise<void> {
    await click(this.browser, onboardingUi.createNew);
  }
  async linkExisting(): Promise<void> {
    await click(this.browser, onboardingUi.linkExisting);
  }
  /** Types into the school picker once its script runs (data-ready). */
  async searchSchool(text: string): Promise<void> {
    await this.browser
      .$(`[role="combobox"][data-ready="true"]`)
      .waitForExist({ timeout: 20_000, timeoutMsg: "the school picker never became interactive" });
    await fill(this.browser, onboardingUi.schoolBox, text);
  }
  /** A school the picker does not list: typed, "My school isn't listed", then named. */
  async nameUnlistedSchool(name: string): Promise<void> {
    await this.searchSchool(name);
    await chooseOption(this.browser, onboardingUi.unlisted);
    await fill(this.browser, onboardingUi.schoolName, name);
  }
  /** "Continue to my classes", landing on the dashboard. */
  async submit(): Promise<void> {
    await click(this.browser, onboardingUi.continue);
    await waitForPath(this.browser, dashboardUi.path);
  }
}

/** Creating a password account. */
export class PasswordSignUpPage {
  constructor(readonly browser: Browser) {}
  async create(appUrl: string, account: { name: string; email: string; password: string; role: "Teacher" | "Student" }): Promise<void> {
    await this.browser.url(`${appUrl}${passwordSignUpUi.path}`);
    await fill(this.browser, passwordSignUpUi.name, account.name);
    await fill(this.browser, passwordSignUpUi.email, account.email);
    await fill(this.browser, passwordSignUpUi.password, account.password);
    await check(this.browser, account.role);
    await click(this.browser, passwordSignUpUi.create);
  }
}

/** Linking a password account at the first Clever login (/onboarding/link). */
export class AccountLinkPage {
  constructor(readonly browser: Browser) {}
  async waitFor(): Promise<void> {
    await waitForPath(this.browser, accountLinkUi.linkPath);
  }
  /** "Link my Clever login" with this email and password. */
  async link(email: string, password: string): Promise<void> {
    await fill(this.browser, accountLinkUi.email, email);
    await fill(this.browser, accountLinkUi.password, password);
    await click(this.browser, accountLinkUi.link);
  }
  /** "… don't match an account": the link was refused. */
  async waitForMismatch(): Promise<void> {
    await waitForText(this.browser, new RegExp(literal(accountLinkUi.mismatch)));
  }
}

/** The friendly error page of a failed login. */
export class AuthErrorPage {
  constructor(readonly browser: Browser) {}
  async waitFor(): Promise<void> {
    await waitForPath(this.browser, authErrorUi.path);
  }
  /** Shown with this title and a support reference. */
  async waitForShown(title: RegExp): Promise<void> {
    await this.waitFor();
    await waitForText(this.browser, title);
    await waitForText(this.browser, authErrorUi.reference);
  }
}

/** Where a log-out or an ended session lands. */
export class LoggedOutPage {
  constructor(readonly browser: Browser) {}
  async waitFor(): Promise<void> {
    await waitForPath(this.browser, loggedOutUi.path);
  }
  /** Signed out because the school stopped sharing the person. */
  async waitForUnshared(): Promise<void> {
    await this.waitFor();
    await waitForText(this.browser, new RegExp(literal(loggedOutUi.unshared)));
  }
}

/** An administrator's dashboard. */
export class AdminDashboardPage {
  constructor(readonly browser: Browser) {}
  /** "Apply these changes" on a held full sync. */
  async applyHeld(): Promise<void> {
    await click(this.browser, adminDashboardUi.applyHeld);
  }
}
