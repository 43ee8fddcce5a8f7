import { type Call, otpFailureAnswer, type Services, walletPresented } from "./call.ts";
import { consentDetails, consentLanguageList } from "./consent.ts";
import { consentAudioUrl } from "./consent-audio.ts";
import {
  aadhaarIdentity,
  aadhaarPending,
  aadhaarRejected,
  businessCode,
  type Envelope,
  invalidWalletToken,
  notEnrolled,
  otpSent,
  panRequired,
  resendTooSoon,
} from "./envelopes.ts";
import { TEST_AADHAAR } from "./personas.ts";
import { profileFound } from "./profile.ts";
import {
  publishedAadhaarOtpSent,
  publishedAadhaarVerified,
  publishedOtpFailure,
} from "./published-dialect.ts";
import { text } from "./request.ts";
import { aadhaarVerified, isEnrolled, panAccepted } from "./state.ts";

/*
 * The KYC upgrade after a verified mobile: consent (B.5, B.6), Aadhaar OTP
 * (B.7 / C.5), its verification (B.8 / C.6) and PAN (B.9 / C.7).
 */

/**
 * SANDBOX-DEFINED: a KYC step called out of order answers where the customer
 * really is — 308 not enrolled, 327 mobile not verified yet, 2147 / 2136 for
 * the other step (C.7's legacy "Aadhar Validation Pending" is documented),
 * 585 when KYC is already complete.
 */
function outOfOrder(call: Call, step: "aadhaar" | "pan"): Envelope | null {
  const { stage } = call.record;
  if (!isEnrolled(call.record)) return notEnrolled();
  if (stage === "otp_pending") return businessCode(327);
  if (stage === "complete") return businessCode(585);
  if (step === "aadhaar" && stage === "pan_pending") return panRequired("application");
  if (step === "pan" && stage === "aadhaar_pending") return aadhaarPending("bare");
  return null;
}

export function getConsentLanguages(): Envelope {
  return consentLanguageList();
}

export function getConsentDetails(call: Call): Envelope {
  return consentDetails(text(call.params, "consent_language") ?? "1", (language) =>
    consentAudioUrl(call.url, language),
  );
}

/** B.7 / C.5: sends the Aadhaar OTP (intent 20) to the Aadhaar-linked phone. */
export function sendAadhaarOtp(call: Call, services: Services): Envelope {
  if (call.rail === "levin" && !walletPresented(call, services)) return invalidWalletToken();
  const blocked = outOfOrder(call, "aadhaar");
  if (blocked) return blocked;

  const aadhaar = text(call.params, "aadhar") ?? "";
  // SANDBOX-DEFINED: one Verhoeff-valid number stands for "UIDAI refused it".
  if (aadhaar === TEST_AADHAAR.rejected) return aadhaarRejected();

  const issued = services.otps.issue(call.record, 20, { enforceInterval: true });
  if (issued.kind === "too-soon") return resendTooSoon(issued.waitSeconds);
  // Only the last four digits are kept, for masked_aadhaar. SANDBOX-DEFINED:
  // without a persona gender, "UIDAI" reports one from the last digit's parity.
  call.record.aadhaarLast4 = aadhaar.slice(-4);
  call.record.gender ??= Number(aadhaar.at(-1)) % 2 === 0 ? "F" : "M";
  if (call.rail === "levin" && call.dialect === "published") {
    return publishedAadhaarOtpSent(issued.ref, call.record);
  }
  // C.5's legacy sample echoes intent_id "" — kept; B.7 echoes 20.
  return otpSent("zero", issued.ref, call.rail === "levin" ? "" : 20);
}

/** B.8 / C.6. */
export function verifyAadhaarOtp(call: Call, services: Services): Envelope {
  if (call.rail === "levin" && !walletPresented(call, services)) return invalidWalletToken();
  const result = services.otps.verify(
    call.record,
    20,
    text(call.params, "otp_ref_id") ?? null,
    text(call.params, "otp") ?? "",
  );
  const published = call.rail === "levin" && call.dialect === "published";
  if (result.kind !== "ok") {
    return published
      ? publishedOtpFailure(result)
      : otpFailureAnswer(result, { levinMobile: false });
  }
  aadhaarVerified(call.record);
  if (published) return publishedAadhaarVerified(call.record);
  // C.6 default: the identity-card shape (§10 C.6 decision); the legacy
  // wallet-fields-only 2147 comes through scenario 2147.
  return call.rail === "levin" ? aadhaarIdentity(call.record) : panRequired("application");
}

/** B.9 / C.7: the EPS answer, a 309 profile (legacy 2132 comes through scenario 2132). */
export function submitPan(call: Call, services: Services): Envelope {
  if (call.rail === "levin" && !walletPresented(call, services)) return invalidWalletToken();
  const blocked = outOfOrder(call, "pan");
  if (blocked) return blocked;
  panAccepted(call.record);
  return profileFound("account", call.record);
}
