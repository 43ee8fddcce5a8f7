import type { Page } from "@playwright/test";
import { switchLanguage } from "./a11y.ts";
import { testAadhaar, testPan } from "./console-steps.ts";
import { expect, newCustomerMobile, readOtp, signIn, test } from "./fixtures.ts";

/** Hindi catalog texts (web/src/locales/hi/messages.po). */
const hi = {
  start: "ग्राहक के मोबाइल नंबर से शुरू करें",
  onboard: "ग्राहक को रजिस्टर करें",
  mobileOtp: "ग्राहक का OTP डालें",
  aadhaar: "आधार KYC",
  consent: "ग्राहक की सहमति",
  aadhaarOtp: "आधार OTP डालें",
  pan: "PAN वेरिफ़िकेशन",
  profile: "ग्राहक वेरिफ़ाई हो गया",
  signOut: "साइन आउट",
};

const heading = (page: Page, name: string) => page.getByRole("heading", { name, exact: true });

test("a whole Levin flow in Hindi, ₹ in hi-IN, and the choice follows the agent to the next sign-in", async ({
  signedInPage: page,
  request,
  agent,
  browser,
  baseURL,
}) => {
  await switchLanguage(page, "hi");
  await expect(heading(page, hi.start)).toBeVisible();
  await expect(page.getByRole("button", { name: "अगला ग्राहक" })).toBeVisible();

  const mobile = newCustomerMobile();
  await page.getByRole("radio", { name: "Levin वॉलेट — आधार KYC" }).check();
  await page.getByLabel("ग्राहक का मोबाइल नंबर").fill(mobile);
  await page.getByRole("button", { name: "आगे बढ़ें" }).click();
  await page.getByRole("button", { name: "हाँ, नंबर सही है" }).click();

  await expect(heading(page, hi.onboard)).toBeVisible();
  await page.getByLabel("पूरा नाम").fill("Ravi Kumar");
  await page.getByLabel("जन्म तिथि").fill("20/06/1985");
  await expect(page.getByText("यानी 20 जून 1985।")).toBeVisible();
  await page.getByLabel("पता", { exact: true }).fill("4 Station Road");
  await page.getByLabel("शहर या कस्बा").fill("Patna");
  // Option labels are Hindi; the value sent to Eko stays the English name.
  await expect(page.getByRole("option", { name: "बिहार" })).toHaveAttribute("value", "Bihar");
  await page.getByLabel("राज्य").selectOption("Bihar");
  await page.getByLabel("पिन कोड").fill("800001");
  const registeredAt = Date.now();
  await page.getByRole("button", { name: "रजिस्टर करें और OTP भेजें" }).click();

  await expect(heading(page, hi.mobileOtp)).toBeVisible();
  await expect(page.getByRole("button", { name: "OTP वेरिफ़ाई करें" })).toBeVisible();
  await page
    .getByLabel("OTP", { exact: true })
    .pressSequentially(await readOtp(request, mobile, { since: registeredAt }));

  await expect(heading(page, hi.aadhaar)).toBeVisible();
  await page.getByLabel("आधार नंबर").fill(testAadhaar);
  await page.getByRole("button", { name: "आगे बढ़ें" }).click();
  await expect(heading(page, hi.consent)).toBeVisible();
  await expect(page.getByText(/मैं सहमति देता\/देती हूँ/)).toBeVisible();
  await page.getByRole("checkbox", { name: "मैंने यह ग्राहक को पढ़कर सुनाया है और ग्राहक सहमत है" }).check();
  const aadhaarSentAt = Date.now();
  await page.getByRole("button", { name: "आधार OTP भेजें" }).click();

  await expect(heading(page, hi.aadhaarOtp)).toBeVisible();
  await page
    .getByLabel("OTP", { exact: true })
    .pressSequentially(
      await readOtp(request, mobile, { since: aadhaarSentAt, purpose: "aadhaar" }),
    );

  await expect(heading(page, hi.pan)).toBeVisible();
  await expect(page.getByText("वेरिफ़ाइड पहचान (आधार)")).toBeVisible();
  await page.getByLabel("PAN", { exact: true }).fill(testPan);
  await page.getByRole("button", { name: "PAN वेरिफ़ाई करें" }).click();

  await expect(heading(page, hi.profile)).toBeVisible();
  await expect(page.getByText("पूरी KYC")).toBeVisible();
  const hiIn = await page.evaluate(() => {
    const rupees = (amount: number, digits: number) =>
      new Intl.NumberFormat("hi-IN", {
        style: "currency",
        currency: "INR",
        minimumFractionDigits: digits,
      }).format(amount);
    return { limit: rupees(50000, 0), balance: rupees(0, 0) };
  });
  expect(hiIn.limit).toContain("50,000");
  const limitRow = page.locator("dl > div").filter({ hasText: "महीने की लिमिट" });
  await expect(limitRow.getByRole("definition")).toHaveText(hiIn.limit);
  const balanceRow = page.locator("dl > div").filter({ hasText: "वॉलेट बैलेंस" });
  await expect(balanceRow.getByRole("definition")).toHaveText(hiIn.balance);

  // Sign out, then sign in on another PC (a fresh browser context): still Hindi.
  await page.getByRole("button", { name: hi.signOut }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const otherPc = await browser.newContext({ baseURL });
  const otherPage = await otherPc.newPage();
  await signIn(otherPage, agent);
  await expect(otherPage.getByRole("button", { name: hi.signOut })).toBeVisible();
  await expect(heading(otherPage, hi.start)).toBeVisible();
  await expect(otherPage.locator("html")).toHaveAttribute("lang", "hi");
  await otherPc.close();
});
