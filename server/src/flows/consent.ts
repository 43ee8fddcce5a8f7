/**
 * Version of the Aadhaar e-KYC consent text the agent reads to the customer
 * (UIDAI requires informed consent before an Aadhaar OTP). The text itself
 * lives in the web catalogs under this version; the aadhaar step names it and
 * the submitted consent must match it, so the record says which text was shown.
 */
export const AADHAAR_CONSENT_VERSION = "aadhaar-consent-v1";
