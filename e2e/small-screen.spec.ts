import { expectFitsSmallScreenInBothLanguages as fits } from "./a11y.ts";
import { agents } from "./agents.ts";
import {
  headings,
  newCustomerToOtp,
  stepHeading,
  typeOtp,
  wrongOtpAlert,
} from "./console-steps.ts";
import { expect, newCustomerMobile, readOtp, signIn, test, wrongOtp } from "./fixtures.ts";
import {
  digikhataConsentTour,
  failedCardTour,
  levinIdentityTour,
  lockoutTour,
  myActivityTour,
  registrationTour,
} from "./screen-tours.ts";

// 360 px only (tag @mobile-only): no sideways scrolling and 44 px touch targets on
// every screen, in English and in Hindi (longer words, other script).

test("sign-in, start, registration, OTP, wrong OTP, profile and activity fit 360 px @mobile-only", async ({
  page,
  request,
}) => {
  await page.goto("/sign-in");
  await expect(stepHeading(page, "Sign in to the Eko OTP console")).toBeVisible();
  await fits(page, "sign-in");
  await signIn(page, agents.demo);
  await fits(page, "start");

  const { otp } = await registrationTour(page, request, fits);
  await typeOtp(page, otp);
  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await fits(page, "profile");

  await myActivityTour(page, fits);
});

test("Levin's Aadhaar, consent, Aadhaar OTP, PAN and profile with identity fit 360 px @mobile-only", async ({
  signedInPage: page,
  request,
}) => {
  await levinIdentityTour(page, request, fits);
});

test("the lock, the DigiKhata consent and an Eko failure fit 360 px @mobile-only", async ({
  signedInPage: page,
  request,
}) => {
  const locked = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "digikhata", mobile: locked });
  const wrong = wrongOtp(await readOtp(request, locked, { since }));
  await typeOtp(page, wrong);
  await expect(wrongOtpAlert(page)).toContainText("2 attempts left.");
  await lockoutTour(page, wrong, fits);

  await page.getByRole("main").getByRole("button", { name: "Next customer" }).click();
  await digikhataConsentTour(page, request, fits);

  await page.getByRole("banner").getByRole("button", { name: "Next customer" }).click();
  await failedCardTour(page, request, fits);
});
