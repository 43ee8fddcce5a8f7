import type { Page, TestInfo } from "@playwright/test";
import { expectFitsSmallScreen, expectNoSeriousAxeViolations, switchLanguage } from "./a11y.ts";
import {
  enterOtpFromPhone,
  headings,
  newCustomerToOtp,
  startFlow,
  stepHeading,
} from "./console-steps.ts";
import { expect, maskedMobile, newCustomerMobile, queueSandbox, test } from "./fixtures.ts";

// The counter PC set to another zone: the slip still says India's time.
test.use({ timezoneId: "America/Los_Angeles" });

/** "2 Dec 2026, 03:09": an ISO time as the console shows it in IST (UTC+05:30), worked out by hand. */
function istText(iso: string): string {
  const ist = new Date(Date.parse(iso) + 330 * 60_000);
  const months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
  const two = (n: number) => String(n).padStart(2, "0");
  return `${ist.getUTCDate()} ${months[ist.getUTCMonth()]} ${ist.getUTCFullYear()}, ${two(ist.getUTCHours())}:${two(ist.getUTCMinutes())}`;
}

const referencePattern = /EK-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;

/** Paper widths as CSS pixels (96 per inch), for screenshots the width of the paper. */
const papers = [
  { option: "58 mm roll", width: "58mm", px: 219 },
  { option: "80 mm roll", width: "80mm", px: 302 },
  { option: "A4 page", width: "210mm", px: 794 },
] as const;

/** Existing full-KYC persona (README): OTP → profile with balance and limits. */
const karan = { mobile: "9000000001", name: "Karan Garg" };

async function toProfile(page: Page, request: Parameters<typeof enterOtpFromPhone>[1]) {
  const { flowId, since } = await startFlow(page, {
    rail: "customer-account",
    mobile: karan.mobile,
  });
  await enterOtpFromPhone(page, request, karan.mobile, { since });
  await expect(stepHeading(page, headings.profile)).toBeVisible();
  return flowId;
}

const slip = (page: Page) => page.locator("[data-print-slip]");

/** The reference as the printed slip shows it (the slip exists only while printing). */
async function printedReference(page: Page): Promise<string> {
  await page.emulateMedia({ media: "print" });
  await expect(slip(page)).toBeVisible();
  const reference = ((await slip(page).textContent()) ?? "").match(referencePattern)?.[0] ?? "";
  await page.emulateMedia({ media: "screen" });
  await expect(slip(page)).toHaveCount(0);
  return reference;
}

