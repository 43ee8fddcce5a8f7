import { describe, expect, test } from "vitest";
import type { Rail } from "../contract/rails.ts";
import { personas, personaTable } from "./personas.ts";
import { data, getInfoPath, makeSandbox, NEW_CUSTOMER, RAIL_BASE } from "./test-support.ts";

/*
 * Every persona on every rail, the way a client meets it: get-info
 * (→ onboard when 308) → 2129 with a string otp_ref_id → OTP from the
 * outbox → verify → the persona's code.
 */

type Expected = { onboardFirst: boolean; verify: number; kycState?: 0 | 1 };

const expectations: Record<string, Record<Rail, Expected>> = {
  "9000000001": {
    "customer-account": { onboardFirst: false, verify: 309, kycState: 1 },
    digikhata: { onboardFirst: false, verify: 309, kycState: 1 },
    levin: { onboardFirst: false, verify: 309, kycState: 1 },
  },
  "9000000002": {
    "customer-account": { onboardFirst: false, verify: 309, kycState: 0 },
    digikhata: { onboardFirst: false, verify: 309, kycState: 0 },
    levin: { onboardFirst: false, verify: 309, kycState: 0 },
  },
  "9000000003": {
    "customer-account": { onboardFirst: true, verify: 309, kycState: 0 },
    digikhata: { onboardFirst: true, verify: 2136 },
    levin: { onboardFirst: true, verify: 2136 },
  },
  "9000000004": {
    "customer-account": { onboardFirst: false, verify: 2136 },
    digikhata: { onboardFirst: false, verify: 2136 },
    levin: { onboardFirst: false, verify: 2136 },
  },
  "9000000005": {
    "customer-account": { onboardFirst: false, verify: 2147 },
    digikhata: { onboardFirst: false, verify: 2147 },
    levin: { onboardFirst: false, verify: 2147 },
  },
  "9000000006": {
    "customer-account": { onboardFirst: false, verify: 309, kycState: 0 },
    digikhata: { onboardFirst: true, verify: 309, kycState: 0 },
    levin: { onboardFirst: false, verify: 309, kycState: 0 },
  },
  "9000000007": {
    "customer-account": { onboardFirst: false, verify: 2131 },
    digikhata: { onboardFirst: false, verify: 2131 },
    levin: { onboardFirst: false, verify: 2131 },
  },
  // Any other valid mobile is a new customer.
  "7012345678": {
    "customer-account": { onboardFirst: true, verify: 309, kycState: 0 },
    digikhata: { onboardFirst: true, verify: 2136 },
    levin: { onboardFirst: true, verify: 2136 },
  },
};

const rails: Rail[] = ["customer-account", "digikhata", "levin"];
const cases = Object.entries(expectations).flatMap(([mobile, byRail]) =>
  rails.map((rail) => [mobile, rail, byRail[rail]] as const),
);

describe.each(cases)("%s on %s", (mobile, rail, expected) => {
  test(`get-info${expected.onboardFirst ? " → 308 → onboard" : ""} → 2129 → verify → ${expected.verify}`, async () => {
    const s = makeSandbox();
    let lookup = await s.eko("GET", getInfoPath(rail, mobile));

    if (expected.onboardFirst) {
      expect(lookup.body).toMatchObject({
        response_type_id: 308,
        status: 308,
        response_status_id: 1,
      });
      const onboarded = await s.eko("POST", `${RAIL_BASE[rail]}/${mobile}`, NEW_CUSTOMER);
      if (mobile === "9000000006") {
        // §9 B.2: the PayPoint wallet exists; the sender is now known, so look up again.
        expect(onboarded.body).toMatchObject({ response_type_id: 300, status: 0 });
        expect(data(onboarded)).toMatchObject({
          state: "2",
          state_desc: "Non-Kyc",
          customer_id: mobile,
        });
        lookup = await s.eko("GET", getInfoPath(rail, mobile));
      } else {
        lookup = onboarded;
      }
    }

    expect(lookup.body.response_type_id).toBe(2129);
    const ref = data(lookup).otp_ref_id;
    expect(typeof ref).toBe("string");
    expect((ref as string).length).toBeGreaterThanOrEqual(88);
    expect(data(lookup).intent_id).toBe(19);

    const [sms] = await s.outbox(mobile);
    expect(sms).toMatchObject({ mobile, purpose: "mobile", rail });
    expect(sms?.otp).toMatch(/^\d{6}$/);

    const verifyPath = `${RAIL_BASE[rail]}/${mobile}/otp/verify`;
    const verified = await s.eko("POST", verifyPath, {
      otp: sms?.otp,
      otp_ref_id: ref,
      ...(rail === "levin" ? { intent_id: "19" } : {}),
    });
    expect(verified.body.response_type_id).toBe(expected.verify);

    if (expected.verify === 309) {
      const profile = data(verified).customer_profile as Record<string, unknown>;
      expect(profile.mobile).toBe(mobile);
      expect(profile.kyc_state).toBe(expected.kycState);
      expect(verified.body).toMatchObject({
        status: 0,
        response_status_id: -1,
        message: "Success!",
      });
    }
    if (rail === "levin" && expected.verify !== 2131) {
      expect(data(verified).wallet_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(data(verified).wallet_id).not.toBe("");
    }
    if (expected.verify === 2131) {
      expect(data(verified)).toMatchObject({ description: "Too many wrong OTPs" });
    }
  });
});

test("the full-KYC persona carries the documented figures", async () => {
  const s = makeSandbox();
  const lookup = await s.eko("GET", "/customer/profile/9000000001");
  const verified = await s.eko("POST", "/customer/account/9000000001/otp/verify", {
    otp: await s.latestOtp("9000000001"),
    otp_ref_id: data(lookup).otp_ref_id,
  });
  expect(data(verified)).toMatchObject({
    customer_profile: {
      name: "Karan Garg",
      balance: "124500.50",
      total_monthly_limit: "50000.0",
      next_allowed_limit: "5287.0",
      kyc_state: 1,
      chart: [
        { data_type_id: 10, data: { unavailable: 0, used: 44713, remaining: 5287 }, label: "" },
      ],
    },
    // §13: string in the profile, number at the top level.
    next_allowed_limit: 5287,
    sender_name: "Karan Garg",
  });
});

test("each rail keeps its own state for the same mobile", async () => {
  const s = makeSandbox();
  const onboarded = await s.eko("POST", "/customer/account/9000000003", NEW_CUSTOMER);
  expect(onboarded.body.response_type_id).toBe(2129);
  const digikhata = await s.eko("GET", "/customer/payment/ppi-digikhata/sender/9000000003");
  expect(digikhata.body.response_type_id).toBe(308);
});

test("the persona table names every persona", () => {
  const table = personaTable();
  for (const persona of personas) expect(table).toContain(persona.mobile);
});
