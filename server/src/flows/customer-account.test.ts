import { expect, test } from "vitest";
import {
  aadhaarPendingAnswer,
  answer,
  context,
  expiredOtpAnswer,
  lockedAnswer,
  NOW,
  notEnrolledAnswer,
  otpSentAnswer,
  otpStep,
  panRequiredAnswer,
  profileAnswer,
  REF,
  unknownAnswer,
  validationAnswer,
  wrongOtpAnswer,
} from "../test-support/eko-answers.ts";
import { mapCustomerLookup, mapCustomerOtpIssued, mapCustomerVerify } from "./customer-account.ts";

const start = context({ kind: "onboard" });

test("2129 → OTP step timed from now by the console's policy; otp_ref_id kept only in secrets", () => {
  const result = mapCustomerLookup(otpSentAnswer(), start);
  expect(result).toEqual({
    kind: "step",
    step: {
      kind: "otp",
      purpose: "mobile",
      sentTo: "••••••0001",
      otpLength: 6,
      expiresAt: new Date(NOW.getTime() + 300_000).toISOString(),
      resendAvailableAt: new Date(NOW.getTime() + 60_000).toISOString(),
      attemptsLeft: 3,
      lastAttempt: null,
    },
    secrets: { otpRefId: REF, otpIntent: "19" },
  });
  expect(JSON.stringify(result.kind === "step" ? result.step : null)).not.toContain(REF);
});

test("308 → onboard", () => {
  expect(mapCustomerLookup(notEnrolledAnswer, start)).toMatchObject({
    kind: "step",
    step: { kind: "onboard" },
  });
});

test("309 on lookup → profile", () => {
  expect(mapCustomerLookup(profileAnswer, start)).toMatchObject({ step: { kind: "profile" } });
});

test("-1 → 422 validation_failed with Eko fields mapped to the form's", () => {
  const result = mapCustomerOtpIssued(validationAnswer, start);
  expect(result.kind).toBe("problem");
  if (result.kind !== "problem") return;
  expect(result.problem).toMatchObject({ code: "validation_failed", status: 422 });
  expect(result.problem.details).toEqual({
    ekoResponseTypeId: -1,
    fields: { name: "Name too long", address: "Required", pan: "Bad PAN", foo: "x" },
    retryAfterSeconds: 42,
  });
});

test("an unknown id → failed/unknown_state with Eko's code and message", () => {
  expect(mapCustomerLookup(unknownAnswer, start)).toEqual({
    kind: "step",
    step: {
      kind: "failed",
      reason: "unknown_state",
      ekoResponseTypeId: 319,
      ekoMessage: "Invalid Sender/Initiator",
    },
    secrets: {},
  });
});

test("2129 without an otp_ref_id is a bad upstream answer, not an OTP step", () => {
  const result = mapCustomerOtpIssued(
    answer({ response_type_id: 2129, data: { otp_ref_id: "" } }),
    start,
  );
  expect(result).toMatchObject({ kind: "problem", problem: { code: "upstream_bad_response" } });
});

const onOtp = context(otpStep(), { otpRefId: REF, otpIntent: "19" });

test("verify 309 → profile per §12, and the OTP secrets are dropped", () => {
  expect(mapCustomerVerify(profileAnswer, onOtp)).toEqual({
    kind: "step",
    step: {
      kind: "profile",
      identity: null,
      profile: {
        name: "Karan Garg",
        mobileMasked: "••••••4444",
        balance: 0,
        nextAllowedLimit: 5287,
        totalMonthlyLimit: 50000,
        usage: { used: 44713, remaining: 5287, unavailable: 0 },
        kyc: "full_kyc",
      },
    },
    secrets: {},
  });
});

test("verify 2136 / 2147 → the console stops: no customer-account KYC endpoint (§8 A.5)", () => {
  expect(mapCustomerVerify(aadhaarPendingAnswer(), onOtp)).toMatchObject({
    step: { kind: "next_step", reason: "aadhaar_pending" },
  });
  expect(mapCustomerVerify(panRequiredAnswer(), onOtp)).toMatchObject({
    step: { kind: "next_step", reason: "pan_pending" },
  });
});

test("verify 2131 wrong → same OTP step, attempts from Eko when given", () => {
  const result = mapCustomerVerify(wrongOtpAnswer(1), onOtp);
  expect(result).toEqual({
    kind: "step",
    step: otpStep({ attemptsLeft: 1, lastAttempt: "wrong" }),
    secrets: onOtp.secrets,
  });
});

test("verify 2131 wrong without attempts_remaining → the console counts down itself", () => {
  const result = mapCustomerVerify(
    wrongOtpAnswer(),
    context(otpStep({ attemptsLeft: 2 }), onOtp.secrets),
  );
  expect(result).toMatchObject({ step: { kind: "otp", attemptsLeft: 1, lastAttempt: "wrong" } });
});

test("verify 2131 rsid 303 → expired", () => {
  expect(mapCustomerVerify(expiredOtpAnswer, onOtp)).toMatchObject({
    step: { kind: "otp", lastAttempt: "expired", attemptsLeft: 3 },
  });
});

test("verify 2131 with locked_until → locked step", () => {
  expect(mapCustomerVerify(lockedAnswer, onOtp)).toEqual({
    kind: "step",
    step: { kind: "locked", purpose: "mobile", until: "2026-03-01T10:15:00.000Z" },
    secrets: {},
  });
});

test("verify -1 and unknown ids", () => {
  expect(mapCustomerVerify(validationAnswer, onOtp).kind).toBe("problem");
  expect(mapCustomerVerify(unknownAnswer, onOtp)).toMatchObject({
    step: { kind: "failed", ekoResponseTypeId: 319 },
  });
});
