import { expect, test } from "vitest";
import type { Step } from "../contract/flow-view.ts";
import {
  aadhaarPendingAnswer,
  answer,
  context,
  expiredOtpAnswer,
  levinInvalidOtpAnswer,
  lockedAnswer,
  notEnrolledAnswer,
  otpSentAnswer,
  otpStep,
  panRequiredAnswer,
  profileAnswer,
  REF,
  registrationCompleteAnswer,
  unknownAnswer,
  validationAnswer,
  wrongOtpAnswer,
} from "../test-support/eko-answers.ts";
import { AADHAAR_CONSENT_VERSION } from "./consent.ts";
import {
  mapLevinAadhaar,
  mapLevinAadhaarVerify,
  mapLevinLookup,
  mapLevinOtpIssued,
  mapLevinPan,
  mapLevinVerify,
} from "./levin.ts";

const start = context({ kind: "onboard" });
const onMobileOtp = context(otpStep(), { otpRefId: REF, otpIntent: "19" });
const wallet = { wallet_token: "eyJ.levin.token", wallet_id: "PPW000000000042" };
const kept = { walletToken: "eyJ.levin.token", walletId: "PPW000000000042" };

test("lookup / onboard / resend: 2129, 308, -1, unknown", () => {
  expect(mapLevinLookup(otpSentAnswer(), start)).toMatchObject({
    step: { kind: "otp", purpose: "mobile" },
  });
  expect(mapLevinLookup(notEnrolledAnswer, start)).toMatchObject({ step: { kind: "onboard" } });
  expect(mapLevinLookup(validationAnswer, start)).toMatchObject({ kind: "problem" });
  expect(mapLevinLookup(unknownAnswer, start)).toMatchObject({ step: { kind: "failed" } });
  expect(mapLevinOtpIssued(otpSentAnswer(), start)).toMatchObject({
    secrets: { otpRefId: REF, otpIntent: "19" },
  });
  expect(mapLevinOtpIssued(validationAnswer, start)).toMatchObject({ kind: "problem" });
  expect(mapLevinOtpIssued(unknownAnswer, start)).toMatchObject({ step: { kind: "failed" } });
});

test("C.4 309 → profile; the wallet pair is kept in secrets only", () => {
  const result = mapLevinVerify(
    answer({ ...profileRaw(), data: { ...profileAnswer.data, ...wallet } }),
    onMobileOtp,
  );
  expect(result).toMatchObject({ step: { kind: "profile", identity: null }, secrets: kept });
  expect(JSON.stringify(result.kind === "step" ? result.step : null)).not.toContain("eyJ");
});

test("C.4 2136 → aadhaar step with the wallet pair from the same answer", () => {
  expect(mapLevinVerify(aadhaarPendingAnswer(wallet), onMobileOtp)).toEqual({
    kind: "step",
    step: { kind: "aadhaar", consentVersion: AADHAAR_CONSENT_VERSION, rejected: false },
    secrets: kept,
  });
});

test("C.4 2147 → PAN step without identity", () => {
  expect(mapLevinVerify(panRequiredAnswer({ application_id: "", ...wallet }), onMobileOtp)).toEqual(
    {
      kind: "step",
      step: { kind: "pan", identity: null, rejected: false },
      secrets: kept,
    },
  );
});

test("C.4 2132 → registration complete; 2138 / 2131 → wrong, expired, locked; -1; unknown", () => {
  expect(mapLevinVerify(registrationCompleteAnswer, onMobileOtp)).toMatchObject({
    step: { kind: "next_step", reason: "registration_complete" },
  });
  expect(mapLevinVerify(levinInvalidOtpAnswer(2), onMobileOtp)).toMatchObject({
    step: { kind: "otp", lastAttempt: "wrong", attemptsLeft: 2 },
    secrets: { otpRefId: REF },
  });
  expect(mapLevinVerify(expiredOtpAnswer, onMobileOtp)).toMatchObject({
    step: { lastAttempt: "expired" },
  });
  expect(mapLevinVerify(lockedAnswer, onMobileOtp)).toMatchObject({
    step: { kind: "locked", purpose: "mobile" },
  });
  expect(mapLevinVerify(validationAnswer, onMobileOtp)).toMatchObject({ kind: "problem" });
  expect(mapLevinVerify(unknownAnswer, onMobileOtp)).toMatchObject({ step: { kind: "failed" } });
});

