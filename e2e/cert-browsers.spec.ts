// DSSO-Q1 / LIB-Q1: what a browser that cannot run the app's modern
// JavaScript (Internet Explorer 11, retired in 2022) gets. The pages are
// server-rendered HTML and the Clever buttons are plain forms (server actions
// work without JavaScript), so such a browser still logs in and out.
import { fixtures, logInWithClever } from "./support/clever";
import { expect, test } from "./support/fixtures";

test.describe("without JavaScript, as in a retired browser", () => {
  test.use({ javaScriptEnabled: false });

  test(
    "[DSSO-Q1] [LIB-Q1] the login page shows and Log in with Clever logs a student in, then Log out works",
    async ({ page, banner, loggedOut }) => {
      // A student: teachers first see a one-time onboarding form.
      await logInWithClever(page, "student");
      await expect(banner.root).toContainText(fixtures.student.name);
      await page.getByRole("button", { name: /log out/i }).click();
      await loggedOut.waitFor();
      await expect(loggedOut.heading).toBeVisible();
    },
  );
});
