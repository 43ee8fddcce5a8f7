import type { APIRequestContext, Page } from "@playwright/test";
import { expectAccessibleInBothLanguages, switchLanguage } from "./a11y.ts";
import { headings, startFlow, stepHeading } from "./console-steps.ts";
import { expect, newCustomerMobile, test } from "./fixtures.ts";

/*
 * Issue #15 §3: a date of birth typed day first ("17051990") once reached Eko
 * as 05-12-1990 through a native date input. It is typed as dd/mm/yyyy, read
 * back in words, and what Eko receives is checked in the sandbox's own
 * request log — not in the page.
 */

type LoggedRequest = { customer_id: string | null; dob: string | null; path: string };

async function dobsEkoReceived(request: APIRequestContext, mobile: string): Promise<string[]> {
  const response = await request.get("/sandbox/requests");
  expect(response.ok()).toBe(true);
  const entries = (await response.json()) as LoggedRequest[];
  return entries
    .filter((entry) => entry.customer_id === mobile && entry.dob !== null)
    .map((entry) => entry.dob as string);
}

async function fillAddress(page: Page): Promise<void> {
  await page.getByLabel("Address", { exact: true }).fill("12 MG Road, Shivaji Nagar");
  await page.getByLabel("City or town").fill("Pune");
  await page.getByLabel("State").selectOption("Maharashtra");
  await page.getByLabel("PIN code").fill("411005");
}

/** A new customer's registration form, with the name and the date typed as the agent would. */
async function registrationWith(page: Page, name: string, typedDob: string): Promise<string> {
  const mobile = newCustomerMobile();
  await startFlow(page, { rail: "customer-account", mobile });
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Date of birth").pressSequentially(typedDob);
  return mobile;
}

/** Sends the registration and checks the date Eko received, from the sandbox's request log. */
async function registerAndExpectDob(
  page: Page,
  request: APIRequestContext,
  mobile: string,
  dob: string,
): Promise<void> {
  await fillAddress(page);
  await page.getByRole("button", { name: "Register and send OTP" }).click();
  await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();
  await expect.poll(() => dobsEkoReceived(request, mobile)).toEqual([dob]);
}

test("a date typed day first reaches Eko as that same day, read back in words first", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = await registrationWith(page, "Asha Devi", "17051990");
  await expect(page.getByLabel("Date of birth")).toHaveValue("17/05/1990");
  await expect(page.getByText("That is 17 May 1990.")).toBeVisible();
  await registerAndExpectDob(page, request, mobile, "1990-05-17");
});

test("the read-back is in Hindi words, and a date past 100 years warns without blocking", async ({
  signedInPage: page,
  request,
}) => {
  const mobile = await registrationWith(page, "Ram Lal", "02011920");
  await expect(page.getByText("That is 2 January 1920.")).toBeVisible();
  await expect(page.getByText(/more than 100 years ago/)).toBeVisible();

  await expectAccessibleInBothLanguages(page, "registration, date read back with a warning");
  await switchLanguage(page, "hi");
  try {
    await expect(page.getByText("यानी 2 जनवरी 1920।")).toBeVisible();
  } finally {
    await switchLanguage(page, "en");
  }

  await registerAndExpectDob(page, request, mobile, "1920-01-02");
});

test("the registration form survives a refresh, and the draft is gone once it is sent", async ({
  signedInPage: page,
}) => {
  await registrationWith(page, "Meena Kumari", "01011988");
  await page.getByLabel("City or town").fill("Jaipur");

  await page.reload();
  await expect(stepHeading(page, headings.onboard)).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Meena Kumari");
  await expect(page.getByLabel("Date of birth")).toHaveValue("01/01/1988");
  await expect(page.getByLabel("City or town")).toHaveValue("Jaipur");

  await page.getByLabel("Address", { exact: true }).fill("7 Gandhi Chowk");
  await page.getByLabel("State").selectOption("Rajasthan");
  await page.getByLabel("PIN code").fill("302001");
  await page.getByRole("button", { name: "Register and send OTP" }).click();
  await expect(stepHeading(page, headings.mobileOtp)).toBeVisible();
  const drafts = await page.evaluate(() =>
    Object.keys(sessionStorage).filter((key) => key.startsWith("onboarding-draft:")),
  );
  expect(drafts).toEqual([]);
});
