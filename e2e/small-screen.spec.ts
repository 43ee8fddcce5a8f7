import type { Page } from "@playwright/test";
import { expectFitsSmallScreen, switchLanguage } from "./a11y.ts";
import { agents } from "./agents.ts";
import {
  enterOtpFromPhone,
  headings,
  newCustomerToOtp,
  onboard,
  startFlow,
  stepHeading,
  submitAadhaar,
  submitPan,
  typeOtp,
  wrongOtpAlert,
} from "./console-steps.ts";
import {
  expect,
  newCustomerMobile,
  queueSandbox,
  readOtp,
  signIn,
  test,
  wrongOtp,
} from "./fixtures.ts";

// 360 px only (tag @mobile-only): no sideways scrolling and 44 px touch targets on
// every screen, in English and in Hindi (longer words, other script).

async function fitsInBothLanguages(page: Page, screen: string): Promise<void> {
  await expectFitsSmallScreen(page, screen);
  await switchLanguage(page, "hi");
  try {
    await expectFitsSmallScreen(page, `${screen} (hi)`);
  } finally {
    await switchLanguage(page, "en");
  }
}

test("sign-in, start, registration, OTP, wrong OTP, profile and activity fit 360 px @mobile-only", async ({
  page,
  request,
}) => {
  await page.goto("/sign-in");
  await expect(stepHeading(page, "Sign in to the Eko OTP console")).toBeVisible();
  await fitsInBothLanguages(page, "sign-in");
  await signIn(page, agents.demo);
  await fitsInBothLanguages(page, "start");

  const mobile = newCustomerMobile();
  await startFlow(page, { rail: "customer-account", mobile });
  await page.getByRole("button", { name: "Register and send OTP" }).click();
  await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");
  await fitsInBothLanguages(page, "registration with errors");

  const since = await onboard(page);
  await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();
  await fitsInBothLanguages(page, "OTP");
  const otp = await readOtp(request, mobile, { since });
  await typeOtp(page, wrongOtp(otp));
  await expect(wrongOtpAlert(page)).toBeVisible();
  await fitsInBothLanguages(page, "wrong OTP");
  await typeOtp(page, otp);
  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await fitsInBothLanguages(page, "profile");

  await page.getByRole("link", { name: "My activity" }).click();
  await expect(page.getByRole("listitem").first()).toBeVisible();
  await fitsInBothLanguages(page, "my activity");
});

test("Levin's Aadhaar, consent, Aadhaar OTP, PAN and profile with identity fit 360 px @mobile-only", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "levin", mobile });
  await enterOtpFromPhone(page, request, mobile, { since });
  await expect(stepHeading(page, headings.aadhaar)).toBeVisible();
  await fitsInBothLanguages(page, "Aadhaar number");

  await page.getByLabel("Aadhaar number").fill("234123412346");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(stepHeading(page, headings.consent)).toBeVisible();
  await fitsInBothLanguages(page, "consent");
  await page.getByRole("button", { name: "Change number" }).click();

  const aadhaarSentAt = await submitAadhaar(page);
  await expect(stepHeading(page, headings.aadhaarOtp)).toBeVisible();
  await enterOtpFromPhone(page, request, mobile, { since: aadhaarSentAt, purpose: "aadhaar" });
  await expect(stepHeading(page, headings.pan)).toBeVisible();
  await fitsInBothLanguages(page, "PAN with identity");

  await submitPan(page);
  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await fitsInBothLanguages(page, "profile with identity");
});

test("the lock, the DigiKhata consent and an Eko failure fit 360 px @mobile-only", async ({
  signedInPage: page,
  request,
}) => {
  const locked = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "digikhata", mobile: locked });
  const wrong = wrongOtp(await readOtp(request, locked, { since }));
  for (const left of ["2 attempts left.", "1 attempt left."]) {
    await typeOtp(page, wrong);
    await expect(wrongOtpAlert(page)).toContainText(left);
  }
  await typeOtp(page, wrong);
  await expect(stepHeading(page, headings.locked)).toBeVisible();
  await fitsInBothLanguages(page, "locked");

  await page.getByRole("main").getByRole("button", { name: "Next customer" }).click();
  const mobile = newCustomerMobile();
  const next = await newCustomerToOtp(page, { rail: "digikhata", mobile });
  await enterOtpFromPhone(page, request, mobile, { since: next.since });
  await expect(stepHeading(page, headings.digikhataConsent)).toBeVisible();
  await fitsInBothLanguages(page, "DigiKhata consent languages");

  await page.getByRole("banner").getByRole("button", { name: "Next customer" }).click();
  const refused = newCustomerMobile();
  await queueSandbox(request, { mobile: refused, scenario: 585 });
  await startFlow(page, { rail: "customer-account", mobile: refused });
  await expect(page.getByText("Code for support: 585")).toBeVisible();
  await fitsInBothLanguages(page, "failed");
});