const onAadhaarStep = context(
  { kind: "aadhaar", consentVersion: AADHAAR_CONSENT_VERSION, rejected: false },
  {
    ...kept,
    aadhaarLast4: "2346",
  },
);

test("C.5 2129 → Aadhaar OTP step: destination unknown, intent 20", () => {
  const ref = "qbLHvmK00XTGHznTicnkNj9ZBHgkncDhQg6bQ5b1+64hmvbwQ8Ud";
  const result = mapLevinAadhaar(
    answer({
      response_status_id: 0,
      data: { intent_id: "", kyc_request_id: "", otp_ref_id: ref },
      response_type_id: 2129,
      status: 0,
    }),
    onAadhaarStep,
  );
  expect(result).toMatchObject({
    step: { kind: "otp", purpose: "aadhaar", sentTo: null, attemptsLeft: 3 },
    secrets: { ...kept, aadhaarLast4: "2346", otpRefId: ref, otpIntent: "20" },
  });
});

test("C.5 2138 → aadhaar step rejected (only the last four digits were ever kept); -1; unknown", () => {
  const rejected = answer({
    response_status_id: 1,
    response_type_id: 2138,
    message: "Adhar Validation Failed",
    status: 2138,
  });
  expect(mapLevinAadhaar(rejected, onAadhaarStep)).toEqual({
    kind: "step",
    step: { kind: "aadhaar", consentVersion: AADHAAR_CONSENT_VERSION, rejected: true },
    secrets: { ...kept, aadhaarLast4: "2346" },
  });
  expect(mapLevinAadhaar(validationAnswer, onAadhaarStep)).toMatchObject({ kind: "problem" });
  expect(mapLevinAadhaar(unknownAnswer, onAadhaarStep)).toMatchObject({ step: { kind: "failed" } });
});

const onAadhaarOtp = context(otpStep({ purpose: "aadhaar", sentTo: null }), {
  ...kept,
  aadhaarLast4: "2346",
  otpRefId: "aadhaar-ref",
  otpIntent: "20",
});
const identityData = {
  verified: true,
  name: "Sneha Patel",
  gender: "F",
  dob: "05-07-1992",
  masked_aadhaar: "XXXX-XXXX-7890",
  application_id: "",
  wallet_token: "",
  wallet_id: "",
};
const identity = {
  name: "Sneha Patel",
  gender: "female",
  dob: "05-07-1992",
  aadhaarMasked: "XXXX XXXX 7890",
};

test("C.6 identity + 2147 → PAN step with identity; empty wallet fields don't erase", () => {
  expect(mapLevinAadhaarVerify(panRequiredAnswer(identityData), onAadhaarOtp)).toEqual({
    kind: "step",
    step: { kind: "pan", identity, rejected: false },
    secrets: { ...kept, aadhaarLast4: "2346" },
  });
});

test("C.6 legacy 2147 (no identity) → PAN step, identity null", () => {
  expect(
    mapLevinAadhaarVerify(
      panRequiredAnswer({ wallet_token: "", wallet_id: "", application_id: "" }),
      onAadhaarOtp,
    ),
  ).toEqual({
    kind: "step",
    step: { kind: "pan", identity: null, rejected: false },
    secrets: { ...kept, aadhaarLast4: "2346" },
  });
});

test("C.6 identity + 2132 → identity step; identity + 309 → profile with identity; 2132 alone → next step", () => {
  expect(
    mapLevinAadhaarVerify(
      answer({ ...registrationCompleteAnswerRaw(), data: { ...identityData, gender: "T" } }),
      onAadhaarOtp,
    ),
  ).toMatchObject({
    step: { kind: "identity", identity: { ...identity, gender: "transgender" } },
  });
  expect(
    mapLevinAadhaarVerify(
      answer({ ...profileRaw(), data: { ...profileAnswer.data, ...identityData } }),
      onAadhaarOtp,
    ),
  ).toMatchObject({
    step: { kind: "profile", identity, profile: { kyc: "full_kyc" } },
  });
  expect(mapLevinAadhaarVerify(registrationCompleteAnswer, onAadhaarOtp)).toMatchObject({
    step: { kind: "next_step", reason: "registration_complete" },
  });
});

