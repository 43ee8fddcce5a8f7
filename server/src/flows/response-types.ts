import type { EkoAnswer } from "../eko/envelope.ts";
import { otpRefIdOf, textOf } from "../eko/envelope.ts";

/**
 * Eko `response_type_id`s the flows branch on (eko-api.md §7.3). The rail
 * mapping modules use these names; no other module knows the numbers.
 */
export const responseType = {
  validationError: -1,
  /** DigiKhata onboard: the wallet already exists → re-query the sender. */
  walletExists: 300,
  notEnrolled: 308,
  verified: 309,
  otpSent: 2129,
  /** "Validate OTP Failed": reason in data.description / response_status_id. */
  otpFailed: 2131,
  registrationComplete: 2132,
  aadhaarPending: 2136,
  /** "Invalid OTP" on Levin sender verify; "Adhar Validation Failed" on Levin Validate Aadhaar. */
  invalidOtpOrAadhaar: 2138,
  panRequired: 2147,
  /** DigiKhata B.5: the consent languages. */
  consentLanguages: 2444,
  /** DigiKhata B.6: the consent text (same message text as 2444). */
  consentDetails: 2446,
} as const;

/**
 * Business codes carried in `response_status_id` (§7.2): 302 wrong OTP, 303
 * OTP expired; 463 on Levin C.5–C.7 is "Invalid wallet token. Please
 * re-authenticate the sender." (the published samples, §10 C.5).
 */
export const statusCode = { wrongOtp: 302, otpExpired: 303, invalidWalletToken: 463 } as const;

/**
 * HOW AN ANSWER IS RECOGNISED — the one order every rail mapping applies
 * (README "Decisions"):
 *
 * 1. Code: the `response_type_id`s known to that call, in the call's own
 *    mapping (a `switch` per call). Known codes always win.
 * 2. Status: for a code unknown to that call, or one Eko uses generically
 *    (1388 in the published Levin Aadhaar samples), `response_status_id`:
 *    302 wrong OTP, 303 expired OTP, 463 invalid / expired wallet token.
 * 3. Shape: then the documented data shape: `otp_ref_id` present → an OTP
 *    was sent (`mobile_hint` is the masked destination); `verified: true`
 *    with identity fields → verified identity; `verified: false` → wrong OTP.
 * 4. Anything else: "unknown state", Eko's code and message shown.
 *
 * Steps 2–3 only name what the answer looks like; each call says which of
 * these it can meet (transition.ts `byStatusThenShape`), so a 302 on a lookup
 * is still unknown.
 */
export type Recognised =
  | "wrong_otp"
  | "otp_expired"
  | "wallet_token_invalid"
  | "otp_sent"
  | "identity_verified";

/** Steps 2 and 3, most specific first; [] when neither says anything. */
export function recogniseByStatusThenShape(answer: EkoAnswer): Recognised[] {
  const found: Recognised[] = [];
  switch (answer.responseStatusId) {
    case statusCode.wrongOtp:
      found.push("wrong_otp");
      break;
    case statusCode.otpExpired:
      found.push("otp_expired");
      break;
    case statusCode.invalidWalletToken:
      found.push("wallet_token_invalid");
      break;
  }
  const { data } = answer;
  if (otpRefIdOf(data)) found.push("otp_sent");
  if (data.verified === true && textOf(data, "name")) found.push("identity_verified");
  if (data.verified === false) found.push("wrong_otp");
  return found;
}
