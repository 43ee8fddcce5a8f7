import type { EkoCallContext, EkoClient, EkoResult } from "./client.ts";

/** Onboard body shared by every rail (§8 A.2, §9 B.2, §10 C.2). */
export type EkoOnboardInput = {
  name: string;
  /** YYYY-MM-DD */
  dob: string;
  /** Array of strings, e.g. ["123 MG Road", "Bangalore", "Karnataka", "560001"]. */
  residenceAddress: string[];
};

export function onboardParams(input: EkoOnboardInput) {
  return { name: input.name, dob: input.dob, residence_address: input.residenceAddress };
}

/** §8 A.1 — a read, but Eko sends the customer an OTP as a side effect. */
export function getCustomer(eko: EkoClient, context: EkoCallContext): Promise<EkoResult> {
  return eko.call("customerGet", context);
}

/** §8 A.2 */
export function onboardCustomer(
  eko: EkoClient,
  context: EkoCallContext,
  input: EkoOnboardInput,
): Promise<EkoResult> {
  return eko.call("customerOnboard", context, onboardParams(input));
}

/** §8 A.3 (legacy only) */
export function resendCustomerOtp(eko: EkoClient, context: EkoCallContext): Promise<EkoResult> {
  return eko.call("customerResendOtp", context);
}

/** §8 A.4 — `otp` as a digit string keeps leading zeros (Appendix A). */
export function verifyCustomerOtp(
  eko: EkoClient,
  context: EkoCallContext,
  input: { otp: string; otpRefId: string },
): Promise<EkoResult> {
  return eko.call("customerVerifyOtp", context, { otp: input.otp, otp_ref_id: input.otpRefId });
}
