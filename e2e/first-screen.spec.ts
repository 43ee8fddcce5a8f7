import type { Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./a11y.ts";
import { headings, stepHeading } from "./console-steps.ts";
import { expect, test } from "./fixtures.ts";

/*
 * The first screen is in the HTML (web/build/prerender-plugin.ts): the sign-in
 * screen for a browser without a session, the app frame for one with a
 * session (server/src/web-assets.ts). The app then replaces it (web/src/main.tsx).
 */

const signInTitle = "Sign in to the Eko OTP console";

/** Every distinct state of #root once the HTML is parsed: its h1s, whether anything spins. */
const RECORD_SCREENS = `
  window.__screens = [];
  document.addEventListener("DOMContentLoaded", () => {
    const root = document.getElementById("root");
    const record = () => {
      const screen = JSON.stringify({
        headings: [...root.querySelectorAll("h1")].map((h1) => h1.textContent),
        busy: root.querySelector("[aria-busy=true]") !== null,
        prerendered: root.querySelector("[inert]") !== null,
      });
      if (window.__screens.at(-1) !== screen) window.__screens.push(screen);
    };
    record();
    new MutationObserver(record).observe(root, { subtree: true, childList: true, attributes: true });
  });
`;
type Screen = { headings: string[]; busy: boolean; prerendered: boolean };

async function recordedScreens(page: Page): Promise<Screen[]> {
  const screens = await page.evaluate(
    () => (window as unknown as { __screens: string[] }).__screens,
  );
  return screens.map((screen) => JSON.parse(screen) as Screen);
}

test("before any script has run, the page already is the sign-in screen: styled, accessible, inert", async ({
  page,
}) => {
  // The entry script never arrives: what is left is the HTML and CSS alone.
  await page.route(/\/assets\/index-[^/]+\.js$/, (route) => route.abort());
  await page.goto("/");

  await expect(page.getByText(signInTitle, { exact: true })).toBeVisible();
  await expect(page.getByLabel("Login")).toBeDisabled();
  await expect(page.getByLabel("Password")).toBeDisabled();
  await expect(page.locator("button[type=submit]")).toBeDisabled();
  // Tailwind's stylesheet applies: the header bar is brand-800, not unstyled.
  await expect(page.locator("header")).toHaveCSS("background-color", "rgb(19, 61, 126)");
  // Nothing on it takes focus or a click until the app replaces it.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  await expectNoSeriousAxeViolations(page, "pre-rendered sign-in");
});

test("a signed-out agent: the app takes the pre-rendered screen over in one step, no spinner between", async ({
  page,
}) => {
  await page.addInitScript(RECORD_SCREENS);
  await page.goto("/flow/abc");

  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Fflow%2Fabc$/);
  await expect(page.getByLabel("Login")).toBeEnabled();
  await page.getByLabel("Login").fill("someone");
  await expect(page.getByLabel("Login")).toHaveValue("someone");
  expect(await recordedScreens(page)).toEqual([
    { headings: [signInTitle], busy: false, prerendered: true },
    { headings: [signInTitle], busy: false, prerendered: false },
  ]);
});

test("Hindi chosen on this device: the English pre-render gives way to the Hindi screen", async ({
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem("eko-console.language", "hi"));
  await page.addInitScript(RECORD_SCREENS);
  await page.goto("/");

  await expect(stepHeading(page, "Eko OTP कंसोल में साइन इन करें")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "hi");
  await expect(page.getByLabel("लॉगिन")).toBeEnabled();
  const screens = await recordedScreens(page);
  expect(screens.at(-1)).toEqual({
    headings: ["Eko OTP कंसोल में साइन इन करें"],
    busy: false,
    prerendered: false,
  });
  expect(screens.every((screen) => !screen.busy)).toBe(true);
});

test("a signed-in agent reloading never sees a sign-in form, not even for a moment", async ({
  signedInPage: page,
}) => {
  await page.addInitScript(RECORD_SCREENS);
  await page.reload();

  await expect(stepHeading(page, headings.start)).toBeVisible();
  const screens = await recordedScreens(page);
  expect(screens.flatMap((screen) => screen.headings)).not.toContain(signInTitle);
  expect(screens[0]).toEqual({ headings: [], busy: true, prerendered: false });
});
