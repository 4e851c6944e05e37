// axe accessibility checks (WCAG 2.1 A/AA) for every e2e spec.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

async function analyze(page: Page) {
  return new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
}

/** Every violation on the current page (empty when accessible). */
export async function axeViolations(page: Page): Promise<{ id: string; help: string }[]> {
  return (await analyze(page)).violations.map(({ id, help }) => ({ id, help }));
}

/** Serious and critical violations only, with where they are. */
export async function seriousAxeViolations(page: Page): Promise<{ id: string; impact: string | null | undefined; nodes: string[] }[]> {
  return (await analyze(page)).violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
}
