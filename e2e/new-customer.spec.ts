import {
  enterOtpFromPhone,
  giveDigikhataConsent,
  headings,
  newCustomerToOtp,
  profileValue,
  stepHeading,
  submitAadhaar,
  submitAadhaarNumber,
  submitPan,
  testAadhaar,
} from "./console-steps.ts";
import { expect, maskedMobile, newCustomerMobile, readOutbox, test } from "./fixtures.ts";

test("Customer account: a new customer is registered, verified, and gets a non-KYC account", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "customer-account", mobile });
  await expect(page.getByText(`OTP sent to ${maskedMobile(mobile)}`)).toBeVisible();

  await enterOtpFromPhone(page, request, mobile, { since, purpose: "mobile" });

  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await expect(page.getByText("Non-KYC")).toBeVisible();
  await expect(profileValue(page, "Wallet balance")).toHaveText("₹0");
  await expect(profileValue(page, "Monthly limit")).toHaveText("₹25,000");
});

test("DigiKhata wallet: a new sender goes through mobile OTP, consent, Aadhaar OTP and PAN to full KYC", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "digikhata", mobile });
  await enterOtpFromPhone(page, request, mobile, { since, purpose: "mobile" });

  await giveDigikhataConsent(page);
  const aadhaarSentAt = await submitAadhaarNumber(page);
  await expect(stepHeading(page, headings.aadhaarOtp)).toBeVisible();
  await enterOtpFromPhone(page, request, mobile, { since: aadhaarSentAt, purpose: "aadhaar" });
  await submitPan(page);
  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await expect(page.getByText("Full KYC")).toBeVisible();
});

test("Levin wallet: a new sender goes through mobile OTP, Aadhaar + consent, Aadhaar OTP and PAN to full KYC", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "levin", mobile });
  await enterOtpFromPhone(page, request, mobile, { since, purpose: "mobile" });

  const aadhaarSentAt = await submitAadhaar(page, testAadhaar);
  await expect(stepHeading(page, headings.aadhaarOtp)).toBeVisible();
  await expect(page.getByText("OTP sent to the Aadhaar-linked mobile number")).toBeVisible();
  // The Aadhaar OTP is its own message in the customer's phone.
  await enterOtpFromPhone(page, request, mobile, { since: aadhaarSentAt, purpose: "aadhaar" });
  expect((await readOutbox(request, mobile)).map((message) => message.purpose)).toEqual([
    "aadhaar",
    "mobile",
  ]);

  // UIDAI's identity (masked Aadhaar only) above the PAN field.
  await expect(stepHeading(page, headings.pan)).toBeVisible();
  const identity = page.getByRole("region", { name: "Verified identity (Aadhaar)" });
  await expect(identity).toContainText("Asha Devi");
  await expect(identity).toContainText("XXXX XXXX 2346");
  await expect(identity).not.toContainText(testAadhaar);

  await submitPan(page);

  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await expect(page.getByText("Full KYC")).toBeVisible();
  await expect(profileValue(page, "Monthly limit")).toHaveText("₹50,000");
  await expect(page.getByRole("region", { name: "Verified identity (Aadhaar)" })).toBeVisible();
});
