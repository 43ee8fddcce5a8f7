import { AxeBuilder } from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures.ts";

/**
 * axe on the page as it is now: no serious or critical violation. On failure
 * the message lists each rule, its help text and the offending elements.
 */
export async function expectNoSeriousAxeViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      elements: violation.nodes.map((node) => `${node.target.join(" ")} — ${node.failureSummary}`),
    }));
  expect(
    serious,
    `axe on "${screen}" (${await page.locator("html").getAttribute("lang")})`,
  ).toEqual([]);
}

/**
 * The header's language switch. Each language names itself ("English",
 * "हिन्दी"); the radio is visually hidden, so the finger presses its label.
 */
export async function switchLanguage(page: Page, language: "en" | "hi"): Promise<void> {
  const radio = page.getByRole("radio", { name: language === "hi" ? "हिन्दी" : "English" });
  await page.locator("label", { has: radio }).click();
  await expect(radio).toBeChecked();
  await expect(page.locator("html")).toHaveAttribute("lang", language);
}

/** A check of the page as it is now, named by its screen for the failure message. */
export type ScreenCheck = (page: Page, screen: string) => Promise<void>;

/**
 * `check` in English, then in Hindi (longer words, other script), then back
 * to English — also on failure: the choice is saved on the agent, whom later
 * tests sign in as.
 */
export function inBothLanguages(check: ScreenCheck): ScreenCheck {
  return async (page, screen) => {
    await check(page, screen);
    await switchLanguage(page, "hi");
    try {
      await check(page, screen);
    } finally {
      await switchLanguage(page, "en");
    }
  };
}

/** axe in English and in Hindi: no serious or critical violation in either. */
export async function expectAccessibleInBothLanguages(page: Page, screen: string): Promise<void> {
  await inBothLanguages(expectNoSeriousAxeViolations)(page, screen);
}

/**
 * 360 px: nothing scrolls sideways, and every button, field, select and link
 * is at least 44 × 44 px (WCAG 2.5.5). A visually hidden radio or checkbox is
 * measured by the label the finger actually presses.
 */
export async function expectFitsSmallScreen(page: Page, screen: string): Promise<void> {
  const layout = await page.evaluate(() => {
    const scrollWidth = document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY;
    const tooSmall: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      "button, input:not([type=hidden]), select, textarea, a[href]",
    );
    for (const control of controls) {
      if (control.getClientRects().length === 0) continue;
      const isToggle =
        control instanceof HTMLInputElement &&
        (control.type === "radio" || control.type === "checkbox");
      const target = (isToggle && control.closest("label")) || control;
      const box = target.getBoundingClientRect();
      if (box.height < 44 || box.width < 44) {
        const label = control instanceof HTMLInputElement ? control.labels?.[0] : undefined;
        const name =
          control.getAttribute("aria-label") ||
          label?.textContent?.trim() ||
          control.textContent?.trim() ||
          control.getAttribute("name") ||
          "";
        tooSmall.push(
          `${control.tagName.toLowerCase()} "${name.slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    return { scrollWidth, tooSmall };
  });
  const named = `"${screen}" (${await page.locator("html").getAttribute("lang")})`;
  expect(layout.scrollWidth, `${named} is wider than 360 px`).toBeLessThanOrEqual(360);
  expect(layout.tooSmall, `touch targets under 44 px on ${named}`).toEqual([]);
}

/** The 360 px checks in English and in Hindi. */
export async function expectFitsSmallScreenInBothLanguages(
  page: Page,
  screen: string,
): Promise<void> {
  await inBothLanguages(expectFitsSmallScreen)(page, screen);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus — the way a keyboard
 * user gets there — and fails if it is not reachable within `max` presses.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { backwards?: boolean; max?: number } = {},
): Promise<void> {
  const key = options.backwards ? "Shift+Tab" : "Tab";
  for (let presses = 0; presses < (options.max ?? 25); presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}
