import type { Browser, Page } from "@playwright/test";
import { freshMobile } from "./load.ts";

export type ApiCall = { method: string; path: string; startMs: number; endMs: number };
export type StepTrips = {
  step: string;
  calls: ApiCall[];
  /**
   * The sandbox "phone" panel's reads (GET …/sandbox-phone): sandbox mode only
   * (404 with real Eko), so they are listed but not counted against the step.
   */
  sandboxPhoneCalls: number;
  /** Longest chain of API calls where each starts only after the previous one ended: 1 = no waterfall. */
  chain: number;
};

/** Longest run of calls that waited for one another (sorted by start). */
export function chainLength(calls: ApiCall[]): number {
  const sorted = [...calls].sort((a, b) => a.startMs - b.startMs);
  const depth: number[] = [];
  sorted.forEach((call, index) => {
    const before = sorted.slice(0, index).filter((earlier) => earlier.endMs <= call.startMs);
    depth.push(1 + Math.max(0, ...before.map((earlier) => depth[sorted.indexOf(earlier)] ?? 0)));
  });
  return Math.max(0, ...depth);
}

type Outbox = { otp: string; sent_at: string }[];

/** The OTP the sandbox "sent" after `since`: read from its outbox, never hard-coded. */
async function readOtp(origin: string, mobile: string, since: number): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await fetch(`${origin}/sandbox/outbox?mobile=${mobile}`);
    const messages = (await response.json()) as Outbox;
    const otp = messages.find((message) => Date.parse(message.sent_at) >= since - 1000)?.otp;
    if (otp) return otp;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no OTP in the sandbox outbox for ${mobile}`);
}

/**
 * Browser→server API calls per user step of a Levin new-customer flow, in
 * the sandbox-mode console, unthrottled: "one round trip per OTP
 * verification, no waterfall on any step" means every step shows one call
 * (or several in parallel), chain 1. Uses the accessible names the e2e
 * suite uses (e2e/console-steps.ts).
 */
export async function measureRoundTrips(browser: Browser, origin: string): Promise<StepTrips[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const inFlight = new Map<object, ApiCall>();
    let calls: ApiCall[] = [];
    const t0 = performance.now();
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (!url.pathname.startsWith("/api/")) return;
      inFlight.set(request, {
        method: request.method(),
        path: url.pathname,
        startMs: performance.now() - t0,
        endMs: -1,
      });
    });
    const finish = (request: object) => {
      const call = inFlight.get(request);
      if (!call) return;
      inFlight.delete(request);
      call.endMs = performance.now() - t0;
      calls.push(call);
    };
    page.on("requestfinished", finish);
    page.on("requestfailed", finish);

    const steps: StepTrips[] = [];
    const step = async (name: string, act: (page: Page) => Promise<void>) => {
      calls = [];
      await act(page);
      await page.waitForLoadState("networkidle");
      const isPhone = (call: ApiCall) => call.path.endsWith("/sandbox-phone");
      const product = calls.filter((call) => !isPhone(call));
      steps.push({
        step: name,
        calls: product,
        sandboxPhoneCalls: calls.length - product.length,
        chain: chainLength(product),
      });
    };
    const heading = (name: string) => page.getByRole("heading", { name, exact: true }).waitFor();
    const mobile = freshMobile();
    let since = 0;

    await step("open the console", async () => {
      await page.goto(origin);
      await page.getByLabel("Login").waitFor();
    });
    await step("sign in", async () => {
      await page.getByLabel("Login").fill("demo");
      await page.getByLabel("Password").fill("demo-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await heading("Start with the customer's mobile number");
    });
    await step("start (Get Sender → 308)", async () => {
      await page.getByRole("radio", { name: "Levin wallet — Aadhaar KYC", exact: true }).check();
      await page.getByLabel("Customer mobile number").fill(mobile);
      await page.getByRole("button", { name: "Continue" }).click();
      // The number is read back before the first OTP can go out (issue #15 §3).
      await page.getByRole("button", { name: "Yes, the number is right" }).click();
      await heading("Register the customer");
    });
    await step("onboard (→ OTP sent)", async () => {
      await page.getByLabel("Full name").fill("Asha Devi");
      await page.getByLabel("Date of birth").fill("15/01/1990"); // day first
      await page.getByLabel("Address", { exact: true }).fill("12 MG Road, Shivaji Nagar");
      await page.getByLabel("City or town").fill("Pune");
      await page.getByLabel("State").selectOption("Maharashtra");
      await page.getByLabel("PIN code").fill("411005");
      since = Date.now();
      await page.getByRole("button", { name: "Register and send OTP" }).click();
      await heading("Enter the customer's OTP");
    });
    const otp = await readOtp(origin, mobile, since);
    await step("verify OTP", async () => {
      await page.getByLabel("OTP", { exact: true }).pressSequentially(otp);
      await heading("Aadhaar KYC");
    });
    return steps;
  } finally {
    await context.close();
  }
}
