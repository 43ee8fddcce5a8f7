import { onboardParams, type RailModule, requireSecret } from "./rail-module.ts";
import {
  mapLookupWithProfile,
  mapMobileOtpIssued,
  mapVerifyStoppingAtKyc,
} from "./shared-mappings.ts";

/**
 * Flow A, customer account (eko-api.md §8 A.0), the rail's one module: first
 * the pure mappings (Eko's answer → the next step), then the rail module that
 * pairs each console step's Eko call with its mapping.
 */

/** A.1 Get Customer Information. */
export const mapCustomerLookup = mapLookupWithProfile;

/** A.2 Onboard Customer, A.3 Resend OTP: both answer 2129 with a fresh otp_ref_id. */
export const mapCustomerOtpIssued = mapMobileOtpIssued;

/**
 * A.4 Verify Customer OTP. 2136 / 2147 have no customer-account endpoint to
 * continue with (§8 A.5 gap), so the console stops and says what is next.
 */
export const mapCustomerVerify = mapVerifyStoppingAtKyc;

// ── The rail module: each console step's Eko call (its paths in eko/calls.ts), the
// request built from the input and the flow's sealed secrets, and the mapping above
// that reads the answer. The flow engine (step-pipeline.ts) runs them; nothing here
// touches the store.

/** §8 Flow A: lookup, onboarding and the mobile OTP; no KYC steps. */
export const customerAccountRail: RailModule = {
  rail: "customer-account",
  consent: "none",
  // A.1 — a read, but Eko sends the customer an OTP as a side effect.
  lookup: { call: ({ eko, context }) => eko.call("customerGet", context), map: mapCustomerLookup },
  onboard: {
    call: ({ eko, context }, input) => eko.call("customerOnboard", context, onboardParams(input)),
    map: mapCustomerOtpIssued,
  }, // A.2
  resendOtp: {
    mobile: {
      call: ({ eko, context }) => eko.call("customerResendOtp", context),
      map: mapCustomerOtpIssued,
    }, // A.3 (legacy only)
  },
  verifyOtp: {
    mobile: {
      call: ({ eko, context, secrets }, otp) =>
        eko.call("customerVerifyOtp", context, {
          otp,
          otp_ref_id: requireSecret(secrets, "otpRefId"),
        }),
      map: mapCustomerVerify,
    }, // A.4
  },
};
