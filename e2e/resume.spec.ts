import {
  enterOtpFromPhone,
  headings,
  newCustomerToOtp,
  startFlow,
  stepHeading,
} from "./console-steps.ts";
import { expect, maskedMobile, newCustomerMobile, test } from "./fixtures.ts";

test("the flow id is in the URL: Refresh and Back bring the agent back to the same step", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { flowId, since } = await newCustomerToOtp(page, { rail: "digikhata", mobile });
  const flowUrl = new RegExp(`/flow/${flowId}/otp-mobile$`);

  // Refresh mid-flow: the server's state, not the page's, decides the step.
  await page.reload();
  await expect(page).toHaveURL(flowUrl);
  await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();
  await expect(page.getByText(`OTP sent to ${maskedMobile(mobile)}`)).toBeVisible();

  // Away to "My activity" and Back.
  await page.getByRole("link", { name: "My activity" }).click();
  await expect(stepHeading(page, "My activity")).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(flowUrl);
  await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();

  await enterOtpFromPhone(page, request, mobile, { since });
  await expect(stepHeading(page, headings.digikhataConsent)).toBeVisible();
  await page.reload();
  await expect(stepHeading(page, headings.digikhataConsent)).toBeVisible();

  // Back through the steps seen (each done now: step-history.spec.ts), to the start screen,
  // and Forward to where the flow is.
  await page.goBack();
  await expect(stepHeading(page, "Mobile OTP: this step is done")).toBeVisible();
  await page.goBack();
  await expect(stepHeading(page, "Registration form: this step is done")).toBeVisible();
  await page.goBack();
  await expect(stepHeading(page, headings.start)).toBeVisible();
  await page.goForward();
  await page.goForward();
  await page.goForward();
  await expect(stepHeading(page, headings.digikhataConsent)).toBeVisible();
});

test('"Next customer" in the header returns to an empty start screen in one click', async ({
  signedInPage: page,
}) => {
  await startFlow(page, { rail: "customer-account", mobile: newCustomerMobile() });
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
  await page.getByLabel("Full name").fill("Half Typed");

  // A half-filled form asks first (counter-ready.spec.ts); the agent says yes.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("banner").getByRole("button", { name: "Next customer" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(stepHeading(page, headings.start)).toBeFocused();
  await expect(page.getByLabel("Customer mobile number")).toHaveValue("");
  await expect(page.getByText("Half Typed")).toHaveCount(0);
});
