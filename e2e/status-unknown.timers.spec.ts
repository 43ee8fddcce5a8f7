import { headings, onboard, startFlow, stepHeading, typeOtp } from "./console-steps.ts";
import { expect, newCustomerMobile, queueSandbox, readOtp, readOutbox, test } from "./fixtures.ts";

test("Eko times out on a write: the status is unknown, nothing is resent, and Re-check finds where the customer is", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  await startFlow(page, { rail: "customer-account", mobile });
  // The sandbox answers the registration after 4.5 s; the console stops waiting at 3 s (EKO_TIMEOUT_MS).
  await queueSandbox(request, { mobile, fault: "slow", delayMs: 4500 });
  const registeredAt = await onboard(page);

  await expect(stepHeading(page, headings.statusUnknown)).toBeVisible();
  await expect(
    page.getByText(/Eko did not answer in time when we sent the customer's registration details/),
  ).toBeVisible();
  await expect(page.getByText(/Nothing has been sent again/)).toBeVisible();
  // The registration did go through in the end: its OTP reaches the customer's phone —
  // once: the console did not repeat the write behind the agent's back.
  await readOtp(request, mobile, { since: registeredAt });
  expect(await readOutbox(request, mobile)).toHaveLength(1);

  const recheckedAt = Date.now();
  await page.getByRole("button", { name: "Re-check status" }).click();

  // Eko knows the customer now and sends a fresh OTP (a look-up sends one, eko-api.md §8 A.1).
  await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();
  await typeOtp(page, await readOtp(request, mobile, { since: recheckedAt }));
  await expect(stepHeading(page, headings.profile)).toBeVisible();
});
