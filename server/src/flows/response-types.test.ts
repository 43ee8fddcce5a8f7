import { expect, test } from "vitest";
import { answer, context, otpStep, REF } from "../test-support/eko-answers.ts";
import { mapLevinAadhaar, mapLevinAadhaarVerify, mapLevinLookup, mapLevinVerify } from "./levin.ts";
import { recogniseByStatusThenShape } from "./response-types.ts";

/* The recognition order: code, then status, then shape, then unknown (response-types.ts). */

const onAadhaarOtp = context(otpStep({ purpose: "aadhaar", sentTo: null }), {
  otpRefId: REF,
  otpIntent: "20",
});

test("status before shape; several readings in order", () => {
  expect(
    recogniseByStatusThenShape(
      answer({ response_type_id: 1388, response_status_id: 463, data: { otp_ref_id: "1" } }),
    ),
  ).toEqual(["wallet_token_invalid", "otp_sent"]);
  expect(
    recogniseByStatusThenShape(answer({ response_type_id: 1388, data: { verified: false } })),
  ).toEqual(["wrong_otp"]);
  expect(recogniseByStatusThenShape(answer({ response_type_id: 1388, data: {} }))).toEqual([]);
});

test("a code known to the call wins over its response_status_id", () => {
  const panRequired = answer({
    response_type_id: 2147,
    response_status_id: 302,
    data: { application_id: "" },
  });
  expect(mapLevinAadhaarVerify(panRequired, onAadhaarOtp)).toMatchObject({
    step: { kind: "pan" },
  });
});

test("a reading the call cannot meet stays unknown: a 302 on a lookup, a 463 on a mobile OTP check", () => {
  const wrong = answer({ response_type_id: 1388, response_status_id: 302, data: {} });
  expect(mapLevinLookup(wrong, context({ kind: "onboard" }))).toMatchObject({
    step: { kind: "failed", reason: "unknown_state", ekoResponseTypeId: 1388 },
  });
  const token = answer({ response_type_id: 1388, response_status_id: 463, data: {} });
  expect(mapLevinVerify(token, context(otpStep(), { otpRefId: REF }))).toMatchObject({
    step: { kind: "failed", reason: "unknown_state" },
  });
});

test("an unknown code with a 303 is an expired OTP; verified:true without a name is unknown", () => {
  const expired = answer({ response_type_id: 1388, response_status_id: 303, data: {} });
  expect(mapLevinAadhaarVerify(expired, onAadhaarOtp)).toMatchObject({
    step: { kind: "otp", lastAttempt: "expired", attemptsLeft: 3 },
  });
  const nameless = answer({
    response_type_id: 1388,
    response_status_id: 0,
    data: { verified: true },
  });
  expect(mapLevinAadhaarVerify(nameless, onAadhaarOtp)).toMatchObject({
    step: { kind: "failed", reason: "unknown_state" },
  });
});

test("a mobile_hint that is not masked is not shown", () => {
  const hinted = (hint: string) =>
    answer({
      response_type_id: 1388,
      response_status_id: 0,
      data: { otp_ref_id: "9", mobile_hint: hint },
    });
  const onAadhaar = context({ kind: "aadhaar", consentVersion: "v", rejected: false });
  expect(mapLevinAadhaar(hinted("******3210"), onAadhaar)).toMatchObject({
    step: { sentTo: "••••••3210" },
  });
  expect(mapLevinAadhaar(hinted("9876543210"), onAadhaar)).toMatchObject({
    step: { sentTo: null },
  });
});
