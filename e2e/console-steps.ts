import type { APIRequestContext, Page } from "@playwright/test";
import { expect, readOtp } from "./fixtures.ts";

/**
 * What an agent does on each screen, in English, through the same
 * accessible names a screen reader announces. Each step returns when the
 * console shows the next step.
 */

export type Rail = "customer-account" | "digikhata" | "levin";

/** The names agents know the services by (web/src/locales/en/messages.po `rail.*`). */
export const railNames: Record<Rail, string> = {
  "customer-account": "Customer account",
  digikhata: "DigiKhata wallet",
  levin: "Levin wallet — Aadhaar KYC",
};
export const rails = Object.keys(railNames) as Rail[];

export const headings = {
  start: "Start with the customer's mobile number",
  onboard: "Register the customer",
  mobileOtp: "Enter the customer's OTP",
  aadhaarOtp: "Enter the Aadhaar OTP",
  aadhaar: "Aadhaar KYC",
  consent: "Customer's consent",
  digikhataConsent: "Customer's consent for Aadhaar KYC",
  pan: "PAN verification",
  profile: "Customer verified",
  aadhaarPending: "Mobile verified — Aadhaar KYC still needed",
  locked: "Too many wrong OTPs",
  statusUnknown: "We don't know if Eko received it",
} as const;

/** Where a new customer lands once their mobile OTP is right (sandbox README, persona 9000000003). */
export const afterNewCustomerOtp: Record<Rail, string> = {
  "customer-account": headings.profile,
  digikhata: headings.digikhataConsent,
  levin: headings.aadhaar,
};

/** The test Aadhaar number the sandbox accepts (sandbox README) and a PAN in the right format. */
export const testAadhaar = "234123412346";
export const testPan = "ABCPE1234F";

export function stepHeading(page: Page, name: string) {
  return page.getByRole("heading", { name, exact: true });
}

/**
 * Start screen → the rail's first step: service, number, Continue, then the
 * number read back ("Send OTP to 98123 45678?") confirmed. Returns the flow
 * id (from the URL) and when Eko was asked.
 */
export async function startFlow(
  page: Page,
  input: { rail: Rail; mobile: string },
): Promise<{ flowId: string; since: number }> {
  await expect(stepHeading(page, headings.start)).toBeVisible();
  await page.getByRole("radio", { name: railNames[input.rail], exact: true }).check();
  await page.getByLabel("Customer mobile number").fill(input.mobile);
  const since = Date.now();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(
    page.getByRole("heading", {
      name: `Send OTP to ${input.mobile.slice(0, 5)} ${input.mobile.slice(5)}?`,
    }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Yes, the number is right" }).click();
  // /flow/:flowId/:step — each step the agent reaches has its own history entry.
  await page.waitForURL(/\/flow\/[\w-]{16,}\/[a-z-]+$/);
  const flowId = new URL(page.url()).pathname.split("/")[2] as string;
  return { flowId, since };
}

/** Registration form of a new customer (Eko 308). Returns when the OTP was asked for. */
export async function onboard(page: Page): Promise<number> {
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
  await page.getByLabel("Full name").fill("Asha Devi");
  // Day first, as on the customer's ID (issue #15 §3).
  await page.getByLabel("Date of birth").fill("15/01/1990");
  await page.getByLabel("Address", { exact: true }).fill("12 MG Road, Shivaji Nagar");
  await page.getByLabel("City or town").fill("Pune");
  await page.getByLabel("State").selectOption("Maharashtra");
  await page.getByLabel("PIN code").fill("411005");
  const since = Date.now();
  await page.getByRole("button", { name: "Register and send OTP" }).click();
  return since;
}

/** The "That OTP is wrong" alert, with the attempts left. */
export function wrongOtpAlert(page: Page) {
  return page.getByRole("alert").filter({ hasText: "That OTP is wrong" });
}

export function otpInput(page: Page) {
  return page.getByLabel("OTP", { exact: true });
}

/** Types the code digit by digit; the console submits once the last digit is in. */
export async function typeOtp(page: Page, otp: string): Promise<void> {
  await expect(otpInput(page)).toBeEnabled();
  await otpInput(page).pressSequentially(otp);
}

/** Reads the OTP from the sandbox outbox and types it. */
export async function enterOtpFromPhone(
  page: Page,
  request: APIRequestContext,
  mobile: string,
  options: { since: number; purpose?: "mobile" | "aadhaar" },
): Promise<string> {
  const otp = await readOtp(request, mobile, options);
  await typeOtp(page, otp);
  return otp;
}

/** Levin C.5: Aadhaar number, then the customer's consent. Returns when the Aadhaar OTP was asked for. */
export async function submitAadhaar(page: Page, aadhaar = testAadhaar): Promise<number> {
  await expect(stepHeading(page, headings.aadhaar)).toBeVisible();
  await page.getByLabel("Aadhaar number").fill(aadhaar);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(stepHeading(page, headings.consent)).toBeVisible();
  await page
    .getByRole("checkbox", { name: "I have read this to the customer and the customer agrees" })
    .check();
  const since = Date.now();
  await page.getByRole("button", { name: "Send Aadhaar OTP" }).click();
  return since;
}

/**
 * DigiKhata consent (B.5, B.6): the language (English unless told), the text,
 * the customer's "yes". Returns when the Aadhaar screen is up.
 */
export async function giveDigikhataConsent(page: Page, language = "English"): Promise<void> {
  await expect(stepHeading(page, headings.digikhataConsent)).toBeVisible();
  await page.getByLabel("Consent language").selectOption({ label: language });
  await page.getByRole("button", { name: "Show consent" }).click();
  await expect(page.getByRole("region", { name: `Consent text (${language})` })).toBeVisible();
  await page
    .getByRole("checkbox", { name: "I have read this to the customer and the customer agrees" })
    .check();
  await page.getByRole("button", { name: "Customer agrees — continue" }).click();
  await expect(stepHeading(page, headings.aadhaar)).toBeVisible();
}

/** DigiKhata B.7: the number alone (consent was its own step). Returns when the OTP was asked for. */
export async function submitAadhaarNumber(page: Page, aadhaar = testAadhaar): Promise<number> {
  await expect(stepHeading(page, headings.aadhaar)).toBeVisible();
  await page.getByLabel("Aadhaar number").fill(aadhaar);
  const since = Date.now();
  await page.getByRole("button", { name: "Send Aadhaar OTP" }).click();
  return since;
}

export async function submitPan(page: Page, pan = testPan): Promise<void> {
  await expect(stepHeading(page, headings.pan)).toBeVisible();
  await page.getByLabel("PAN", { exact: true }).fill(pan);
  await page.getByRole("button", { name: "Verify PAN" }).click();
}

/** A new customer up to their mobile OTP screen; returns when the OTP was sent. */
export async function newCustomerToOtp(
  page: Page,
  input: { rail: Rail; mobile: string },
): Promise<{ flowId: string; since: number }> {
  const { flowId } = await startFlow(page, input);
  const since = await onboard(page);
  await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();
  return { flowId, since };
}

/** The value in a profile-card row, by its label: "Wallet balance" → "₹1,24,500.50". */
export function profileValue(page: Page, label: string) {
  return page
    .locator("dl > div")
    .filter({ has: page.getByRole("term").getByText(label, { exact: true }) })
    .getByRole("definition");
}
