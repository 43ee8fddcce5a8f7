import type { EkoCallContext, EkoClient, EkoResult } from "./client.ts";
import { type EkoOnboardInput, onboardParams } from "./customer-account.ts";

/** §9 B.1 — a read, but Eko sends an existing sender an OTP as a side effect. */
export function getDigikhataSender(eko: EkoClient, context: EkoCallContext): Promise<EkoResult> {
  return eko.call("digikhataGet", context);
}

/** §9 B.2 */
export function onboardDigikhataSender(
  eko: EkoClient,
  context: EkoCallContext,
  input: EkoOnboardInput,
): Promise<EkoResult> {
  return eko.call("digikhataOnboard", context, onboardParams(input));
}

/** §9 B.3 — re-issues the sender OTP. */
export function resendDigikhataSenderOtp(
  eko: EkoClient,
  context: EkoCallContext,
): Promise<EkoResult> {
  return eko.call("digikhataResendOtp", context);
}

/** §9 B.4 — `intent_id` "19" is required by [LEGACY] and harmless on the master path. */
export function verifyDigikhataSenderOtp(
  eko: EkoClient,
  context: EkoCallContext,
  input: { otp: string; otpRefId: string },
): Promise<EkoResult> {
  return eko.call("digikhataVerifyOtp", context, {
    otp: input.otp,
    otp_ref_id: input.otpRefId,
    intent_id: "19",
  });
}
