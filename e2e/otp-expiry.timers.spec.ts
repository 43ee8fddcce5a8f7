import {
  afterNewCustomerOtp,
  newCustomerToOtp,
  otpInput,
  railNames,
  rails,
  stepHeading,
  typeOtp,
} from "./console-steps.ts";
import { expect, newCustomerMobile, readOtp, test } from "./fixtures.ts";

// On the short-timers server OTPs live 4 s (OTP_TTL_SECONDS / SANDBOX_OTP_TTL_SECONDS).
for (const rail of rails) {
  test(`${railNames[rail]}: an expired OTP cannot be used; a resent one can`, async ({
    signedInPage: page,
    request,
    origin,
  }) => {
    const mobile = newCustomerMobile();
    const { flowId, since } = await newCustomerToOtp(page, { rail, mobile });
    const expiredOtp = await readOtp(request, mobile, { since });
    await expect(page.getByText(/^Expires in 0:0\d$/)).toBeVisible();

    const expired = page.getByRole("alert").filter({ hasText: "This OTP has expired" });
    await expect(expired).toBeVisible();
    await expect(otpInput(page)).toBeDisabled();
    await expect(page.getByRole("button", { name: "Verify OTP" })).toBeDisabled();

    // Not just the countdown: Eko (the sandbox) refuses it too, without using up an attempt.
    const late = await page.request.post(`/api/flows/${flowId}/otp/verify`, {
      headers: { origin },
      data: { otp: expiredOtp },
    });
    expect(late.status()).toBe(200);
    expect((await late.json()).step).toMatchObject({
      kind: "otp",
      lastAttempt: "expired",
      attemptsLeft: 3,
    });

    const resentAt = Date.now();
    await page.getByRole("button", { name: "Resend OTP" }).click();
    await expect(expired).toBeHidden();
    await typeOtp(page, await readOtp(request, mobile, { since: resentAt }));
    await expect(stepHeading(page, afterNewCustomerOtp[rail])).toBeVisible();
  });
}
