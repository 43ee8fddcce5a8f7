import { headings, newCustomerToOtp, profileValue, stepHeading, typeOtp } from "./console-steps.ts";
import { expect, newCustomerMobile, readOtp, test } from "./fixtures.ts";

test("submitting an OTP is one round trip: POST …/otp/verify answers with the next step, nothing is re-fetched", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { flowId, since } = await newCustomerToOtp(page, { rail: "customer-account", mobile });
  const otp = await readOtp(request, mobile, { since });

  const apiCalls: string[] = [];
  page.on("request", (sent) => {
    const { pathname } = new URL(sent.url());
    if (pathname.startsWith("/api/")) apiCalls.push(`${sent.method()} ${pathname}`);
  });
  const verify = `POST /api/flows/${flowId}/otp/verify`;
  // The sandbox phone panel (sandbox mode only) re-reads the simulator's outbox after
  // every step and every 2 s while an OTP is awaited; it is no part of the flow.
  const simulator = `GET /api/flows/${flowId}/sandbox-phone`;

  await typeOtp(page, otp);
  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await expect(profileValue(page, "Monthly limit")).toHaveText("₹25,000");
  // The panel's re-read is issued from the same onSuccess as any invalidation would be:
  // once it is out, a follow-up GET of the flow would be too.
  await expect.poll(() => apiCalls.slice(apiCalls.indexOf(verify))).toContain(simulator);

  expect(apiCalls.filter((call) => call !== simulator)).toEqual([verify]);
});
