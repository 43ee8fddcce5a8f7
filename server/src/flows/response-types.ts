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
} as const;

/** Business codes carried in `response_status_id` (§7.2): 302 wrong OTP, 303 OTP expired. */
export const statusCode = { wrongOtp: 302, otpExpired: 303 } as const;