test("C.6 masked_aadhaar without digits falls back to the last 4 the agent entered", () => {
  const data = { ...identityData, masked_aadhaar: "" };
  expect(mapLevinAadhaarVerify(panRequiredAnswer(data), onAadhaarOtp)).toMatchObject({
    step: { identity: { aadhaarMasked: "XXXX XXXX 2346" } },
  });
});

test("C.6 failures: verified false, 2131 wrong / expired / locked, 2138, 2136, -1, unknown", () => {
  expect(
    mapLevinAadhaarVerify(panRequiredAnswer({ ...identityData, verified: false }), onAadhaarOtp),
  ).toMatchObject({
    step: { kind: "otp", purpose: "aadhaar", lastAttempt: "wrong" },
    secrets: { aadhaarLast4: "2346", otpRefId: "aadhaar-ref" },
  });
  expect(mapLevinAadhaarVerify(wrongOtpAnswer(1), onAadhaarOtp)).toMatchObject({
    step: { lastAttempt: "wrong", attemptsLeft: 1 },
  });
  const legacyFailed = answer({
    response_status_id: 1,
    data: { description: "" },
    response_type_id: 2131,
    message: "Validate OTP Failed",
    status: 2131,
  });
  expect(mapLevinAadhaarVerify(legacyFailed, onAadhaarOtp)).toMatchObject({
    step: { lastAttempt: "wrong", attemptsLeft: 2 },
  });
  expect(mapLevinAadhaarVerify(expiredOtpAnswer, onAadhaarOtp)).toMatchObject({
    step: { lastAttempt: "expired" },
  });
  expect(mapLevinAadhaarVerify(lockedAnswer, onAadhaarOtp)).toMatchObject({
    step: { kind: "locked", purpose: "aadhaar" },
  });
  expect(mapLevinAadhaarVerify(levinInvalidOtpAnswer(), onAadhaarOtp)).toMatchObject({
    step: { lastAttempt: "wrong" },
  });
  expect(mapLevinAadhaarVerify(aadhaarPendingAnswer(), onAadhaarOtp)).toMatchObject({
    step: { kind: "aadhaar", rejected: false },
  });
  expect(mapLevinAadhaarVerify(validationAnswer, onAadhaarOtp)).toMatchObject({ kind: "problem" });
  expect(mapLevinAadhaarVerify(unknownAnswer, onAadhaarOtp)).toMatchObject({
    step: { kind: "failed" },
  });
});

const panStep: Step = {
  kind: "pan",
  identity: {
    name: "Sneha Patel",
    gender: "female",
    dob: "05-07-1992",
    aadhaarMasked: "XXXX XXXX 7890",
  },
  rejected: false,
};
const onPan = context(panStep, kept);

test("C.7 309 → profile keeping the identity from C.6; 2132 → registration complete", () => {
  expect(mapLevinPan(profileAnswer, onPan)).toMatchObject({
    step: { kind: "profile", identity: panStep.identity },
  });
  expect(mapLevinPan(registrationCompleteAnswer, onPan)).toMatchObject({
    step: { kind: "next_step", reason: "registration_complete" },
  });
});

test("C.7 2136 → back to Aadhaar; 2138 → PAN rejected; -1; unknown", () => {
  expect(mapLevinPan(aadhaarPendingAnswer(), onPan)).toMatchObject({ step: { kind: "aadhaar" } });
  expect(mapLevinPan(answer({ response_type_id: 2138, message: "x" }), onPan)).toMatchObject({
    step: { kind: "pan", rejected: true },
  });
  expect(mapLevinPan(validationAnswer, onPan)).toMatchObject({
    kind: "problem",
    problem: { details: { fields: { pan: "Bad PAN" } } },
  });
  expect(mapLevinPan(unknownAnswer, onPan)).toMatchObject({
    step: { kind: "failed", ekoResponseTypeId: 319 },
  });
});

function profileRaw() {
  return { response_status_id: -1, response_type_id: 309, message: "Success!", status: 0 };
}
function registrationCompleteAnswerRaw() {
  return {
    response_status_id: 0,
    response_type_id: 2132,
    message: "Customer Registration Completed",
    status: 0,
  };
}
