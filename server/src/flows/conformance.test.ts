import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import type { Step } from "../contract/flow-view.ts";
import { type EkoCallName, ekoCalls } from "../eko/calls.ts";
import type { EkoAnswer } from "../eko/envelope.ts";
import { answer, context, otpStep, REF } from "../test-support/eko-answers.ts";
import { ekoApiSamples } from "../test-support/eko-samples.ts";
import { AADHAAR_CONSENT_VERSION } from "./consent.ts";
import { mapCustomerLookup, mapCustomerOtpIssued, mapCustomerVerify } from "./customer-account.ts";
import {
  consentPending,
  mapDigikhataAadhaar,
  mapDigikhataAadhaarVerify,
  mapDigikhataConsentDetails,
  mapDigikhataConsentLanguages,
  mapDigikhataLookup,
  mapDigikhataOnboard,
  mapDigikhataPan,
  mapDigikhataResend,
  mapDigikhataVerify,
} from "./digikhata.ts";
import {
  mapLevinAadhaar,
  mapLevinAadhaarVerify,
  mapLevinLookup,
  mapLevinOtpIssued,
  mapLevinPan,
  mapLevinVerify,
} from "./levin.ts";
import type { MapContext, Transition } from "./transition.ts";

/*
 * Eko's published answers are the contract (issue #12): every sample in
 * eko-api.md and every relevant entry of @ekoindia/eps-mock-server's
 * data/fixtures.json (read here, not copied) goes through the mapping of the
 * call that answers it, in the state the console makes that call from. None
 * may come out as "unknown state". A new sample or call is one row.
 */

type Mapping = { map: (answer: EkoAnswer, ctx: MapContext) => Transition; ctx: MapContext };

const wallet = { walletToken: "eyJ.wallet.token", walletId: "PPW000000000042" };
const start = context({ kind: "onboard" });
const onMobileOtp = context(otpStep(), { otpRefId: REF, otpIntent: "19" });
const onAadhaarStep = context(
  { kind: "aadhaar", consentVersion: AADHAAR_CONSENT_VERSION, rejected: false },
  { ...wallet, aadhaarLast4: "2346" },
);
const onAadhaarOtp = context(otpStep({ purpose: "aadhaar", sentTo: null }), {
  ...wallet,
  otpRefId: REF,
  otpIntent: "20",
  aadhaarLast4: "2346",
});
const onPan = context({ kind: "pan", identity: null, rejected: false }, wallet);
const onConsent = context(consentPending);
const onConsentLanguages = context({
  kind: "consent",
  languages: [{ id: "1", name: "English" }],
  text: null,
});
const onDigikhataAadhaar = context({
  kind: "aadhaar",
  consentVersion: "digikhata-b6",
  rejected: false,
  consentGiven: true,
});
const onDigikhataAadhaarOtp = context(otpStep({ purpose: "aadhaar", sentTo: null }), {
  otpRefId: REF,
  otpIntent: "20",
});
const onDigikhataPan = context({ kind: "pan", identity: null, rejected: false });

/** Which mapping each call's answer goes through, from the step the console calls it on. */
const mappings: Record<EkoCallName, Mapping> = {
  customerGet: { map: mapCustomerLookup, ctx: start },
  customerOnboard: { map: mapCustomerOtpIssued, ctx: start },
  customerResendOtp: { map: mapCustomerOtpIssued, ctx: onMobileOtp },
  customerVerifyOtp: { map: mapCustomerVerify, ctx: onMobileOtp },
  digikhataGet: { map: mapDigikhataLookup, ctx: start },
  digikhataOnboard: { map: mapDigikhataOnboard, ctx: start },
  digikhataResendOtp: { map: mapDigikhataResend, ctx: onMobileOtp },
  digikhataVerifyOtp: { map: mapDigikhataVerify, ctx: onMobileOtp },
  digikhataConsentLanguages: { map: mapDigikhataConsentLanguages, ctx: onConsent },
  digikhataConsentDetails: { map: mapDigikhataConsentDetails, ctx: onConsentLanguages },
  digikhataAadhaarOtp: { map: mapDigikhataAadhaar, ctx: onDigikhataAadhaar },
  digikhataVerifyAadhaarOtp: { map: mapDigikhataAadhaarVerify, ctx: onDigikhataAadhaarOtp },
  digikhataPan: { map: mapDigikhataPan, ctx: onDigikhataPan },
  levinGet: { map: mapLevinLookup, ctx: start },
  levinOnboard: { map: mapLevinOtpIssued, ctx: start },
  levinResendOtp: { map: mapLevinOtpIssued, ctx: onMobileOtp },
  levinVerifyOtp: { map: mapLevinVerify, ctx: onMobileOtp },
  levinAadhaar: { map: mapLevinAadhaar, ctx: onAadhaarStep },
  levinVerifyAadhaarOtp: { map: mapLevinAadhaarVerify, ctx: onAadhaarOtp },
  levinPan: { map: mapLevinPan, ctx: onPan },
};

type Expected = Partial<Transition> | { step: Partial<Step> | Record<string, unknown> };

