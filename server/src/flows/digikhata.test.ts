import { expect, test } from "vitest";
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
  unknownAnswer,
  validationAnswer,
  wrongOtpAnswer,
} from "../test-support/eko-answers.ts";
import {
  mapDigikhataLookup,
  mapDigikhataOnboard,
  mapDigikhataResend,
  mapDigikhataVerify,
} from "./digikhata.ts";

const start = context({ kind: "onboard" });
const onOtp = context(otpStep(), { otpRefId: REF, otpIntent: "19" });

test("lookup: 2129 → otp, 308 → onboard, 309 → profile, -1 → problem, unknown → failed", () => {
  expect(mapDigikhataLookup(otpSentAnswer(), start)).toMatchObject({
    step: { kind: "otp", purpose: "mobile" },
  });
  expect(mapDigikhataLookup(notEnrolledAnswer, start)).toMatchObject({ step: { kind: "onboard" } });
  expect(mapDigikhataLookup(profileAnswer, start)).toMatchObject({ step: { kind: "profile" } });
  expect(mapDigikhataLookup(validationAnswer, start)).toMatchObject({ kind: "problem" });
  expect(mapDigikhataLookup(unknownAnswer, start)).toMatchObject({
    step: { kind: "failed", reason: "unknown_state" },
  });
});

test("onboard 2129 (status 0 / rsid 0 shape) → otp", () => {
  const zeroStatus = answer({
    response_status_id: 0,
    data: { intent_id: 19, kyc_request_id: "", otp_ref_id: "leSLbMTFJpWWyG+NIDZW1IM6D+1t" },
    response_type_id: 2129,
    message: "Validate the OTP",
    status: 0,
  });
  expect(mapDigikhataOnboard(zeroStatus, start)).toMatchObject({
    step: { kind: "otp" },
    secrets: { otpRefId: "leSLbMTFJpWWyG+NIDZW1IM6D+1t" },
  });
});

test("onboard 300 wallet exists → re-query the sender (§9 B.2)", () => {
  const walletExists = answer({
    response_status_id: 0,
    data: {
      customer_id_type: "mobile_number",
      state_desc: "Non-Kyc",
      state: "2",
      customer_id: "8617567988",
    },
    response_type_id: 300,
    message: "Wallet opened successfully.",
    status: 0,
  });
  expect(mapDigikhataOnboard(walletExists, start)).toEqual({ kind: "requery" });
});

test("onboard -1 / unknown", () => {
  expect(mapDigikhataOnboard(validationAnswer, start)).toMatchObject({ kind: "problem" });
  expect(mapDigikhataOnboard(unknownAnswer, start)).toMatchObject({ step: { kind: "failed" } });
});

test("resend 2129 → a fresh OTP step with a new ref and full attempts", () => {
  const after = context(otpStep({ attemptsLeft: 0, lastAttempt: "wrong" }), {
    otpRefId: "old",
    otpIntent: "19",
  });
  expect(mapDigikhataResend(otpSentAnswer(), after)).toMatchObject({
    step: { kind: "otp", attemptsLeft: 3, lastAttempt: null },
    secrets: { otpRefId: REF },
  });
  expect(mapDigikhataResend(validationAnswer, after)).toMatchObject({ kind: "problem" });
  expect(mapDigikhataResend(unknownAnswer, after)).toMatchObject({ step: { kind: "failed" } });
});

test("verify: 309 profile; 2136 → the consent step (languages next); 2147 → PAN", () => {
  expect(mapDigikhataVerify(profileAnswer, onOtp)).toMatchObject({
    step: { kind: "profile", identity: null },
  });
  expect(mapDigikhataVerify(aadhaarPendingAnswer({ otp_ref_id: "" }), onOtp)).toEqual({
    kind: "step",
    step: { kind: "consent", languages: [], text: null },
    secrets: {},
  });
  expect(mapDigikhataVerify(panRequiredAnswer(), onOtp)).toMatchObject({
    step: { kind: "pan", identity: null, rejected: false },
  });
});

test("verify failures: 2131 wrong / expired / locked, 2138, -1, unknown", () => {
  expect(mapDigikhataVerify(wrongOtpAnswer(2), onOtp)).toMatchObject({
    step: { kind: "otp", lastAttempt: "wrong", attemptsLeft: 2 },
  });
  expect(mapDigikhataVerify(expiredOtpAnswer, onOtp)).toMatchObject({
    step: { lastAttempt: "expired" },
  });
  expect(mapDigikhataVerify(lockedAnswer, onOtp)).toMatchObject({ step: { kind: "locked" } });
  expect(mapDigikhataVerify(levinInvalidOtpAnswer(), onOtp)).toMatchObject({
    step: { lastAttempt: "wrong", attemptsLeft: 2 },
  });
  expect(mapDigikhataVerify(validationAnswer, onOtp)).toMatchObject({ kind: "problem" });
  expect(mapDigikhataVerify(unknownAnswer, onOtp)).toMatchObject({
    step: { kind: "failed", ekoResponseTypeId: 319 },
  });
});
