import {
  headings,
  newCustomerToOtp,
  otpInput,
  railNames,
  rails,
  startFlow,
  stepHeading,
  typeOtp,
  wrongOtpAlert,
} from "./console-steps.ts";
import { expect, newCustomerMobile, readOtp, test, wrongOtp } from "./fixtures.ts";

for (const rail of rails) {
  test(`${railNames[rail]}: three wrong OTPs lock OTP entry and show how long to wait`, async ({
    signedInPage: page,
    request,
  }) => {
    const mobile = newCustomerMobile();
    const { since } = await newCustomerToOtp(page, { rail, mobile });
    const wrong = wrongOtp(await readOtp(request, mobile, { since }));

    await typeOtp(page, wrong);
    await expect(wrongOtpAlert(page)).toContainText("2 attempts left.");
    await typeOtp(page, wrong);
    await expect(wrongOtpAlert(page)).toContainText("1 attempt left.");
    await typeOtp(page, wrong);

    await expect(stepHeading(page, headings.locked)).toBeVisible();
    // The sandbox locks for SANDBOX_LOCKOUT_SECONDS (15 minutes by default).
    await expect(page.getByText(/^You can send a new OTP in 1[45]:\d\d$/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Resend OTP" })).toBeDisabled();
    await expect(otpInput(page)).toHaveCount(0);
    await expect(
      page.getByRole("main").getByRole("button", { name: "Next customer" }),
    ).toBeEnabled();
  });
}

test("Customer account: a customer Eko has locked out (persona 9000000007) gets the lock, even with the right OTP", async ({
  signedInPage: page,
  request,
}) => {
  const lockedOut = "9000000007";
  const { since } = await startFlow(page, { rail: "customer-account", mobile: lockedOut });
  await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();

  await typeOtp(page, await readOtp(request, lockedOut, { since }));

  await expect(stepHeading(page, headings.locked)).toBeVisible();
  await expect(page.getByText(/^You can send a new OTP in \d{1,2}:\d\d$/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Resend OTP" })).toBeDisabled();
});
