import type { EkoCallContext, EkoClient, EkoResult } from "./client.ts";
import { type EkoOnboardInput, onboardParams } from "./customer-account.ts";

/** From C.4; C.5–C.7 require both (§10). `wallet_id` is "" in every real sample. */
export type LevinWallet = { walletToken: string; walletId: string };

function walletParams(wallet: LevinWallet) {
  return { wallet_token: wallet.walletToken, wallet_id: wallet.walletId };
}

/** §10 C.1 — a read, but Eko sends an existing sender an OTP as a side effect. */
export function getLevinSender(eko: EkoClient, context: EkoCallContext): Promise<EkoResult> {
  return eko.call("levinGet", context);
}

/** §10 C.2 */
export function onboardLevinSender(
  eko: EkoClient,
  context: EkoCallContext,
  input: EkoOnboardInput,
): Promise<EkoResult> {
  return eko.call("levinOnboard", context, onboardParams(input));
}

/** §10 C.3 (legacy only) */
export function resendLevinSenderOtp(eko: EkoClient, context: EkoCallContext): Promise<EkoResult> {
  return eko.call("levinResendOtp", context);
}

/** §10 C.4 */
export function verifyLevinSenderOtp(
  eko: EkoClient,
  context: EkoCallContext,
  input: { otp: string; otpRefId: string },
): Promise<EkoResult> {
  return eko.call("levinVerifyOtp", context, {
    otp: input.otp,
    otp_ref_id: input.otpRefId,
    intent_id: "19",
  });
}

/** §10 C.5 — issues the Aadhaar OTP. Eko spells the field `aadhar`. */
export function validateLevinAadhaar(
  eko: EkoClient,
  context: EkoCallContext,
  input: { aadhaar: string } & LevinWallet,
): Promise<EkoResult> {
  return eko.call("levinAadhaar", context, { aadhar: input.aadhaar, ...walletParams(input) });
}

/** §10 C.6 — [LEGACY] requires intent_id "20" and the wallet pair; [EPS] lists them optional. */
export function verifyLevinAadhaarOtp(
  eko: EkoClient,
  context: EkoCallContext,
  input: { otp: string; otpRefId: string } & LevinWallet,
): Promise<EkoResult> {
  return eko.call("levinVerifyAadhaarOtp", context, {
    otp: input.otp,
    otp_ref_id: input.otpRefId,
    intent_id: "20",
    ...walletParams(input),
  });
}

/** §10 C.7 */
export function validateLevinPan(
  eko: EkoClient,
  context: EkoCallContext,
  input: { pan: string } & LevinWallet,
): Promise<EkoResult> {
  return eko.call("levinPan", context, { pan_number: input.pan, ...walletParams(input) });
}
