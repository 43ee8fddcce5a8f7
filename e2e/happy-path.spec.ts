import {
  enterOtpFromPhone,
  headings,
  profileValue,
  railNames,
  rails,
  startFlow,
  stepHeading,
} from "./console-steps.ts";
import { expect, maskedMobile, test } from "./fixtures.ts";

// Karan Garg (sandbox persona): full KYC, balance 124500.50, limit 50000.0, used 44713.
const existingCustomer = "9000000001";

for (const rail of rails) {
  test(`${railNames[rail]}: an existing customer's OTP opens their profile, amounts in ₹ (en-IN) @mobile`, async ({
    signedInPage: page,
    request,
  }) => {
    const { since } = await startFlow(page, { rail, mobile: existingCustomer });
    await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();
    await expect(page.getByText(`OTP sent to ${maskedMobile(existingCustomer)}`)).toBeVisible();

    await enterOtpFromPhone(page, request, existingCustomer, { since });

    await expect(stepHeading(page, headings.profile)).toBeVisible();
    const card = page.getByRole("region", { name: "Karan Garg" });
    await expect(card.getByText("Full KYC")).toBeVisible();
    await expect(profileValue(page, "Wallet balance")).toHaveText("₹1,24,500.50");
    await expect(profileValue(page, "Can send now")).toHaveText("₹5,287");
    await expect(profileValue(page, "Monthly limit")).toHaveText("₹50,000");
    await expect(profileValue(page, "Mobile")).toHaveText(maskedMobile(existingCustomer));
  });
}
