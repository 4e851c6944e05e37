import { expect, test } from "@playwright/test";

test("the home page renders with UTF-8 text intact", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("every name spelled right, from Zoë to Núñez.")).toBeVisible();
  expect(await page.evaluate(() => document.characterSet)).toBe("UTF-8");
});
