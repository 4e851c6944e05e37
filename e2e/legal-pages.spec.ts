import { expect, test } from "./support/fixtures";

for (const path of ["/", "/login", "/signup", "/privacy", "/terms", "/logged-out"]) {
  test(`[LIG-M6] ${path} links to the privacy policy and terms in its footer`, async ({ page }) => {
    await page.goto(path);
    const legal = page.getByRole("navigation", { name: "Legal" });
    await expect(legal.getByRole("link", { name: "Privacy Policy" })).toHaveAttribute("href", "/privacy");
    await expect(legal.getByRole("link", { name: "Terms of Service" })).toHaveAttribute("href", "/terms");
  });
}

test("[LIG-M7] /privacy lists the stored Clever fields from the inventory", async ({ page, accessible }) => {
  await page.goto("/privacy");
  await expect(page.getByRole("heading", { level: 1, name: "Privacy Policy" })).toBeVisible();
  await expect(page.getByText("Student data is never sold and never used for advertising.")).toBeVisible();
  const columns = await page.locator("[data-column]").evaluateAll((items) => items.map((item) => item.getAttribute("data-column")));
  // The exhaustive comparison with the schema and mappings is lib/privacy/inventory.test.ts.
  expect(columns).toEqual(expect.arrayContaining(["User.cleverId", "User.email", "Section.subject", "Enrollment.studentId", "CleverToken.ciphertext"]));
  expect(columns).not.toContain("User.passwordHash");
  await accessible();
});

test("[LIG-M6] /terms renders and is accessible", async ({ page, accessible }) => {
  await page.goto("/terms");
  await expect(page.getByRole("heading", { level: 1, name: "Terms of Service" })).toBeVisible();
  await accessible();
});
