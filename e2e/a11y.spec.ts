import { expectAccessibleInBothLanguages } from "./a11y.ts";
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
  const mobile = newCustomerMobile();
  await startFlow(page, { rail: "customer-account", mobile });
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
  await expectAccessibleInBothLanguages(page, "onboarding");

  await page.getByRole("button", { name: "Register and send OTP" }).click();
  await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");
  await expectAccessibleInBothLanguages(page, "onboarding, field errors");

  const since = await onboard(page);
  await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();
  await expectAccessibleInBothLanguages(page, "OTP");

  const wrong = wrongOtp(await readOtp(request, mobile, { since }));
  await typeOtp(page, wrong);
  await expect(wrongOtpAlert(page)).toContainText("2 attempts left.");
  await expectAccessibleInBothLanguages(page, "wrong OTP");

  await typeOtp(page, wrong);
  await expect(wrongOtpAlert(page)).toContainText("1 attempt left.");
  await typeOtp(page, wrong);
  await expect(stepHeading(page, headings.locked)).toBeVisible();
  await expectAccessibleInBothLanguages(page, "lockout");
});

test("Levin: Aadhaar number, consent, Aadhaar OTP, PAN with identity, profile with identity @mobile", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "levin", mobile });
  await enterOtpFromPhone(page, request, mobile, { since });

  await expect(stepHeading(page, headings.aadhaar)).toBeVisible();
  await expectAccessibleInBothLanguages(page, "Aadhaar number");

  await page.getByLabel("Aadhaar number").fill("234123412345");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Aadhaar number")).toHaveAttribute("aria-invalid", "true");
  await expectAccessibleInBothLanguages(page, "Aadhaar number, checksum error");
  // As the hint says: click the box to see the digits again, then correct them.
  await page.getByLabel("Aadhaar number").click();
  await expect(page.getByLabel("Aadhaar number")).toHaveValue("234123412345");
  await page.getByLabel("Aadhaar number").fill("234123412346");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(stepHeading(page, headings.consent)).toBeVisible();
  await expectAccessibleInBothLanguages(page, "consent");
  await page.getByRole("button", { name: "Change number" }).click();

  const aadhaarSentAt = await submitAadhaar(page);
  await expect(stepHeading(page, headings.aadhaarOtp)).toBeVisible();
  await expectAccessibleInBothLanguages(page, "Aadhaar OTP");
  await enterOtpFromPhone(page, request, mobile, { since: aadhaarSentAt, purpose: "aadhaar" });

  await expect(stepHeading(page, headings.pan)).toBeVisible();
  await expectAccessibleInBothLanguages(page, "PAN with verified identity");

  await submitPan(page);
  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await expectAccessibleInBothLanguages(page, "profile with identity");
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
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "digikhata", mobile });
  await enterOtpFromPhone(page, request, mobile, { since });
  await expect(stepHeading(page, headings.digikhataConsent)).toBeVisible();
  await expectAccessibleInBothLanguages(page, "DigiKhata consent languages");
});

test("an Eko answer the console does not understand (failed card)", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  await queueSandbox(request, { mobile, scenario: 585 });
  await startFlow(page, { rail: "customer-account", mobile });
  await expect(
    stepHeading(page, "Eko sent an answer the console doesn't understand"),
  ).toBeVisible();
  await expect(page.getByText("Code for support: 585")).toBeVisible();
  await expectAccessibleInBothLanguages(page, "failed");
});

test("activity, for an agent and for an admin", async ({
  signedInPage: page,
  browser,
  baseURL,
}) => {
  await page.getByRole("link", { name: "My activity" }).click();
  await expect(stepHeading(page, "My activity")).toBeVisible();
  await expect(page.getByRole("listitem").first()).toBeVisible();
  await expectAccessibleInBothLanguages(page, "my activity");

  const adminContext = await browser.newContext({ baseURL });
  const admin = await adminContext.newPage();
  await signIn(admin, agents.admin);
  await admin.goto("/activity");
  await expect(stepHeading(admin, "Activity")).toBeVisible();
  await expect(admin.getByRole("link", { name: "Download CSV" })).toBeVisible();
  await expectAccessibleInBothLanguages(admin, "activity (admin)");
  await adminContext.close();
});
