import { type Call, otpFailureAnswer, type Services, verifiedAnswer } from "./call.ts";
import { type Envelope, notEnrolled, otpSent, resendTooSoon, walletExists } from "./envelopes.ts";
import { text, textList } from "./request.ts";
import { enroll, isEnrolled, mobileVerified, walletOpened } from "./state.ts";

/*
 * Get info, onboard, resend and verify of the mobile OTP — the steps every
 * rail shares (eko-api.md §8 A.1–A.4, §9 B.1–B.4, §10 C.1–C.4).
 */

/**
 * Which 2129 envelope a step answers: status 2129 / rsid 1 on get-info and on
 * customer-account / Levin onboard; status 0 / rsid 0 on DigiKhata onboard and
 * the DigiKhata / Levin resends (§6.2). A.3 has no sample (SANDBOX-DEFINED: like A.1).
 */
export function otpStatusStyle(call: Pick<Call, "op" | "rail">): "type" | "zero" {
  if (call.op === "onboard") return call.rail === "digikhata" ? "zero" : "type";
  if (call.op === "resend-otp") return call.rail === "customer-account" ? "type" : "zero";
  if (call.op === "aadhaar-otp") return "zero";
  return "type";
}

/** A.1 / B.1 / C.1: an enrolled customer gets an OTP — Eko's documented side effect. */
export function getInfo(call: Call, services: Services): Envelope {
  if (!isEnrolled(call.record)) return notEnrolled();
  // The lookup starts a session, so it is not held to the resend interval.
  const issued = services.otps.issue(call.record, 19, { enforceInterval: false });
  return issued.kind === "sent"
    ? otpSent("type", issued.ref, 19)
    : resendTooSoon(issued.waitSeconds);
}

/** A.2 / B.2 / C.2. */
export function onboard(call: Call, services: Services): Envelope {
  const { record } = call;
  if (call.rail === "digikhata" && (record.stage === "wallet_exists" || isEnrolled(record))) {
    // §9 B.2: PayPoint already has the wallet; the sender is now known to Eko.
    walletOpened(record);
    return walletExists(record);
  }
  if (!isEnrolled(record)) {
    const address = textList(call.params, "residence_address");
    enroll(record, {
      name: (text(call.params, "name") ?? "").trim().replace(/\s+/g, " "),
      dob: text(call.params, "dob") ?? "",
      address: Array.isArray(address) ? address : [],
    });
  }
  // SANDBOX-DEFINED: onboarding someone already enrolled re-sends the OTP.
  const issued = services.otps.issue(record, 19, {
    enforceInterval: record.stage !== "otp_pending",
  });
  return issued.kind === "sent"
    ? otpSent(otpStatusStyle(call), issued.ref, 19)
    : resendTooSoon(issued.waitSeconds);
}

/** A.3 (legacy) / B.3 / C.3 (legacy): a new mobile OTP; the earlier reference stops working. */
export function resendOtp(call: Call, services: Services): Envelope {
  if (!isEnrolled(call.record)) return notEnrolled();
  const issued = services.otps.issue(call.record, 19, { enforceInterval: true });
  return issued.kind === "sent"
    ? otpSent(otpStatusStyle(call), issued.ref, 19)
    : resendTooSoon(issued.waitSeconds);
}

/** A.4 / B.4 / C.4. */
export function verifyMobileOtp(call: Call, services: Services): Envelope {
  const { record } = call;
  const result = services.otps.verify(
    record,
    19,
    text(call.params, "otp_ref_id") ?? null,
    text(call.params, "otp") ?? "",
  );
  if (result.kind !== "ok") {
    return otpFailureAnswer(result, { levinMobile: call.rail === "levin" });
  }
  mobileVerified(record);
  return verifiedAnswer(record, services);
}