const mobileOtp = { step: { kind: "otp", purpose: "mobile", lastAttempt: null } };
const aadhaarOtp = { step: { kind: "otp", purpose: "aadhaar", lastAttempt: null } };
const wrongOtp = { step: { kind: "otp", lastAttempt: "wrong" } };
const onboardStep = { step: { kind: "onboard" } };
const profile = (name: string) => ({ step: { kind: "profile", profile: { name } } });
const aadhaarStep = (rejected: boolean) => ({ step: { kind: "aadhaar", rejected } });
const nextStep = (reason: string) => ({ step: { kind: "next_step", reason } });
const renew = { step: { kind: "wallet_renew" } };
const consentStep = { step: { kind: "consent", languages: [], text: null } };
const panStep = { step: { kind: "pan", identity: null, rejected: false } };
const consentLanguages = {
  step: { kind: "consent", languages: expect.arrayContaining([{ id: "4", name: "Hindi" }]) },
};
const consentText = {
  step: { kind: "consent", text: expect.objectContaining({ language: "English", audio: true }) },
};
const publishedIdentity = {
  step: {
    kind: "identity",
    identity: {
      name: "Sneha Patel",
      gender: "female",
      dob: "05-07-1992",
      aadhaarMasked: "XXXX XXXX 7890",
    },
  },
};

/** eko-api.md samples (server/src/test-support/eko-samples.ts) → the step each must produce. */
const samplesExpected: Record<string, Expected> = {
  "A.1 2129 OTP sent": mobileOtp,
  "A.1 308 not enrolled": onboardStep,
  "A.2 2129 OTP sent": mobileOtp,
  "A.4 309 Karan Garg": profile("Karan Garg"),
  "A.4 2136 Aadhaar pending": nextStep("aadhaar_pending"),
  "A.4 2147 PAN required": nextStep("pan_pending"),
  "B.1 2129 OTP sent": mobileOtp,
  "B.1 308 not enrolled": onboardStep,
  "B.2 2129 OTP sent (status 0)": mobileOtp,
  "B.2 2129 [LEGACY] (status 2129)": mobileOtp,
  "B.2 300 wallet exists": { kind: "requery" },
  "B.3 2129 OTP re-sent": mobileOtp,
  "B.4 309 Yashwant Basnett": profile("Yashwant Basnett"),
  "B.4 309 [LEGACY] Karan Garg": profile("Karan Garg"),
  "B.4 2136 Aadhaar pending (with data)": consentStep,
  "B.4 2147 [LEGACY] PAN required": panStep,
  "B.5 2444 consent languages": consentLanguages,
  "B.6 2446 consent details": consentText,
  "B.7 2129 Aadhaar OTP sent (intent 20)": aadhaarOtp,
  "B.8 2147 PAN required": panStep,
  "B.9 309 Karan Garg": profile("Karan Garg"),
  "C.1 2129 OTP sent": mobileOtp,
  "C.1 308 not enrolled": onboardStep,
  "C.2 2129 OTP sent": mobileOtp,
  "C.3 2129 OTP re-sent": mobileOtp,
  "C.4 309 Shobhit with wallet_token": profile("Shobhit"),
  "C.4 2136 Aadhaar pending": aadhaarStep(false),
  "C.4 2147 PAN required": { step: { kind: "pan", identity: null } },
  "C.4 2138 [LEGACY] Invalid OTP": wrongOtp,
  "C.5 2129 [LEGACY] Aadhaar OTP sent": { ...aadhaarOtp },
  "C.5 2138 [LEGACY] Adhar Validation Failed": aadhaarStep(true),
  "C.5 1388 [EPS] Aadhaar OTP sent": {
    step: { kind: "otp", purpose: "aadhaar", sentTo: "••••••3210" },
    secrets: expect.objectContaining({ otpRefId: "66748392", otpIntent: "20" }),
  },
  "C.5 1388/463 [EPS] invalid wallet token": renew,
  "C.6 2147 [LEGACY] PAN required, empty wallet fields": { step: { kind: "pan", identity: null } },
  "C.6 2131 [LEGACY] Validate OTP Failed": wrongOtp,
  "C.6 1388 [EPS] verified identity": publishedIdentity,
  "C.6 1388/302 [EPS] wrong OTP": wrongOtp,
  "C.7 2132 [LEGACY] registration completed": nextStep("registration_complete"),
  "C.7 2136 [LEGACY] Aadhaar pending": aadhaarStep(false),
  "C.7 309 [EPS] Karan Garg": profile("Karan Garg"),
};

type Fixture = {
  slug: string;
  method: string;
  path: string;
  successResponse: Record<string, unknown>;
  errors: { scenario: string; responseStatusId?: number; example: Record<string, unknown> }[];
};

const fixturesPath = createRequire(import.meta.url).resolve(
  "@ekoindia/eps-mock-server/data/fixtures.json",
);
const fixtures = JSON.parse(readFileSync(fixturesPath, "utf8")) as Fixture[];

