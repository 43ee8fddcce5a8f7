import {
  expectAccessibleInBothLanguages,
  expectFitsSmallScreen,
  switchLanguage,
  tabTo,
} from "./a11y.ts";
import {
  enterOtpFromPhone,
  headings,
  newCustomerToOtp,
  startFlow,
  stepHeading,
} from "./console-steps.ts";
import { expect, maskedMobile, newCustomerMobile, readOutbox, test } from "./fixtures.ts";

/*
 * Issue #15 §1: each step the agent reaches has its own history entry
 * (/flow/:flowId/:step). Back and Forward show the steps seen; one the flow
 * has left says so and leads to the current step, never sending anything
 * again; Back from the first step is the start page, the flow still listed.
 */

const doneHeading = (step: string) => `${step}: this step is done`;

test("@mobile Back and Forward move between the steps seen; a step the flow has left says where it is now", async ({
  signedInPage: page,
  request,
}, testInfo) => {
  const mobile = newCustomerMobile();
  const { flowId, since } = await newCustomerToOtp(page, { rail: "digikhata", mobile });
  const stepUrl = (step: string) => new RegExp(`/flow/${flowId}/${step}$`);
  await expect(page).toHaveURL(stepUrl("otp-mobile"));
  await enterOtpFromPhone(page, request, mobile, { since });
  await expect(stepHeading(page, headings.digikhataConsent)).toBeVisible();
  await expect(page).toHaveURL(stepUrl("consent"));
  const sent = (await readOutbox(request, mobile)).length;

  await page.goBack();
  await expect(page).toHaveURL(stepUrl("otp-mobile"));
  await expect(stepHeading(page, doneHeading("Mobile OTP"))).toBeFocused();
  await expect(
    page.getByText(
      "A finished step cannot be done again. This customer's flow is now at: Customer's consent.",
    ),
  ).toBeVisible();
  // Nothing of the old step is offered again.
  await expect(page.getByLabel("OTP", { exact: true })).toHaveCount(0);
  await expectAccessibleInBothLanguages(page, "a step the flow has left");
  await switchLanguage(page, "hi");
  try {
    await expect(stepHeading(page, "मोबाइल OTP: यह चरण पूरा हो चुका है")).toBeVisible();
    await expect(page.getByRole("button", { name: "ग्राहक की सहमति पर जाएँ" })).toBeVisible();
  } finally {
    await switchLanguage(page, "en");
  }
  if (testInfo.project.name === "mobile-360") {
    await expectFitsSmallScreen(page, "a step the flow has left");
  }

  await page.goBack();
  await expect(page).toHaveURL(stepUrl("onboard"));
  await expect(stepHeading(page, doneHeading("Registration form"))).toBeFocused();
  await expect(page.getByLabel("Full name")).toHaveCount(0);

  await page.goForward();
  await expect(page).toHaveURL(stepUrl("otp-mobile"));
  await expect(stepHeading(page, doneHeading("Mobile OTP"))).toBeFocused();

  // By keyboard to where the flow is.
  const goOn = page.getByRole("button", { name: "Go to Customer's consent" });
  await tabTo(page, goOn);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(stepUrl("consent"));
  await expect(stepHeading(page, headings.digikhataConsent)).toBeFocused();
  // Seeing the steps again sent the customer nothing.
  expect(await readOutbox(request, mobile)).toHaveLength(sent);

  // Back past the first step: the start page, with this customer still in progress.
  await page.goBack();
  await page.goBack();
  await expect(stepHeading(page, doneHeading("Registration form"))).toBeVisible();
  await page.goBack();
  await expect(stepHeading(page, headings.start)).toBeVisible();
  const list = page.getByRole("region", { name: "Customers in progress" });
  await expect(list.getByRole("listitem").filter({ hasText: maskedMobile(mobile) })).toContainText(
    "DigiKhata wallet · Customer's consent",
  );
});

test("a link to a step this tab never showed opens the step the flow is at", async ({
  signedInPage: page,
}) => {
  const { flowId } = await startFlow(page, { rail: "levin", mobile: newCustomerMobile() });
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
  await page.goto(`/flow/${flowId}/pan`);
  await expect(page).toHaveURL(new RegExp(`/flow/${flowId}/onboard$`));
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
  await expect(page.getByText(/this step is done/)).toHaveCount(0);
});

test("a half-filled form asks before Back or a link leaves it; 'stay' keeps what was typed", async ({
  signedInPage: page,
}) => {
  const mobile = newCustomerMobile();
  const { flowId } = await startFlow(page, { rail: "customer-account", mobile });
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
  await page.getByLabel("Full name").fill("Half Typed");
  const question = "The form for this customer is half filled. Leave this screen anyway?";

  const asked: string[] = [];
  page.on("dialog", (dialog) => {
    asked.push(dialog.message());
    void (asked.length <= 2 ? dialog.dismiss() : dialog.accept());
  });
  await page.goBack();
  await expect.poll(() => asked).toEqual([question]);
  await expect(page).toHaveURL(new RegExp(`/flow/${flowId}/onboard$`));
  await expect(page.getByLabel("Full name")).toHaveValue("Half Typed");

  await page.getByRole("link", { name: "My activity" }).click();
  await expect.poll(() => asked).toEqual([question, question]);
  await expect(page).toHaveURL(new RegExp(`/flow/${flowId}/onboard$`));
  await expect(page.getByLabel("Full name")).toHaveValue("Half Typed");

  await page.goBack();
  await expect.poll(() => asked).toHaveLength(3);
  await expect(stepHeading(page, headings.start)).toBeVisible();
  const list = page.getByRole("region", { name: "Customers in progress" });
  await expect(list.getByRole("listitem").filter({ hasText: maskedMobile(mobile) })).toContainText(
    "Customer account · Registration form",
  );
});
