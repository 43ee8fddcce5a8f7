import {
  afterNewCustomerOtp,
  headings,
  newCustomerToOtp,
  otpInput,
  railNames,
  rails,
  stepHeading,
  typeOtp,
  wrongOtpAlert,
} from "./console-steps.ts";
import { expect, newCustomerMobile, readOtp, test, wrongOtp } from "./fixtures.ts";

for (const rail of rails) {
  test(`${railNames[rail]}: a wrong OTP says how many attempts are left, then the right one goes through`, async ({
    signedInPage: page,
    request,
  }) => {
    const mobile = newCustomerMobile();
    const { since } = await newCustomerToOtp(page, { rail, mobile });
    const otp = await readOtp(request, mobile, { since });

    await typeOtp(page, wrongOtp(otp));
    await expect(wrongOtpAlert(page)).toContainText("2 attempts left.");
    await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();
    await expect(otpInput(page)).toHaveValue("");

    await typeOtp(page, otp);
    await expect(stepHeading(page, afterNewCustomerOtp[rail])).toBeVisible();
  });
}
