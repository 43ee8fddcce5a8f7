import {
  mapLookupWithProfile,
  mapMobileOtpIssued,
  mapVerifyStoppingAtKyc,
} from "./shared-mappings.ts";

/**
 * Flow A, customer account (eko-api.md §8 A.0): which mapping turns each Eko
 * answer into the next step. Pure functions; the engine makes the calls.
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
