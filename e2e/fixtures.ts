import { type APIRequestContext, test as base, expect, type Page } from "@playwright/test";

export type OutboxMessage = {
  mobile: string;
  otp: string;
  purpose: "mobile" | "aadhaar";
  rail: string;
  sent_at: string;
};

export const agents = {
  demo: { login: "demo", password: "demo-password" },
  admin: { login: "admin", password: "admin-password" },
} as const;

/** Reads the customer's "phone": the sandbox SMS outbox, newest first. */
export async function readOutbox(
  request: APIRequestContext,
  mobile: string,
): Promise<OutboxMessage[]> {
  const response = await request.get(`/sandbox/outbox?mobile=${mobile}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as OutboxMessage[];
}

/** Waits for an OTP sent after `since` (ms epoch) and returns it — never a hard-coded code. */
export async function readOtp(
  request: APIRequestContext,
  mobile: string,
  options: { since: number; purpose?: "mobile" | "aadhaar" },
): Promise<string> {
  let otp: string | undefined;
  await expect
    .poll(async () => {
      const messages = await readOutbox(request, mobile);
      otp = messages.find(
        (message) =>
          Date.parse(message.sent_at) >= options.since - 1000 &&
          (!options.purpose || message.purpose === options.purpose),
      )?.otp;
      return otp;
    })
    .toBeTruthy();
  return otp as string;
}

/** A fresh "new customer" mobile per test, so tests never share sandbox state. */
export function newCustomerMobile(): string {
  return `8${String(Date.now()).slice(-6)}${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
}

export async function signIn(page: Page, who: keyof typeof agents = "demo"): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel(/login|लॉगिन/i).fill(agents[who].login);
  await page.getByLabel(/password|पासवर्ड/i).fill(agents[who].password);
  await page.getByRole("button", { name: /sign in|साइन इन/i }).click();
  await expect(page.getByRole("button", { name: /sign out|साइन आउट/i })).toBeVisible();
}

export const test = base.extend<{ signedInPage: Page }>({
  signedInPage: async ({ page }, use) => {
    await signIn(page);
    await use(page);
  },
});
export { expect };
