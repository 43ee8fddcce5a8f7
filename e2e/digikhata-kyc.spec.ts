import type { Page } from "@playwright/test";
import { expectNoSeriousAxeViolations, switchLanguage, tabTo } from "./a11y.ts";
import {
  enterOtpFromPhone,
  headings,
  newCustomerToOtp,
  stepHeading,
  testAadhaar,
  testPan,
} from "./console-steps.ts";
import { expect, newCustomerMobile, readOtp, test } from "./fixtures.ts";

/*
 * A brand-new DigiKhata customer from the mobile number to the full-KYC
 * profile (eko-api.md §9 B.0b): consent in the customer's language (B.5,
 * B.6), Aadhaar (B.7), Aadhaar OTP (B.8), PAN (B.9). axe on every new screen.
 */

test("English: consent with its recording, Aadhaar, Aadhaar OTP, PAN → full KYC; axe clean on each screen", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { flowId, since } = await newCustomerToOtp(page, { rail: "digikhata", mobile });
  await enterOtpFromPhone(page, request, mobile, { since });

  await expect(stepHeading(page, headings.digikhataConsent)).toBeVisible();
  const language = page.getByLabel("Consent language");
  // Eko's 13 languages; the agent's UI language is the default.
  await expect(language.getByRole("option")).toHaveCount(13);
  await expect(language).toHaveValue("1");
  await expectNoSeriousAxeViolations(page, "consent languages");

  await page.getByRole("button", { name: "Show consent" }).click();
  const text = page.getByRole("region", { name: "Consent text (English)" });
  await expect(text).toContainText("Paypoint India Network Private Limited");
  // The recording plays from our server (CSP media-src 'self'), which streams the sandbox's clip.
  const audio = page.getByLabel("Consent recording");
  await expect(audio).toHaveAttribute("src", `/api/flows/${flowId}/consent/audio`);
  const clip = await page.request.get(`/api/flows/${flowId}/consent/audio`);
  expect(clip.headers()["content-type"]).toBe("audio/wav");
  await expectNoSeriousAxeViolations(page, "consent text");

  // Without the customer's "yes" nothing is sent.
  await page.getByRole("button", { name: "Customer agrees — continue" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /consent/i })).toBeVisible();
  await page
    .getByRole("checkbox", { name: "I have read this to the customer and the customer agrees" })
    .check();
  await page.getByRole("button", { name: "Customer agrees — continue" }).click();

  await expect(stepHeading(page, headings.aadhaar)).toBeVisible();
  await expectNoSeriousAxeViolations(page, "Aadhaar number");
  // A number failing the Verhoeff check is refused on the field, before anything is sent.
  await page.getByLabel("Aadhaar number").fill("234123412345");
  await page.getByRole("button", { name: "Send Aadhaar OTP" }).click();
  await expect(page.getByText(/Check each digit against the Aadhaar card/)).toBeVisible();
  // Clicking the masked box shows the digits again to correct them.
  await page.getByLabel("Aadhaar number").click();
  await page.getByLabel("Aadhaar number").fill(testAadhaar);
  const aadhaarSentAt = Date.now();
  await page.getByRole("button", { name: "Send Aadhaar OTP" }).click();

  await expect(stepHeading(page, headings.aadhaarOtp)).toBeVisible();
  await expectNoSeriousAxeViolations(page, "Aadhaar OTP");
  await enterOtpFromPhone(page, request, mobile, { since: aadhaarSentAt, purpose: "aadhaar" });

  await expect(stepHeading(page, headings.pan)).toBeVisible();
  await expectNoSeriousAxeViolations(page, "PAN");
  await page.getByLabel("PAN", { exact: true }).fill(testPan);
  await page.getByRole("button", { name: "Verify PAN" }).click();

  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await expect(page.getByText("Full KYC")).toBeVisible();
  await expectNoSeriousAxeViolations(page, "full-KYC profile");
});

/** Hindi catalog texts (web/src/locales/hi/messages.po). */
const hi = {
  start: "ग्राहक के मोबाइल नंबर से शुरू करें",
  onboard: "ग्राहक को रजिस्टर करें",
  mobileOtp: "ग्राहक का OTP डालें",
  consent: "आधार KYC के लिए ग्राहक की सहमति",
  aadhaar: "आधार KYC",
  aadhaarOtp: "आधार OTP डालें",
  pan: "PAN वेरिफ़िकेशन",
  profile: "ग्राहक वेरिफ़ाई हो गया",
};

async function focusedHeading(page: Page, name: string) {
  await expect(page.getByRole("heading", { name, exact: true })).toBeFocused();
}

async function typeInto(page: Page, label: string, text: string) {
  await tabTo(page, page.getByLabel(label, { exact: true }));
  await page.keyboard.type(text);
}

