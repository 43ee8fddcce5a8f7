import { expectAccessibleInBothLanguages } from "./a11y.ts";
import {
  enterOtpFromPhone,
  headings,
  newCustomerToOtp,
  stepHeading,
  submitAadhaar,
  testAadhaar,
  typeOtp,
  wrongOtpAlert,
} from "./console-steps.ts";
import {
  expect,
  maskedMobile,
  newCustomerMobile,
  queueSandbox,
  readOtp,
  test,
  wrongOtp,
} from "./fixtures.ts";

/*
 * Runs only on the server with SANDBOX_DIALECT=published (playwright.config.ts):
 * the sandbox answers Levin C.5 / C.6 in Eko's published 1388 shapes and has
 * Verify Sender OTP on the master path only (server/src/sandbox/README.md).
 */

test("Levin in Eko's published dialect: a new sender reaches the verified identity after one wrong Aadhaar OTP", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "levin", mobile });
  // Verify Sender OTP: the legacy path answers 404 here, the console goes on to the master one.
  await enterOtpFromPhone(page, request, mobile, { since, purpose: "mobile" });

  const aadhaarSentAt = await submitAadhaar(page, testAadhaar);
  await expect(stepHeading(page, headings.aadhaarOtp)).toBeVisible();
  // The published "Aadhaar OTP sent" answer names its masked destination (mobile_hint).
  await expect(page.getByText(`OTP sent to ${maskedMobile(mobile)}`)).toBeVisible();

  const otp = await readOtp(request, mobile, { since: aadhaarSentAt, purpose: "aadhaar" });
  await typeOtp(page, wrongOtp(otp));
  await expect(wrongOtpAlert(page)).toContainText("2 attempts left.");
  await typeOtp(page, otp);

  await expect(stepHeading(page, "Aadhaar verified")).toBeVisible();
  const identity = page.getByRole("region", { name: "Verified identity (Aadhaar)" });
  await expect(identity).toContainText("Asha Devi");
  // Gender spelled out (the sandbox's "UIDAI" reports F for an Aadhaar ending in an even digit).
  await expect(identity).toContainText("Female");
  await expect(identity).toContainText("15-01-1990");
  await expect(identity).toContainText("XXXX XXXX 2346");
  await expect(identity).not.toContainText(testAadhaar);
});

test("Levin, wallet token refused (463): the agent sends a new mobile OTP and is back at the Aadhaar step", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "levin", mobile });
  await enterOtpFromPhone(page, request, mobile, { since, purpose: "mobile" });
  // Queued only once the OTP check is done, so the forced answer meets Validate Aadhaar.
  await expect(stepHeading(page, headings.aadhaar)).toBeVisible();
  await queueSandbox(request, { mobile, scenario: 463 });
  await submitAadhaar(page, testAadhaar);
  await expect(stepHeading(page, "The customer's wallet session has expired")).toBeVisible();
  await expectAccessibleInBothLanguages(page, "wallet renew");
  const renewAt = Date.now();
  await page.getByRole("button", { name: "Send new OTP to the mobile" }).click();

  await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();
  await enterOtpFromPhone(page, request, mobile, { since: renewAt, purpose: "mobile" });
  await expect(stepHeading(page, headings.aadhaar)).toBeVisible();
});
