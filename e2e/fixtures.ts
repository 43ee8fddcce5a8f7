import { type APIRequestContext, test as base, expect, type Page } from "@playwright/test";
import { type AgentLogin, agents, e2eAgent } from "./agents.ts";

export type OutboxMessage = {
  mobile: string;
  otp: string;
  purpose: "mobile" | "aadhaar";
  rail: string;
  sent_at: string;
};

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

/** A code that is certainly not `otp`: every digit moved by one. */
export function wrongOtp(otp: string): string {
  return otp.replace(/\d/g, (digit) => String((Number(digit) + 1) % 10));
}

/** A fresh "new customer" mobile per test, so tests never share sandbox state. */
export function newCustomerMobile(): string {
  return `8${String(Date.now()).slice(-6)}${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
}

/** "••••••1234": how the console shows a mobile number. */
export function maskedMobile(mobile: string): string {
  return `••••••${mobile.slice(-4)}`;
}

/**
 * Queues what the sandbox's Eko answers next for this customer — the
 * sandbox's own test API (server/src/sandbox/README.md), not a route mock.
 */
export async function queueSandbox(
  request: APIRequestContext,
  entry: {
    mobile: string;
    scenario?: number;
    fault?: "403" | "500" | "slow" | "malformed" | "html" | "reset";
    times?: number;
    delayMs?: number;
  },
): Promise<void> {
  const response = await request.post("/sandbox/scenarios", { data: entry });
  expect(response.ok()).toBe(true);
}

/** Signs in through the form, as an agent would. */
export async function signIn(page: Page, agent: AgentLogin = agents.demo): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Login").fill(agent.login);
  await page.getByLabel("Password").fill(agent.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // In the agent's saved language, which may be Hindi.
  await expect(page.getByRole("button", { name: /^(Sign out|साइन आउट)$/ })).toBeVisible();
}

/**
 * Signs in through the API (the sign-in form has its own spec) and resets the
 * agent's saved language to English, which an earlier test may have changed.
 * The page shares the cookie. Writes need our own Origin (middleware/csrf.ts).
 */
export async function signInByApi(page: Page, agent: AgentLogin, origin: string): Promise<void> {
  const headers = { origin };
  const signedIn = await page.request.post("/api/auth/sign-in", {
    headers,
    data: { login: agent.login, password: agent.password },
  });
  expect(signedIn.status()).toBe(200);
  const language = await page.request.put("/api/auth/me/language", {
    headers,
    data: { language: "en" },
  });
  expect(language.status()).toBe(200);
}

type Fixtures = {
  /** Fails the test on an uncaught error in the page; attaches console errors on failure. */
  browserErrors: undefined;
  /** The agent this test signs in as (see agents.ts). */
  agent: AgentLogin;
  /** The server's origin, for the Origin header the CSRF check wants on writes. */
  origin: string;
  /** Signed in as `agent`, in English, on the start screen. */
  signedInPage: Page;
};

export const test = base.extend<Fixtures>({
  browserErrors: [
    async ({ page }, use, testInfo) => {
      const uncaught: string[] = [];
      const consoleErrors: string[] = [];
      page.on("pageerror", (error) => uncaught.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      await use(undefined);
      if (testInfo.status !== testInfo.expectedStatus && consoleErrors.length > 0) {
        await testInfo.attach("browser-console-errors", {
          body: consoleErrors.join("\n"),
          contentType: "text/plain",
        });
      }
      expect(uncaught, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  agent: async ({}, use) => {
    await use(e2eAgent);
  },
  origin: async ({ baseURL }, use) => {
    await use(new URL(baseURL ?? "http://127.0.0.1").origin);
  },
  signedInPage: async ({ page, agent, origin }, use) => {
    await signInByApi(page, agent, origin);
    await page.goto("/");
    await expect(
      page.getByRole("heading", { level: 1, name: "Start with the customer's mobile number" }),
    ).toBeVisible();
    await use(page);
  },
});
export { expect };
