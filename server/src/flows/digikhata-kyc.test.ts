import { expect, test } from "vitest";
import type { Step } from "../contract/flow-view.ts";
import {
  answer,
  context,
  expiredOtpAnswer,
  lockedAnswer,
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
  consentDigest,
  mapDigikhataAadhaar,
  mapDigikhataAadhaarVerify,
  mapDigikhataConsentDetails,
  mapDigikhataConsentLanguages,
  mapDigikhataPan,
} from "./digikhata.ts";

/** §9 B.5 sample (first four of the 13). */
const languagesAnswer = answer({
  response_status_id: 0,
  data: {
    consent_language_list: [
      { pkid: "1", consentLanguage: "English" },
      { pkid: "2", consentLanguage: "Bengali" },
      { pkid: "3", consentLanguage: "Gujarati" },
      { pkid: "4", consentLanguage: "Hindi" },
    ],
  },
  response_type_id: 2444,
  message: "Consent Language Successfully Retrieved",
  status: 0,
});
const CONTENT = "I hereby give my consent…\r\n I understand…";
const STATEMENT =
  "I agree to Aadhaar OTP authentication by Paypoint India Network Private Limited.";
/** §9 B.6 sample shape (consentId a number). */
const detailsAnswer = (audioUrl: string | null = "https://paypointindia.co.in/a.mp3") =>
  answer({
    response_status_id: 0,
    data: {
      consent_detail: {
        consentContent: CONTENT,
        ...(audioUrl === null ? {} : { audioUrl }),
        consentId: 1,
        consent: STATEMENT,
        consentLanguage: "English",
      },
    },
    response_type_id: 2446,
    message: "Consent Language Successfully Retrieved",
    status: 0,
  });

const pending: Step = { kind: "consent", languages: [], text: null };
const listed: Step = {
  kind: "consent",
  languages: [
    { id: "1", name: "English" },
    { id: "4", name: "Hindi" },
  ],
  text: null,
};
const aadhaarStep: Step = {
  kind: "aadhaar",
  consentVersion: "digikhata-b6",
  rejected: false,
  consentGiven: true,
};
const onAadhaarOtp = context(otpStep({ purpose: "aadhaar", sentTo: null }), {
  otpRefId: REF,
  otpIntent: "20",
  aadhaarLast4: "2346",
});

test("B.5 2444 → the consent step lists Eko's languages by pkid; empty or unknown → failed", () => {
  expect(mapDigikhataConsentLanguages(languagesAnswer, context(pending))).toEqual({
    kind: "step",
    step: {
      kind: "consent",
      languages: [
        { id: "1", name: "English" },
        { id: "2", name: "Bengali" },
        { id: "3", name: "Gujarati" },
        { id: "4", name: "Hindi" },
      ],
      text: null,
    },
    secrets: {},
  });
  const empty = answer({ response_type_id: 2444, status: 0, data: { consent_language_list: [] } });
  expect(mapDigikhataConsentLanguages(empty, context(pending))).toMatchObject({
    step: { kind: "failed" },
  });
  expect(mapDigikhataConsentLanguages(validationAnswer, context(pending))).toMatchObject({
    kind: "problem",
  });
  expect(mapDigikhataConsentLanguages(unknownAnswer, context(pending))).toMatchObject({
    step: { kind: "failed", ekoResponseTypeId: 319 },
  });
});

test("B.6 2446 → the text in full with its digest; the audio URL stays in the sealed secrets", () => {
  const mapped = mapDigikhataConsentDetails(detailsAnswer(), context(listed));
  expect(mapped).toEqual({
    kind: "step",
    step: {
      kind: "consent",
      languages: (listed as Extract<Step, { kind: "consent" }>).languages,
      text: {
        languageId: "1",
        language: "English",
        content: CONTENT,
        statement: STATEMENT,
        textSha256: consentDigest(CONTENT, STATEMENT),
        audio: true,
      },
    },
    secrets: { consentAudioUrl: "https://paypointindia.co.in/a.mp3", consentEkoId: "1" },
  });
  expect(JSON.stringify(mapped.kind === "step" ? mapped.step : null)).not.toContain("paypoint");
  expect(consentDigest(CONTENT, STATEMENT)).toMatch(/^[0-9a-f]{64}$/);
  expect(consentDigest(CONTENT, STATEMENT)).not.toBe(consentDigest(`${CONTENT}.`, STATEMENT));
  // No recording: no audio, and an older URL does not linger.
  const silent = mapDigikhataConsentDetails(
    detailsAnswer(null),
    context(listed, { consentAudioUrl: "https://paypointindia.co.in/old.mp3" }),
  );
  expect(silent).toMatchObject({ step: { text: { audio: false } } });
  expect(silent.kind === "step" ? silent.secrets.consentAudioUrl : "not a step").toBeUndefined();
  expect(mapDigikhataConsentDetails(validationAnswer, context(listed))).toMatchObject({
    kind: "problem",
  });
  const noText = answer({ response_type_id: 2446, status: 0, data: { consent_detail: {} } });
  expect(mapDigikhataConsentDetails(noText, context(listed))).toMatchObject({
    step: { kind: "failed" },
  });
});