/**
 * Every fixture of our three rails: the call that answers it, and the step
 * its success answer and each error scenario (by response_status_id, as the
 * replayer selects them) must produce.
 */
const fixtureExpected: Record<
  string,
  { call: EkoCallName; success: Expected; errors?: Record<number, Expected> }
> = {
  "ppi-digikhata-get-sender": {
    call: "digikhataGet",
    success: mobileOtp,
    errors: { 1: onboardStep },
  },
  "ppi-digikhata-onboard-sender": {
    call: "digikhataOnboard",
    success: mobileOtp,
    errors: { 0: { kind: "requery" } },
  },
  "ppi-digikhata-generate-sender-otp": { call: "digikhataResendOtp", success: mobileOtp },
  "ppi-digikhata-verify-otp": {
    call: "digikhataVerifyOtp",
    success: profile("Yashwant Basnett"),
    errors: { 1: consentStep },
  },
  "ppi-digikhata-consent-languages": {
    call: "digikhataConsentLanguages",
    success: consentLanguages,
  },
  "ppi-digikhata-consent-details": { call: "digikhataConsentDetails", success: consentText },
  "ppi-digikhata-generate-aadhaar-otp": { call: "digikhataAadhaarOtp", success: aadhaarOtp },
  "ppi-digikhata-verify-aadhaar-otp": { call: "digikhataVerifyAadhaarOtp", success: panStep },
  "ppi-digikhata-validate-pan": { call: "digikhataPan", success: profile("Karan Garg") },
  "ppi-levin-get-sender": { call: "levinGet", success: mobileOtp, errors: { 1: onboardStep } },
  "ppi-levin-onboard-sender": { call: "levinOnboard", success: mobileOtp },
  "ppi-levin-verify-otp": {
    call: "levinVerifyOtp",
    success: profile("Shobhit"),
    errors: { 1: aadhaarStep(false), 0: { step: { kind: "pan", identity: null } } },
  },
  "aadhaar-ppi-levin-validate": {
    call: "levinAadhaar",
    success: { step: { kind: "otp", purpose: "aadhaar", sentTo: "••••••3210" } },
    errors: { 463: renew },
  },
  "aadhaar-ppi-levin-verify-otp": {
    call: "levinVerifyAadhaarOtp",
    success: publishedIdentity,
    errors: { 302: wrongOtp },
  },
  "ppi-levin-validate-pan": { call: "levinPan", success: profile("Karan Garg") },
};

/** Recipients, transactions and wallet loads are beyond onboarding (§9 B.10, §10 C.8). */
const outOfScope = /(recipient|transaction|load-wallet)/;

function expectStep(result: Transition, expected: Expected) {
  if (result.kind === "step") {
    expect(result.step).not.toMatchObject({ kind: "failed" });
  }
  expect(result.kind).not.toBe("problem");
  expect(result).toMatchObject(expected);
}

describe("eko-api.md samples", () => {
  test("every sample has an expectation and every expectation a sample", () => {
    expect(ekoApiSamples.map((sample) => sample.id).sort()).toEqual(
      Object.keys(samplesExpected).sort(),
    );
  });
  test.each(ekoApiSamples.map((sample) => [sample.id, sample] as const))("%s", (id, sample) => {
    const { map, ctx } = mappings[sample.call];
    expectStep(map(answer(sample.body), ctx), samplesExpected[id] as Expected);
  });
});

describe("@ekoindia/eps-mock-server fixtures", () => {
  const ours = fixtures.filter(
    (fixture) =>
      /ppi-(levin|digikhata)|customer/.test(fixture.slug) && !outOfScope.test(fixture.slug),
  );

  test("every fixture of our rails is in the table", () => {
    expect(ours.length).toBeGreaterThanOrEqual(Object.keys(fixtureExpected).length);
    for (const fixture of ours) {
      expect(fixture.slug in fixtureExpected, `${fixture.slug} has no row`).toBe(true);
    }
  });

  const rows = ours.flatMap((fixture) => {
    const row = fixtureExpected[fixture.slug];
    if (!row) return [];
    return [
      [`${fixture.slug}: success`, row.call, fixture.successResponse, row.success] as const,
      ...fixture.errors.map((error) => {
        const expected = row.errors?.[error.responseStatusId ?? Number.NaN];
        return [`${fixture.slug}: ${error.scenario}`, row.call, error.example, expected] as const;
      }),
    ];
  });

  test.each(rows)("%s", (_name, call, body, expected) => {
    expect(expected, "no expectation for this scenario").toBeDefined();
    const { map, ctx } = mappings[call];
    expectStep(map(answer(body), ctx), expected as Expected);
  });

  test.each(
    ours.filter((fixture) => fixture.slug in fixtureExpected).map((f) => [f.slug, f] as const),
  )("%s: the published path is one of the call's paths", (slug, fixture) => {
    const spec = ekoCalls[(fixtureExpected[slug] as { call: EkoCallName }).call];
    expect(spec.method).toBe(fixture.method);
    expect(spec.paths.map((entry) => entry.path)).toContain(fixture.path);
  });
});
