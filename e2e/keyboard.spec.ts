import type { Page } from "@playwright/test";
import { tabTo } from "./a11y.ts";
import { headings, otpInput, stepHeading, testAadhaar, testPan } from "./console-steps.ts";
import { expect, newCustomerMobile, readOtp, test } from "./fixtures.ts";

/*
 * Each flow by keyboard alone: Tab / Shift+Tab to move, typing, Enter and
 * Space to act — plus the arrow keys inside the service radio group, which is
 * how a radio group is operated (only its checked radio is a tab stop). On
 * every step change, focus lands on the new step's heading.
 */

async function expectFocusOn(page: Page, heading: string): Promise<void> {
  await expect(stepHeading(page, heading)).toBeFocused();
}

async function typeInto(page: Page, label: string, text: string): Promise<void> {
  await tabTo(page, page.getByLabel(label, { exact: true }));
  await page.keyboard.type(text);
}

/** Start screen → registration → mobile OTP, by keyboard. */
async function newCustomerToOtpByKeyboard(
  page: Page,
  rail: "customer-account" | "digikhata" | "levin",
  mobile: string,
): Promise<number> {
  await expectFocusOn(page, headings.start);
  // Nothing is pre-selected: Tab reaches the first radio, Space picks it, arrows move the choice.
  const group = page.getByRole("group", { name: "Which service does the customer want?" });
  await tabTo(page, group.getByRole("radio").first());
  await page.keyboard.press("Space");
  const chosen = group.getByRole("radio", { checked: true });
  const arrows = { "customer-account": 0, digikhata: 1, levin: 2 }[rail];
  for (let step = 0; step < arrows; step++) await page.keyboard.press("ArrowDown");
  await expect(chosen).toHaveAttribute("value", rail);
  await expect(chosen).toBeFocused();
  await typeInto(page, "Customer mobile number", mobile);
  await page.keyboard.press("Enter");
  // The number read back: focus is on the question, Tab to "yes".
  await expect(page.getByRole("heading", { name: /^Send OTP to/ })).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "Yes, the number is right" }));
  await page.keyboard.press("Enter");

  await expectFocusOn(page, headings.onboard);
  await typeInto(page, "Full name", "Meena Kumari");
  await typeInto(page, "Date of birth", "01011988");
  await expect(page.getByLabel("Date of birth")).toHaveValue("01/01/1988");
  await typeInto(page, "Address", "7 Gandhi Chowk");
  await typeInto(page, "City or town", "Jaipur");
  await typeInto(page, "State", "Rajasthan"); // a focused select picks the option as you type
  await expect(page.getByLabel("State")).toHaveValue("Rajasthan");
  await typeInto(page, "PIN code", "302001");
  // Shift+Tab back to the name to check it, then on to the submit button.
  await tabTo(page, page.getByLabel("Full name"), { backwards: true });
  await expect(page.getByLabel("Full name")).toHaveValue("Meena Kumari");
  await tabTo(page, page.getByRole("button", { name: "Register and send OTP" }));
  const since = Date.now();
  await page.keyboard.press("Enter");

  await expectFocusOn(page, headings.mobileOtp);
  return since;
}

async function typeOtpByKeyboard(page: Page, otp: string): Promise<void> {
  await tabTo(page, otpInput(page));
  await page.keyboard.type(otp); // submits by itself once complete
}

test("Customer account, by keyboard alone", async ({ signedInPage: page, request }) => {
  const mobile = newCustomerMobile();
  const since = await newCustomerToOtpByKeyboard(page, "customer-account", mobile);
  await typeOtpByKeyboard(page, await readOtp(request, mobile, { since }));

  await expectFocusOn(page, headings.profile);
  await tabTo(page, page.getByRole("main").getByRole("button", { name: "Next customer" }));
  await page.keyboard.press("Enter");
  await expectFocusOn(page, headings.start);
});

test("DigiKhata wallet, by keyboard alone", async ({ signedInPage: page, request }) => {
  const mobile = newCustomerMobile();
  const since = await newCustomerToOtpByKeyboard(page, "digikhata", mobile);
  await typeOtpByKeyboard(page, await readOtp(request, mobile, { since }));

  // The KYC that follows, by keyboard in Hindi at 360 px: digikhata-kyc.spec.ts.
  await expectFocusOn(page, headings.digikhataConsent);
  await tabTo(page, page.getByRole("banner").getByRole("button", { name: "Next customer" }));
  await page.keyboard.press("Space");
  await expectFocusOn(page, headings.start);
});

test("Levin wallet with Aadhaar KYC, by keyboard alone", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const since = await newCustomerToOtpByKeyboard(page, "levin", mobile);
  await typeOtpByKeyboard(page, await readOtp(request, mobile, { since }));

  await expectFocusOn(page, headings.aadhaar);
  await typeInto(page, "Aadhaar number", testAadhaar);
  await page.keyboard.press("Enter");

  await expectFocusOn(page, headings.consent);
  await tabTo(page, page.getByRole("checkbox"));
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox")).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Send Aadhaar OTP" }));
  const aadhaarSentAt = Date.now();
  await page.keyboard.press("Space");

  await expectFocusOn(page, headings.aadhaarOtp);
  await typeOtpByKeyboard(
    page,
    await readOtp(request, mobile, { since: aadhaarSentAt, purpose: "aadhaar" }),
  );

  await expectFocusOn(page, headings.pan);
  await typeInto(page, "PAN", testPan);
  await page.keyboard.press("Enter");

  await expectFocusOn(page, headings.profile);
  await expect(page.getByRole("region", { name: "Verified identity (Aadhaar)" })).toBeVisible();
});