async function attachPrint(page: Page, testInfo: TestInfo, name: string, width: string) {
  await testInfo.attach(`${name}.png`, {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
  await testInfo.attach(`${name}.pdf`, {
    body: await page.pdf({ width, height: width === "210mm" ? "297mm" : "200mm" }),
    contentType: "application/pdf",
  });
}

test("the slip prints alone at 58 mm, 80 mm and A4, masked, with the reference; the size is remembered", async ({
  signedInPage: page,
  request,
  agent,
}, testInfo) => {
  const flowId = await toProfile(page, request);
  const { updatedAt } = (await (await page.request.get(`/api/flows/${flowId}`)).json()) as {
    updatedAt: string;
  };
  // On screen the slip is not even in the page: nothing duplicates the cards.
  await expect(slip(page)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();

  for (const paper of papers) {
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.getByLabel("Paper").selectOption({ label: paper.option });

    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: paper.px, height: 900 });
    await expect(slip(page)).toBeVisible();
    await expect(slip(page)).toHaveAttribute(
      "data-size",
      paper.width === "210mm" ? "a4" : paper.width,
    );
    // Nothing else prints: header, buttons, the sandbox phone, the profile card itself.
    await expect(page.getByRole("banner")).toBeHidden();
    await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
    await expect(
      page.getByRole("main").getByRole("button", { name: "Next customer" }),
    ).toBeHidden();
    await expect(page.getByRole("complementary", { name: /Sandbox phone/ })).toBeHidden();
    await expect(stepHeading(page, headings.profile)).toBeHidden();

    // biome-ignore lint/performance/useDomNodeTextContent: the printed text is the rendered one (print media hides parts of the DOM)
    const text = (await slip(page).innerText()).replace(/\s+/g, " ");
    expect(text).toContain("Customer acknowledgement");
    expect(text).toContain(karan.name);
    expect(text).toContain(maskedMobile(karan.mobile));
    expect(text).not.toContain(karan.mobile);
    expect(text).toContain("Customer account");
    expect(text).toContain("Mobile verified");
    expect(text).toContain("Full KYC");
    expect(text).toContain("₹1,24,500.50");
    expect(text).toContain("₹5,287");
    expect(text).toContain(`Balance and limits as of ${istText(updatedAt)}`);
    expect(text).toContain(agent.name);
    expect(text).toMatch(/Agent code \d+/);
    expect(text).toMatch(/Shop time \d{1,2} \w{3} \d{4}, \d{2}:\d{2} IST/);
    expect(text).toMatch(referencePattern);
    // The slip fits the paper: no line wider than the page.
    const overflow = await slip(page).evaluate(
      (element) => element.scrollWidth - element.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await attachPrint(page, testInfo, `slip-${paper.width}`, paper.width);
  }

  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.reload();
  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await expect(page.getByLabel("Paper")).toHaveValue("a4");
});

test("Copy text puts a short masked summary on the clipboard when the browser has no Web Share", async ({
  signedInPage: page,
  request,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await toProfile(page, request);
  const printed = await printedReference(page);
  expect(printed).toMatch(referencePattern);

  // Desktop Chromium on Linux has no navigator.share: the button says what it does.
  await page.getByRole("button", { name: "Copy text" }).click();
  await expect(page.getByRole("status")).toContainText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split("\n")[0]).toBe("Customer acknowledgement");
  expect(copied).toContain(`Mobile: ${maskedMobile(karan.mobile)}`);
  expect(copied).toContain(`Reference: ${printed}`);
  expect(copied).not.toContain(karan.mobile);
  expect(copied).not.toMatch(/otp|token/i);
});

test("a finished flow of a new customer: slip in Hindi, axe clean in both languages, and My activity finds it by mobile and reference", async ({
  signedInPage: page,
  request,
}, testInfo) => {
  const mobile = newCustomerMobile();
  // A new customer-account customer whose verification Eko answers "Aadhaar pending" (2136):
  // the "what to do next" card (DigiKhata and Levin go on into their KYC instead).
  const { since } = await newCustomerToOtp(page, { rail: "customer-account", mobile });
  await queueSandbox(request, { mobile, scenario: 2136 });
  await enterOtpFromPhone(page, request, mobile, { since });
  await expect(stepHeading(page, headings.aadhaarPending)).toBeVisible();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await expectNoSeriousAxeViolations(page, "next step with slip actions");
  const reference = await printedReference(page);
  expect(reference).toMatch(referencePattern);

  try {
    await switchLanguage(page, "hi");
    await expect(page.getByRole("button", { name: "प्रिंट करें" })).toBeVisible();
    await expectNoSeriousAxeViolations(page, "next step with slip actions");
    await page.emulateMedia({ media: "print" });
    // biome-ignore lint/performance/useDomNodeTextContent: the printed text is the rendered one (print media hides parts of the DOM)
    const text = (await slip(page).innerText()).replace(/\s+/g, " ");
    expect(text).toContain("ग्राहक पावती");
    expect(text).toContain("मोबाइल वेरिफ़ाई हो गया, आधार KYC अभी बाक़ी है");
    expect(text).toContain(maskedMobile(mobile));
    expect(text).toContain(reference);
    expect(text).toMatch(/दुकान का समय \d{1,2} \S+ \d{4}, \d{2}:\d{2} बजे \(IST\)/);
    // The Hindi face is the self-hosted one, not whatever the PC has.
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family);
    });
    expect(fonts.map((family) => family.replaceAll('"', ""))).toContain("Console Devanagari");
    await page.setViewportSize({ width: 302, height: 900 });
    await attachPrint(page, testInfo, "slip-hindi-80mm", "80mm");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ media: "screen" });
  } finally {
    await page.emulateMedia({ media: "screen" });
    await switchLanguage(page, "en");
  }

  await page.getByRole("link", { name: "My activity" }).click();
  await expect(stepHeading(page, "My activity")).toBeVisible();
  const search = page.getByLabel("Customer's mobile or slip reference");
  const entries = page.getByRole("listitem");

  await search.fill(`+91 ${mobile.slice(0, 5)} ${mobile.slice(5)}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(entries).toHaveCount(3);
  await expect(page.getByText("3 entries", { exact: false })).toBeVisible();
  await expect(entries.filter({ hasText: maskedMobile(mobile) })).toHaveCount(3);
  await expect(entries.first()).toContainText(`Ref. ${reference}`);
  await expect(entries.first()).toContainText("Aadhaar KYC pending");
  // Outcomes are words; Eko's code only on the details line.
  await expect(entries.first().getByText(/^Details: code \d+/)).toBeVisible();

  await search.fill(reference.toLowerCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(entries).toHaveCount(3);
  await expect(entries.filter({ hasText: reference })).toHaveCount(3);

  await search.fill("12345");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(search).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a 10-digit mobile number or a reference")).toBeVisible();

  await entries.first().getByRole("link", { name: "Open this customer" }).click();
  await expect(stepHeading(page, headings.aadhaarPending)).toBeVisible();
});

test("at 360 px the slip actions and My activity's search fit, with 44 px targets @mobile-only", async ({
  signedInPage: page,
  request,
}) => {
  await toProfile(page, request);
  await expect(page.getByRole("button", { name: "Copy text" })).toBeVisible();
  await expectFitsSmallScreen(page, "profile with slip actions");
  await page.getByRole("link", { name: "My activity" }).click();
  await expect(page.getByRole("button", { name: "Search" })).toBeVisible();
  await expectFitsSmallScreen(page, "My activity with search");
});
