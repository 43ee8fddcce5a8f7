import { expectAccessibleInBothLanguages } from "./a11y.ts";
import { agents } from "./agents.ts";
import { enterOtpFromPhone, headings, startFlow, stepHeading } from "./console-steps.ts";
import { expect, newCustomerMobile, queueSandbox, signIn, test, wrongOtp } from "./fixtures.ts";
import {
  digikhataConsentTour,
  failedCardTour,
  levinIdentityTour,
  lockoutTour,
  myActivityTour,
  registrationTour,
} from "./screen-tours.ts";

// axe on every screen and state, in English and in Hindi: no serious or critical violation.
// (Status unknown needs the short Eko timeout: a11y-status-unknown.timers.spec.ts.)

test("sign-in, and its wrong-password error @mobile", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(stepHeading(page, "Sign in to the Eko OTP console")).toBeVisible();
  await expectAccessibleInBothLanguages(page, "sign-in");

  await page.getByLabel("Login").fill(agents.demo.login);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessibleInBothLanguages(page, "sign-in error");
});

test("start screen, its field error, and Eko being unavailable @mobile", async ({
  signedInPage: page,
  request,
}) => {
  await expectAccessibleInBothLanguages(page, "start");

  await page.getByLabel("Customer mobile number").fill("12345");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Customer mobile number")).toHaveAttribute("aria-invalid", "true");
  await expectAccessibleInBothLanguages(page, "start, invalid mobile");

  // Eko answers HTTP 500 to the look-up and to its one retry.
  const mobile = newCustomerMobile();
  await queueSandbox(request, { mobile, fault: "500", times: 2 });
  await page.getByRole("radio", { name: "Customer account", exact: true }).check();
  await page.getByLabel("Customer mobile number").fill(mobile);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: /^Send OTP to/ })).toBeVisible();
  await expectAccessibleInBothLanguages(page, "start, number read back");
  await page.getByRole("button", { name: "Yes, the number is right" }).click();
  await expect(page.getByRole("alert")).toContainText("Eko is not responding");
  await expectAccessibleInBothLanguages(page, "start, Eko unavailable");
});

test("onboarding (empty and with field errors), OTP, wrong OTP and lockout", async ({
  signedInPage: page,
  request,
}) => {
  const { otp } = await registrationTour(page, request, expectAccessibleInBothLanguages);
  await lockoutTour(page, wrongOtp(otp), expectAccessibleInBothLanguages);
});

test("Levin: Aadhaar number, consent, Aadhaar OTP, PAN with identity, profile with identity @mobile", async ({
  signedInPage: page,
  request,
}) => {
  await levinIdentityTour(page, request, expectAccessibleInBothLanguages);
});

test("existing customer's profile, and DigiKhata's next-step card", async ({
  signedInPage: page,
  request,
}) => {
  // Priya Nair (persona 9000000002): existing, non-KYC.
  const existing = "9000000002";
  const started = await startFlow(page, { rail: "customer-account", mobile: existing });
  await enterOtpFromPhone(page, request, existing, { since: started.since });
  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await expectAccessibleInBothLanguages(page, "profile");

  await page.getByRole("main").getByRole("button", { name: "Next customer" }).click();
  await digikhataConsentTour(page, request, expectAccessibleInBothLanguages);
});

test("an Eko answer the console does not understand (failed card)", async ({
  signedInPage: page,
  request,
}) => {
  await failedCardTour(page, request, expectAccessibleInBothLanguages);
});

test("activity, for an agent and for an admin", async ({
  signedInPage: page,
  browser,
  baseURL,
}) => {
  await myActivityTour(page, expectAccessibleInBothLanguages);

  const adminContext = await browser.newContext({ baseURL });
  const admin = await adminContext.newPage();
  await signIn(admin, agents.admin);
  await admin.goto("/activity");
  await expect(stepHeading(admin, "Activity")).toBeVisible();
  await expect(admin.getByRole("link", { name: "Download CSV" })).toBeVisible();
  await expectAccessibleInBothLanguages(admin, "activity (admin)");
  await adminContext.close();
});
