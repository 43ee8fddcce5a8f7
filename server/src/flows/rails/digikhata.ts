import {
  aadhaarAgain,
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
} from "../digikhata.ts";
import type { Transition } from "../transition.ts";
import {
  type FollowUp,
  onboardParams,
  otpParams,
  type RailModule,
  type StepCall,
} from "./rail-module.ts";

/** B.5 and B.6 take `org_id` (documented default "1"). */
const ORG_ID = "1";

// B.1 — a read, but Eko sends an existing sender an OTP as a side effect.
const lookup: StepCall<void> = {
  call: ({ eko, context }) => eko.call("digikhataGet", context),
  map: mapDigikhataLookup,
};
// B.5 — the languages the consent text exists in.
const consentLanguages: StepCall<void> = {
  call: ({ eko, context }) => eko.call("digikhataConsentLanguages", context, { org_id: ORG_ID }),
  map: mapDigikhataConsentLanguages,
};

/**
 * DigiKhata's quirks, as follow-up calls: 300 "wallet exists" on onboarding
 * means Get Sender (a read) sends the OTP — if that read times out the
 * onboarding is done but no OTP state is known, so a re-check settles it;
 * 2136 on verify means the consent step, whose language list (B.5) is fetched
 * at once — if that fails, the consent step offers a retry.
 */
function followUp(transition: Transition): FollowUp | null {
  if (transition.kind === "requery") {
    return { outcome: "wallet_exists", step: lookup, unknownAs: "onboard", fallback: null };
  }
  if (
    transition.kind === "step" &&
    transition.step.kind === "consent" &&
    transition.step.languages.length === 0
  ) {
    return {
      outcome: "aadhaar_pending",
      step: consentLanguages,
      unknownAs: null,
      fallback: consentPending,
    };
  }
  return null;
}

/**
 * §9 Flow B, through the Aadhaar KYC (B.5–B.9). Master paths throughout;
 * `service_code` 80 comes from eko/calls.ts. The full Aadhaar number is only
 * the input of B.7: it is never part of the flow's secrets.
 */
export const digikhataRail: RailModule = {
  rail: "digikhata",
  consent: "own-step",
  lookup,
  onboard: {
    call: ({ eko, context }, input) => eko.call("digikhataOnboard", context, onboardParams(input)),
    map: mapDigikhataOnboard,
  }, // B.2
  resendOtp: {
    mobile: {
      call: ({ eko, context }) => eko.call("digikhataResendOtp", context),
      map: mapDigikhataResend,
    }, // B.3
    // Eko documents no Aadhaar-OTP resend for DigiKhata, and the console keeps
    // no Aadhaar number: a new OTP means asking for the number again (B.7).
    aadhaar: { reask: aadhaarAgain },
  },
  verifyOtp: {
    // B.4 — `intent_id` "19" is required by [LEGACY] and harmless on the master path.
    mobile: {
      call: ({ eko, context, secrets }, otp) =>
        eko.call("digikhataVerifyOtp", context, otpParams(otp, secrets, "19")),
      map: mapDigikhataVerify,
    },
    // B.8 — [LEGACY]'s shared verify path tells the Aadhaar OTP by intent "20".
    aadhaar: {
      call: ({ eko, context, secrets }, otp) =>
        eko.call("digikhataVerifyAadhaarOtp", context, otpParams(otp, secrets, "20")),
      map: mapDigikhataAadhaarVerify,
    },
  },
  consentLanguages,
  consentDetails: {
    call: ({ eko, context }, languageId) =>
      eko.call("digikhataConsentDetails", context, {
        org_id: ORG_ID,
        consent_language: languageId,
      }),
    map: mapDigikhataConsentDetails,
  }, // B.6
  aadhaar: {
    // Eko spells the field `aadhar`.
    call: ({ eko, context }, aadhaar) =>
      eko.call("digikhataAadhaarOtp", context, { aadhar: aadhaar }),
    map: mapDigikhataAadhaar,
  }, // B.7
  pan: {
    call: ({ eko, context }, pan) => eko.call("digikhataPan", context, { pan_number: pan }),
    map: mapDigikhataPan,
  }, // B.9
  followUp,
};