test("B.7 2129 (intent 20) → the Aadhaar OTP step; 2138 → rejected, ask again; -1 → problem", () => {
  expect(mapDigikhataAadhaar(otpSentAnswer(20), context(aadhaarStep))).toMatchObject({
    step: { kind: "otp", purpose: "aadhaar", sentTo: null, attemptsLeft: 3 },
    secrets: { otpRefId: REF, otpIntent: "20" },
  });
  const rejected = answer({
    response_status_id: 1,
    response_type_id: 2138,
    message: "Adhar Validation Failed",
    status: 2138,
  });
  expect(mapDigikhataAadhaar(rejected, context(aadhaarStep))).toMatchObject({
    step: { kind: "aadhaar", rejected: true, consentGiven: true },
  });
  expect(mapDigikhataAadhaar(validationAnswer, context(aadhaarStep))).toMatchObject({
    kind: "problem",
    problem: { code: "validation_failed" },
  });
  expect(mapDigikhataAadhaar(unknownAnswer, context(aadhaarStep))).toMatchObject({
    step: { kind: "failed" },
  });
});

test("B.8 2147 → PAN; wrong / expired / locked like every OTP; the OTP secrets go", () => {
  expect(mapDigikhataAadhaarVerify(panRequiredAnswer(), onAadhaarOtp)).toEqual({
    kind: "step",
    step: { kind: "pan", identity: null, rejected: false },
    secrets: { aadhaarLast4: "2346" },
  });
  expect(mapDigikhataAadhaarVerify(wrongOtpAnswer(2), onAadhaarOtp)).toMatchObject({
    step: { kind: "otp", purpose: "aadhaar", lastAttempt: "wrong", attemptsLeft: 2 },
  });
  expect(mapDigikhataAadhaarVerify(expiredOtpAnswer, onAadhaarOtp)).toMatchObject({
    step: { lastAttempt: "expired" },
  });
  expect(mapDigikhataAadhaarVerify(lockedAnswer, onAadhaarOtp)).toMatchObject({
    step: { kind: "locked", purpose: "aadhaar" },
  });
  expect(mapDigikhataAadhaarVerify(profileAnswer, onAadhaarOtp)).toMatchObject({
    step: { kind: "profile" },
  });
  expect(mapDigikhataAadhaarVerify(validationAnswer, onAadhaarOtp)).toMatchObject({
    kind: "problem",
  });
  expect(mapDigikhataAadhaarVerify(unknownAnswer, onAadhaarOtp)).toMatchObject({
    step: { kind: "failed" },
  });
});

test("B.9 309 → the full-KYC profile; 2138 → PAN rejected; -1 → problem", () => {
  const onPan = context({ kind: "pan", identity: null, rejected: false });
  expect(mapDigikhataPan(profileAnswer, onPan)).toMatchObject({
    step: { kind: "profile", profile: { name: "Karan Garg" }, identity: null },
  });
  const rejected = answer({ response_type_id: 2138, status: 2138, message: "Invalid PAN" });
  expect(mapDigikhataPan(rejected, onPan)).toMatchObject({
    step: { kind: "pan", rejected: true },
  });
  expect(mapDigikhataPan(validationAnswer, onPan)).toMatchObject({ kind: "problem" });
  expect(mapDigikhataPan(unknownAnswer, onPan)).toMatchObject({ step: { kind: "failed" } });
});
