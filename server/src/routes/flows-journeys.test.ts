import { expect, test } from "vitest";
import type { FlowView, StepKind } from "../contract/flow-view.ts";
import { flowHarnesses, walk } from "../test-support/flow-harness.ts";

const harness = flowHarnesses();
const kinds = (views: FlowView[]) => views.map((view) => view.step.kind);

/** Every persona on every rail, walked end to end with OTPs read from the outbox. */
const journeys: [string, string, StepKind[], Record<string, unknown>][] = [
  [
    "customer-account",
    "9000000001",
    ["otp", "profile"],
    { profile: { kyc: "full_kyc", balance: 124500.5 } },
  ],
  [
    "customer-account",
    "9000000002",
    ["otp", "profile"],
    { profile: { kyc: "non_kyc", nextAllowedLimit: 21800 } },
  ],
  [
    "customer-account",
    "9000000003",
    ["onboard", "otp", "profile"],
    { profile: { name: "Asha Kumari" } },
  ],
  ["customer-account", "9000000004", ["otp", "next_step"], { reason: "aadhaar_pending" }],
  ["customer-account", "9000000005", ["otp", "next_step"], { reason: "pan_pending" }],
  ["customer-account", "9000000006", ["otp", "profile"], {}],
  ["customer-account", "9000000007", ["otp", "locked"], { purpose: "mobile" }],
  [
    "digikhata",
    "9000000001",
    ["otp", "profile"],
    { profile: { kyc: "full_kyc", usage: { used: 44713, remaining: 5287, unavailable: 0 } } },
  ],
  ["digikhata", "9000000002", ["otp", "profile"], { profile: { kyc: "non_kyc" } }],
  [
    "digikhata",
    "9000000003",
    ["onboard", "otp", "consent", "consent", "aadhaar", "otp", "pan", "profile"],
    { profile: { kyc: "full_kyc", name: "Asha Kumari" }, identity: null },
  ],
  // 2136 → consent (B.5 list, B.6 text) → Aadhaar (B.7) → Aadhaar OTP (B.8) → PAN (B.9) → full KYC.
  [
    "digikhata",
    "9000000004",
    ["otp", "consent", "consent", "aadhaar", "otp", "pan", "profile"],
    { profile: { kyc: "full_kyc", name: "Rahul Verma" }, identity: null },
  ],
  ["digikhata", "9000000005", ["otp", "pan", "profile"], { profile: { kyc: "full_kyc" } }],
  // 300 "wallet exists" on onboard → the console re-queries the sender, which sends the OTP.
  [
    "digikhata",
    "9000000006",
    ["onboard", "otp", "profile"],
    { profile: { name: "Yashwant Basnett" } },
  ],
  ["digikhata", "9000000007", ["otp", "locked"], {}],
  ["levin", "9000000001", ["otp", "profile"], { profile: { kyc: "full_kyc" }, identity: null }],
  ["levin", "9000000002", ["otp", "profile"], { profile: { kyc: "non_kyc" } }],
  [
    "levin",
    "9000000003",
    ["onboard", "otp", "aadhaar", "otp", "pan", "profile"],
    {
      profile: { kyc: "full_kyc", name: "Asha Kumari" },
      identity: {
        name: "Asha Kumari",
        gender: "female",
        dob: "20-08-1995",
        aadhaarMasked: "XXXX XXXX 2346",
      },
    },
  ],
  [
    "levin",
    "9000000004",
    ["otp", "aadhaar", "otp", "pan", "profile"],
    { identity: { name: "Rahul Verma", gender: "male" } },
  ],
  [
    "levin",
    "9000000005",
    ["otp", "pan", "profile"],
    { identity: null, profile: { kyc: "full_kyc" } },
  ],
  ["levin", "9000000006", ["otp", "profile"], {}],
  ["levin", "9000000007", ["otp", "locked"], {}],
];

test.each(journeys)("%s %s walks %j", async (rail, mobile, expected, last) => {
  const h = await harness();
  const views = await walk(h, await h.start(rail, mobile), mobile);
  expect(kinds(views)).toEqual(expected);
  expect(views.at(-1)?.step).toMatchObject(last);
  expect(
    views.every((view) => view.mobileMasked === `••••••${mobile.slice(-4)}` && view.rail === rail),
  ).toBe(true);
  // Resume after a refresh: GET answers the same step.
  const final = views.at(-1) as FlowView;
  expect((await h.api("GET", `/${final.id}`)).json).toEqual(final);
});
