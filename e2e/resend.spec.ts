import {
  afterNewCustomerOtp,
  newCustomerToOtp,
  railNames,
  rails,
  stepHeading,
  typeOtp,
  wrongOtpAlert,
} from "./console-steps.ts";
import { expect, newCustomerMobile, readOtp, test } from "./fixtures.ts";

for (const rail of rails) {
  test(`${railNames[rail]}: "Resend OTP" sends a new OTP and the old one stops working`, async ({
    signedInPage: page,
    request,
  }) => {
    const mobile = newCustomerMobile();
    const { since } = await newCustomerToOtp(page, { rail, mobile });
    const first = await readOtp(request, mobile, { since });

    // Held back until OTP_RESEND_SECONDS (3 s in the e2e config) have passed.
    const resend = page.getByRole("button", { name: "Resend OTP" });
    await expect(resend).toBeDisabled();
    await expect(page.getByText(/You can resend in 0:0\d/)).toBeVisible();
    await expect(resend).toBeEnabled();
    const resentAt = Date.now();
    await resend.click();
    await expect(page.getByRole("status")).toContainText(
      "A new OTP has been sent. The old one no longer works.",
    );
    const second = await readOtp(request, mobile, { since: resentAt });
    expect(second).not.toBe(first);

    await typeOtp(page, first);
    await expect(wrongOtpAlert(page)).toContainText("2 attempts left.");

    await typeOtp(page, second);
    await expect(stepHeading(page, afterNewCustomerOtp[rail])).toBeVisible();
  });
}
