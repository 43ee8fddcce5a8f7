import type { FlowSecrets } from "../flow-record.ts";
import {
  levinAadhaarAgain,
  mapLevinAadhaar,
  mapLevinAadhaarVerify,
  mapLevinLookup,
  mapLevinOtpIssued,
  mapLevinPan,
  mapLevinVerify,
} from "../levin.ts";
import {
  type CallIo,
  onboardParams,
  otpParams,
  type RailModule,
  requireSecret,
} from "./rail-module.ts";

/**
 * Levin's quirk: C.5–C.7 need the wallet pair C.4 handed out. The token is
 * required; `wallet_id` is "" in every real sample (§15.13), so an empty one
 * is what Eko gave and goes back as such.
 */
function wallet(secrets: FlowSecrets) {
  return { wallet_token: requireSecret(secrets, "walletToken"), wallet_id: secrets.walletId ?? "" };
}

/** C.5 — issues the Aadhaar OTP. Eko spells the field `aadhar`. */
function validateAadhaar({ eko, context, secrets }: CallIo, aadhaar: string) {
  return eko.call("levinAadhaar", context, { aadhar: aadhaar, ...wallet(secrets) });
}

/** §10 Flow C, with the Aadhaar KYC (C.5–C.7); consent is taken on the Aadhaar screen. */
export const levinRail: RailModule = {
  rail: "levin",
  consent: "with-aadhaar",
  // C.1 — a read, but Eko sends an existing sender an OTP as a side effect.
  lookup: { call: ({ eko, context }) => eko.call("levinGet", context), map: mapLevinLookup },
  onboard: {
    call: ({ eko, context }, input) => eko.call("levinOnboard", context, onboardParams(input)),
    map: mapLevinOtpIssued,
  }, // C.2
  resendOtp: {
    mobile: {
      call: ({ eko, context }) => eko.call("levinResendOtp", context),
      map: mapLevinOtpIssued,
    }, // C.3 (legacy only)
    // No resend endpoint for the Aadhaar OTP: it is re-issued with C.5 (§10 C.0b), which needs
    // the number — and the console keeps none, so the agent enters it again (like DigiKhata).
    aadhaar: { reask: levinAadhaarAgain },
  },
  verifyOtp: {
    mobile: {
      call: ({ eko, context, secrets }, otp) =>
        eko.call("levinVerifyOtp", context, otpParams(otp, secrets, "19")),
      map: mapLevinVerify,
    }, // C.4
    // C.6 — [LEGACY] requires intent_id "20" and the wallet pair; [EPS] lists them optional.
    aadhaar: {
      call: ({ eko, context, secrets }, otp) =>
        eko.call("levinVerifyAadhaarOtp", context, {
          ...otpParams(otp, secrets, "20"),
          ...wallet(secrets),
        }),
      map: mapLevinAadhaarVerify,
    },
  },
  aadhaar: { call: validateAadhaar, map: mapLevinAadhaar },
  pan: {
    call: ({ eko, context, secrets }, pan) =>
      eko.call("levinPan", context, { pan_number: pan, ...wallet(secrets) }),
    map: mapLevinPan,
  }, // C.7
};
