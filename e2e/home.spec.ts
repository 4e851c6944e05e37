import { expect, test } from "./support/fixtures";

test("the home page renders with UTF-8 text intact", async ({ page, home }) => {
  await home.goto();
  await expect(home.heading).toBeVisible();
  await expect(page.getByText("every name spelled right, from Zoë to Núñez.")).toBeVisible();
  expect(await page.evaluate(() => document.characterSet)).toBe("UTF-8");
});