test("Hindi, by keyboard alone at 360 px: the customer hears the consent in Hindi; axe clean", async ({
  signedInPage: page,
  request,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await switchLanguage(page, "hi");
  await expect(page.getByRole("heading", { name: hi.start, exact: true })).toBeVisible();

  const mobile = newCustomerMobile();
  // Nothing pre-selected: Tab to the first radio, Space picks it, an arrow moves on.
  const group = page.getByRole("group", { name: "ग्राहक को कौन-सी सेवा चाहिए?" });
  await tabTo(page, group.getByRole("radio").first());
  await page.keyboard.press("Space");
  const chosen = group.getByRole("radio", { checked: true });
  await page.keyboard.press("ArrowDown"); // customer account → DigiKhata
  await expect(chosen).toHaveAttribute("value", "digikhata");
  await typeInto(page, "ग्राहक का मोबाइल नंबर", mobile);
  await page.keyboard.press("Enter");
  // The number read back in full before anything is sent.
  await expect(page.getByRole("heading", { name: /^OTP .* पर भेजें\?$/ })).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "हाँ, नंबर सही है" }));
  await page.keyboard.press("Enter");

  await focusedHeading(page, hi.onboard);
  await typeInto(page, "पूरा नाम", "Sunita Devi");
  await typeInto(page, "जन्म तिथि", "02021987");
  await typeInto(page, "पता", "9 Mall Road");
  await typeInto(page, "शहर या कस्बा", "Lucknow");
  // Option labels are Hindi; a focused select moves through them with the arrow keys.
  const state = page.getByLabel("राज्य");
  await tabTo(page, state);
  for (let presses = 0; presses < 40 && (await state.inputValue()) !== "Uttar Pradesh"; presses++) {
    await page.keyboard.press("ArrowDown");
  }
  await expect(state).toHaveValue("Uttar Pradesh");
  await typeInto(page, "पिन कोड", "226001");
  await tabTo(page, page.getByRole("button", { name: "रजिस्टर करें और OTP भेजें" }));
  const registeredAt = Date.now();
  await page.keyboard.press("Enter");

  await focusedHeading(page, hi.mobileOtp);
  await tabTo(page, page.getByLabel("OTP", { exact: true }));
  await page.keyboard.type(await readOtp(request, mobile, { since: registeredAt }));

  // Consent: Hindi is preselected (the agent's language); Enter shows the text.
  await focusedHeading(page, hi.consent);
  await expect(page.getByLabel("सहमति की भाषा")).toHaveValue("4");
  await expectNoSeriousAxeViolations(page, "consent languages (hi)");
  await tabTo(page, page.getByRole("button", { name: "सहमति दिखाएँ" }));
  await page.keyboard.press("Enter");
  const text = page.getByRole("region", { name: "सहमति का पाठ (Hindi)" });
  await expect(text).toContainText("पेपॉइंट इंडिया नेटवर्क प्राइवेट लिमिटेड");
  // The long text is a tab stop, so a keyboard can scroll it.
  await tabTo(page, text);
  await expectNoSeriousAxeViolations(page, "consent text (hi)");
  const agrees = page.getByRole("checkbox", {
    name: "मैंने यह ग्राहक को पढ़कर सुनाया है और ग्राहक सहमत है",
  });
  await tabTo(page, agrees);
  await page.keyboard.press("Space");
  await expect(agrees).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "ग्राहक सहमत हैं — आगे बढ़ें" }));
  await page.keyboard.press("Enter");

  await focusedHeading(page, hi.aadhaar);
  await expectNoSeriousAxeViolations(page, "Aadhaar number (hi)");
  await typeInto(page, "आधार नंबर", testAadhaar);
  const aadhaarSentAt = Date.now();
  await page.keyboard.press("Enter");

  await focusedHeading(page, hi.aadhaarOtp);
  await expectNoSeriousAxeViolations(page, "Aadhaar OTP (hi)");
  await tabTo(page, page.getByLabel("OTP", { exact: true }));
  await page.keyboard.type(
    await readOtp(request, mobile, { since: aadhaarSentAt, purpose: "aadhaar" }),
  );

  await focusedHeading(page, hi.pan);
  await expectNoSeriousAxeViolations(page, "PAN (hi)");
  await typeInto(page, "PAN", testPan);
  await page.keyboard.press("Enter");

  await focusedHeading(page, hi.profile);
  await expect(page.getByText("पूरी KYC")).toBeVisible();
  await expectNoSeriousAxeViolations(page, "full-KYC profile (hi)");
  // Nothing scrolls sideways at 360 px.
  expect(
    await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0),
  ).toBeLessThanOrEqual(360);
});
