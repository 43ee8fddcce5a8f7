import type { Response } from "@playwright/test";
import {
  enterOtpFromPhone,
  headings,
  newCustomerToOtp,
  type Rail,
  stepHeading,
  submitAadhaar,
  submitPan,
  testAadhaar,
} from "./console-steps.ts";
import { expect, newCustomerMobile, test } from "./fixtures.ts";
import { readFlowSecrets } from "./server-store.ts";

type Received = { url: string; text: string };

/** The public UAT pair (eko-api.md §3) the sandbox signs with. */
const sandboxKeys = ["becbbce45f79c6f5109f848acd540567", "d2fe1d99-6298-4af2-8cc5-d97dcf46df30"];

test("nothing the browser receives carries an otp_ref_id, a wallet_token, the Eko keys or a full Aadhaar number", async ({
  signedInPage: page,
  request,
  baseURL,
}) => {
  // Every response of the whole session — HTML, scripts, styles, API — with its headers.
  const pending: Promise<Received>[] = [];
  const capture = async (response: Response): Promise<Received> => {
    const headers = JSON.stringify(await response.allHeaders());
    const body = await response.body().catch(() => Buffer.alloc(0)); // redirects have none
    return { url: response.url(), text: `${headers}\n${body.toString("utf8")}` };
  };
  page.on("response", (response) => pending.push(capture(response)));
  await page.reload();
  await expect(stepHeading(page, headings.start)).toBeVisible();

  // The server's secrets for each flow, read from its store as the flow goes.
  const secrets = new Set<string>();
  const collect = async (flowId: string) => {
    const { otpRefId, walletToken } = await readFlowSecrets(baseURL as string, flowId);
    for (const value of [otpRefId, walletToken]) if (value) secrets.add(value);
  };

  const toVerifiedMobile = async (rail: Rail) => {
    const mobile = newCustomerMobile();
    const { flowId, since } = await newCustomerToOtp(page, { rail, mobile });
    await collect(flowId);
    await enterOtpFromPhone(page, request, mobile, { since });
    return { mobile, flowId };
  };

  await toVerifiedMobile("customer-account");
  await expect(stepHeading(page, headings.profile)).toBeVisible();
  await page.getByRole("banner").getByRole("button", { name: "Next customer" }).click();

  await toVerifiedMobile("digikhata");
  await expect(stepHeading(page, headings.digikhataConsent)).toBeVisible();
  await page.getByRole("banner").getByRole("button", { name: "Next customer" }).click();

  const levin = await toVerifiedMobile("levin");
  await expect(stepHeading(page, headings.aadhaar)).toBeVisible();
  await collect(levin.flowId); // the wallet_token from Verify Sender OTP (C.4)
  const aadhaarSentAt = await submitAadhaar(page, testAadhaar);
  await expect(stepHeading(page, headings.aadhaarOtp)).toBeVisible();
  await collect(levin.flowId); // the Aadhaar OTP's reference
  await enterOtpFromPhone(page, request, levin.mobile, {
    since: aadhaarSentAt,
    purpose: "aadhaar",
  });
  await submitPan(page);
  await expect(stepHeading(page, headings.profile)).toBeVisible();

  // Three mobile OTP references, one Aadhaar OTP reference, a wallet token.
  const values = [...secrets];
  expect(values.filter((value) => value.startsWith("eyJ"))).toHaveLength(1);
  expect(values.length).toBeGreaterThanOrEqual(5);

  const received = await Promise.all(pending);
  expect(received.some(({ url }) => url.endsWith("/otp/verify"))).toBe(true);
  expect(received.some(({ url }) => url.endsWith(".js"))).toBe(true);
  const forbidden = [
    ...values,
    ...sandboxKeys,
    testAadhaar,
    "otp_ref_id",
    "wallet_token",
    "otpRefId",
    "walletToken",
  ];
  const leaks = received.flatMap(({ url, text }) =>
    forbidden
      .filter((secret) => text.includes(secret))
      .map((secret) => `${url} contains ${secret.slice(0, 12)}…`),
  );
  expect(leaks).toEqual([]);
});
