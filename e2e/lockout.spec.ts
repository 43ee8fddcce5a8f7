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
import { expect, newCustomerMobile, readOtp, readOutbox, test, wrongOtp } from "./fixtures.ts";

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

test("starting over with a locked number tells the lock and the time left, sends no SMS, and offers no Try again while the wait runs", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "customer-account", mobile });
  const wrong = wrongOtp(await readOtp(request, mobile, { since }));
  for (const left of ["2 attempts left.", "1 attempt left."]) {
    await typeOtp(page, wrong);
    await expect(wrongOtpAlert(page)).toContainText(left);
  }
  await typeOtp(page, wrong);
  await expect(stepHeading(page, headings.locked)).toBeVisible();
  const sent = (await readOutbox(request, mobile)).length;

  await page.getByRole("banner").getByRole("button", { name: "Next customer" }).click();
  await expect(stepHeading(page, headings.start)).toBeVisible();
  await page.getByRole("radio", { name: railNames.digikhata, exact: true }).check();
  await page.getByLabel("Customer mobile number").fill(mobile);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Yes, the number is right" }).click();

  const notice = page.getByRole("alert").filter({ hasText: "Too many tries" });
  await expect(notice).toContainText(/You can try again in 1[45]:\d\d\./);
  await expect(notice).toContainText("This limit is on this customer's mobile number");
  await expect(notice.getByRole("button", { name: "Try again" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);
  expect(await readOutbox(request, mobile)).toHaveLength(sent);
});
