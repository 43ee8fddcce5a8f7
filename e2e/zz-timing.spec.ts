import { afterNewCustomerOtp, headings, newCustomerToOtp, otpInput, stepHeading, typeOtp, wrongOtpAlert } from "./console-steps.ts";
import { expect, newCustomerMobile, readOtp, test, wrongOtp } from "./fixtures.ts";

test("timing", async ({ signedInPage: page, request }) => {
  const t0 = Date.now();
  const log = (label: string) => console.log(label, Date.now() - t0);
  const rail = "levin";
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail, mobile });
  log("otp screen");
  const otp = await readOtp(request, mobile, { since });
  log("read otp");
  await typeOtp(page, wrongOtp(otp));
  log("typed wrong");
  await expect(wrongOtpAlert(page)).toContainText("2 attempts left.");
  log("alert");
  await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();
  await expect(otpInput(page)).toHaveValue("");
  log("cleared");
  await typeOtp(page, otp);
  log("typed right");
  await expect(stepHeading(page, afterNewCustomerOtp[rail])).toBeVisible();
  log("next");
});
