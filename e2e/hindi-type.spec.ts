import type { Locator } from "@playwright/test";
import { switchLanguage } from "./a11y.ts";
import { expect, test } from "./fixtures.ts";

/**
 * How far (in em) the Devanagari letter body — baseline to the headline
 * (शिरोरेखा), measured on "क" — sits from the centre of the line box the
 * browser centres in a button or badge. Noto's own metrics (descender
 * 0.408 em) put it ≈ 0.065 em high; styles.css's overrides bring it to ≈ 0.01.
 */
async function devanagariOffCentre(control: Locator) {
  return control.evaluate(async (element) => {
    const style = getComputedStyle(element);
    await document.fonts.load(`${style.fontWeight} ${style.fontSize} "Console Devanagari"`, "क");
    const context = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
    context.font = `${style.fontWeight} ${style.fontSize} "Console Devanagari"`;
    const metrics = context.measureText("क");
    const size = Number.parseFloat(style.fontSize);
    const lineBoxCentre = (metrics.fontBoundingBoxAscent - metrics.fontBoundingBoxDescent) / 2;
    const bodyCentre = metrics.actualBoundingBoxAscent / 2;
    return {
      offset: Math.abs(lineBoxCentre - bodyCentre) / size,
      family: style.fontFamily,
      lineHeight: Number.parseFloat(style.lineHeight) / size,
    };
  });
}

test("Hindi uses the self-hosted face, centred in buttons and badges, and buttons keep their height", async ({
  signedInPage: page,
}) => {
  const continueButton = page.getByRole("button", { name: /^(Continue|आगे बढ़ें)$/ });
  const englishHeight = (await continueButton.boundingBox())?.height ?? 0;
  try {
    await switchLanguage(page, "hi");
    await expect(page.getByRole("button", { name: "आगे बढ़ें" })).toBeVisible();
    const measured = await devanagariOffCentre(continueButton);
    expect(measured.family).toMatch(/^"?Console Devanagari"?,/);
    expect(measured.offset).toBeLessThan(0.03);
    expect(measured.lineHeight).toBeCloseTo(1.4, 2);
    expect((await continueButton.boundingBox())?.height).toBeCloseTo(englishHeight, 0);

    // A badge: the activity list's outcome of the agent's own sign-in.
    await page.getByRole("link", { name: "मेरी गतिविधि" }).click();
    const badge = page.locator("[data-badge]").first();
    await expect(badge).toBeVisible();
    const badgeMeasured = await devanagariOffCentre(badge);
    expect(badgeMeasured.offset).toBeLessThan(0.03);
    expect(badgeMeasured.lineHeight).toBeCloseTo(1.4, 2);
  } finally {
    await switchLanguage(page, "en");
  }
});
