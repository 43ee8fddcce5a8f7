import { mapCustomerLookup, mapCustomerOtpIssued, mapCustomerVerify } from "../customer-account.ts";
import { onboardParams, type RailModule, requireSecret } from "./rail-module.ts";

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
