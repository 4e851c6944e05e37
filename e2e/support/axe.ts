// axe accessibility checks. @axe-core/playwright types its Page against its
// own playwright-core copy, so the test's Page is passed through this cast.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

type AxePage = ConstructorParameters<typeof AxeBuilder>[0]["page"];

/** WCAG A/AA violations on the current page (empty when accessible). */
export async function axeViolations(page: Page): Promise<{ id: string; help: string }[]> {
  const results = await new AxeBuilder({ page: page as unknown as AxePage }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map(({ id, help }) => ({ id, help }));
}
