import { expectAccessibleInBothLanguages } from "./a11y.ts";
import {
  headings,
  newCustomerToOtp,
  otpInput,
  startFlow,
  stepHeading,
  typeOtp,
  wrongOtpAlert,
} from "./console-steps.ts";
import { expect, maskedMobile, newCustomerMobile, readOtp, test, wrongOtp } from "./fixtures.ts";

/* Issue #15 §2 and §4: what an agent serving several customers at once trips over. */

test("customers in progress are listed on the start page and resumed in one click", async ({
  signedInPage: page,
}) => {
  const first = newCustomerMobile();
  const second = newCustomerMobile();
  const { flowId: firstFlow } = await startFlow(page, { rail: "digikhata", mobile: first });
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
  await page.getByRole("banner").getByRole("button", { name: "Next customer" }).click();
  await startFlow(page, { rail: "customer-account", mobile: second });
  await expect(stepHeading(page, headings.onboard)).toBeVisible();

  // Back from the first step: the start page, with this flow still in progress.
  await page.goBack();
  await expect(stepHeading(page, headings.start)).toBeVisible();
  const list = page.getByRole("region", { name: "Customers in progress" });
  await expect(list.getByText(maskedMobile(second))).toBeVisible();
  await expect(list.getByText(maskedMobile(first))).toBeVisible();
  // The agent may have other customers in progress from earlier specs: this customer's row.
  await expect(list.getByRole("listitem").filter({ hasText: maskedMobile(first) })).toContainText(
    "DigiKhata wallet · Registration form",
  );
  // Masked in the list: the full numbers are nowhere on the page.
  await expect(page.getByText(first)).toHaveCount(0);
  await expectAccessibleInBothLanguages(page, "start, customers in progress");

  // Found by the full number, resumed in one click.
  await list.getByLabel("Find by the customer's full mobile number").fill(first);
  await list.getByRole("button", { name: "Find" }).click();
  await expect(list.getByText(maskedMobile(second))).toHaveCount(0);
  await list.getByRole("link", { name: "Resume" }).click();
  await expect(page).toHaveURL(new RegExp(`/flow/${firstFlow}/onboard$`));
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
});

test("the service chosen for one customer is not carried over to the next", async ({
  signedInPage: page,
}) => {
  await startFlow(page, { rail: "levin", mobile: newCustomerMobile() });
  await page.getByRole("banner").getByRole("button", { name: "Next customer" }).click();
  await expect(stepHeading(page, headings.start)).toBeVisible();
  await expect(page.getByRole("radio", { checked: true, name: /wallet|account/ })).toHaveCount(0);
});

test("after a wrong OTP the focus is back in the OTP boxes for the next try", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "customer-account", mobile });
  const otp = await readOtp(request, mobile, { since });
  await typeOtp(page, wrongOtp(otp));
  await expect(wrongOtpAlert(page)).toBeVisible();
  await expect(otpInput(page)).toBeFocused();
  // Typing straight away goes into the boxes.
  await page.keyboard.type(otp);
  await expect(stepHeading(page, headings.profile)).toBeVisible();
});

test("the mobile number is shown in full while typed and read back, masked afterwards", async ({
  signedInPage: page,
}) => {
  const mobile = newCustomerMobile();
  await page.getByRole("radio", { name: "Customer account", exact: true }).check();
  await page.getByLabel("Customer mobile number").fill(mobile);
  await expect(page.getByLabel("Customer mobile number")).toHaveValue(mobile);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(
    page.getByRole("heading", { name: `Send OTP to ${mobile.slice(0, 5)} ${mobile.slice(5)}?` }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Yes, the number is right" }).click();
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
  await expect(page.getByText(maskedMobile(mobile))).toBeVisible();
  await expect(page.getByText(mobile)).toHaveCount(0);
});

test("a second tab on the same flow follows it when it moves on elsewhere, and says so", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = newCustomerMobile();
  const { since } = await newCustomerToOtp(page, { rail: "customer-account", mobile });
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(stepHeading(other, headings.mobileOtp)).toBeVisible();

  await typeOtp(other, await readOtp(request, mobile, { since }));
  await expect(stepHeading(other, headings.profile)).toBeVisible();
  await expect(other.getByText(/moved on in another tab/)).toHaveCount(0);

  // The first tab, untouched: it catches up by itself and tells the agent why the screen changed.
  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: /moved on in another tab/ }),
  ).toBeVisible();
  await other.close();
});

test("leaving a half-filled registration form asks first", async ({ signedInPage: page }) => {
  await startFlow(page, { rail: "customer-account", mobile: newCustomerMobile() });
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
  await page.getByLabel("Full name").fill("Half Typed");
  const nextCustomer = page.getByRole("banner").getByRole("button", { name: "Next customer" });

  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await nextCustomer.click();
  await expect
    .poll(() => asked)
    .toEqual(["The form for this customer is half filled. Leave it and serve the next customer?"]);
  await expect(page.getByLabel("Full name")).toHaveValue("Half Typed");

  page.once("dialog", (dialog) => void dialog.accept());
  await nextCustomer.click();
  await expect(stepHeading(page, headings.start)).toBeVisible();
});
