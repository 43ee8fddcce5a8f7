import type { APIRequestContext, Page } from "@playwright/test";
import type { ScreenCheck } from "./a11y.ts";
import {
  afterNewCustomerOtp,
  enterOtpFromPhone,
  headings,
  newCustomerToOtp,
  onboard,
  type Rail,
  startFlow,
  stepHeading,
  submitAadhaar,
  submitPan,
  typeOtp,
  wrongOtpAlert,
} from "./console-steps.ts";
import { expect, newCustomerMobile, queueSandbox, readOtp, wrongOtp } from "./fixtures.ts";

/*
 * Walks through the console's screens and states, calling `check` on each
 * one it reaches: the a11y spec passes axe, the small-screen spec the 360 px
 * checks. One route through the screens, so a screen added to a tour is
 * checked by every spec that takes it.
 */

/** A new customer of `rail` from the start screen to the step after the mobile OTP. */
async function newCustomerPastMobileOtp(
  page: Page,
  request: APIRequestContext,
  rail: Rail,
): Promise<string> {
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail, mobile });
  await enterOtpFromPhone(page, request, mobile, { since });
  await expect(stepHeading(page, afterNewCustomerOtp[rail])).toBeVisible();
  return mobile;
}

/**
 * A new customer-account customer from the start screen: registration (empty,
 * then with field errors), the OTP screen, a wrong OTP. Returns the mobile and
 * its right OTP, with the OTP screen still up.
 */
export async function registrationTour(
  page: Page,
  request: APIRequestContext,
  check: ScreenCheck,
): Promise<{ mobile: string; otp: string }> {
  const mobile = newCustomerMobile();
  await startFlow(page, { rail: "customer-account", mobile });
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
  await check(page, "registration");

  await page.getByRole("button", { name: "Register and send OTP" }).click();
  await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");
  await check(page, "registration, field errors");

  const since = await onboard(page);
  await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();
  await check(page, "OTP");

  const otp = await readOtp(request, mobile, { since });
  await typeOtp(page, wrongOtp(otp));
  await expect(wrongOtpAlert(page)).toContainText("2 attempts left.");
  await check(page, "wrong OTP");
  return { mobile, otp };
}

/** From the first wrong OTP (2 attempts left) to the lock, then the lock screen. */
export async function lockoutTour(page: Page, wrong: string, check: ScreenCheck): Promise<void> {
  await typeOtp(page, wrong);
  await expect(wrongOtpAlert(page)).toContainText("1 attempt left.");
  await typeOtp(page, wrong);
  await expect(stepHeading(page, headings.locked)).toBeVisible();
  await check(page, "lockout");
}

/**
 * Levin for a new customer from the start screen: the Aadhaar number (and its
 * checksum error, corrected as the hint says), consent, the Aadhaar OTP, PAN
 * with the verified identity, the profile with identity.
 */
export async function levinIdentityTour(
  page: Page,
  request: APIRequestContext,
  check: ScreenCheck,
): Promise<void> {
  const mobile = await newCustomerPastMobileOtp(page, request, "levin");
  await check(page, "Aadhaar number");

  await page.getByLabel("Aadhaar number").fill("234123412345");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Aadhaar number")).toHaveAttribute("aria-invalid", "true");
  await check(page, "Aadhaar number, checksum error");
  // As the hint says: click the box to see the digits again, then correct them.
  await page.getByLabel("Aadhaar number").click();
  await expect(page.getByLabel("Aadhaar number")).toHaveValue("234123412345");
  await page.getByLabel("Aadhaar number").fill("234123412346");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(stepHeading(page, headings.consent)).toBeVisible();
  await check(page, "consent");
  await page.getByRole("button", { name: "Change number" }).click();

  const aadhaarSentAt = await submitAadhaar(page);
  await expect(stepHeading(page, headings.aadhaarOtp)).toBeVisible();
  await check(page, "Aadhaar OTP");
  await enterOtpFromPhone(page, request, mobile, { since: aadhaarSentAt, purpose: "aadhaar" });
  await expect(stepHeading(page, headings.pan)).toBeVisible();
  await check(page, "PAN with verified identity");

  await submitPan(page);
  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await check(page, "profile with identity");
}

/** A new DigiKhata customer from the start screen to the consent-language step. */
export async function digikhataConsentTour(
  page: Page,
  request: APIRequestContext,
  check: ScreenCheck,
): Promise<void> {
  await newCustomerPastMobileOtp(page, request, "digikhata");
  await check(page, "DigiKhata consent languages");
}

/** From the start screen, an Eko answer the console does not understand: the failed card. */
export async function failedCardTour(
  page: Page,
  request: APIRequestContext,
  check: ScreenCheck,
): Promise<void> {
  const mobile = newCustomerMobile();
  await queueSandbox(request, { mobile, scenario: 585 });
  await startFlow(page, { rail: "customer-account", mobile });
  await expect(
    stepHeading(page, "Eko sent an answer the console doesn't understand"),
  ).toBeVisible();
  await expect(page.getByText("Code for support: 585")).toBeVisible();
  await check(page, "failed");
}

/** The header's "My activity" link, with at least one row listed. */
export async function myActivityTour(page: Page, check: ScreenCheck): Promise<void> {
  await page.getByRole("link", { name: "My activity" }).click();
  await expect(stepHeading(page, "My activity")).toBeVisible();
  await expect(page.getByRole("listitem").first()).toBeVisible();
  await check(page, "my activity");
}
