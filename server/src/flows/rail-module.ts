import type { OtpPurpose, Step } from "../contract/flow-view.ts";
import type { Rail } from "../contract/rails.ts";
import type { EkoCallContext, EkoClient, EkoResult } from "../eko/client.ts";
import type { EkoAnswer } from "../eko/envelope.ts";
import { ApiProblem } from "../http/problem.ts";
import type { FlowSecrets } from "./flow-record.ts";
import type { MapContext, Transition } from "./transition.ts";

/*
 * What a rail is, as data: for each console step, the Eko call (with the
 * request built from the input and the flow's sealed secrets) and the pure
 * function that maps Eko's answer. The flow service (flow-service.ts) runs
 * every one of them the same way; a rail module never touches the store.
 */

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

/** A verify body: `otp` as a digit string keeps leading zeros (Appendix A); intent 19 mobile, 20 Aadhaar (§5.1). */
export function otpParams(otp: string, secrets: FlowSecrets, intent: "19" | "20") {
  return { otp, otp_ref_id: requireSecret(secrets, "otpRefId"), intent_id: intent };
}

/** What a request builder may use: the Eko client, who is calling, the flow's secrets. */
export type CallIo = { eko: EkoClient; context: EkoCallContext; secrets: FlowSecrets };

/** One Eko call and the mapping of its answer. */
export type StepCall<I> = {
  call: (io: CallIo, input: I) => Promise<EkoResult>;
  map: (answer: EkoAnswer, ctx: MapContext) => Transition;
};

/**
 * A call the rail makes after another one, on its own answer: DigiKhata's
 * 300 "wallet exists" → Get Sender again; 2136 → the consent languages.
 */
export type FollowUp = {
  /** Audit outcome of the first call. */
  outcome: string;
  step: StepCall<void>;
  /** A timeout of this call leaves the flow in doubt about this action (null: a plain read). */
  unknownAs: Extract<Step, { kind: "status_unknown" }>["action"] | null;
  /** If this call fails, save where the first call led instead of failing the step. */
  fallback: Step | null;
};

/**
 * Resending a pending OTP: another Eko call, or — where Eko documents no
 * resend and the console keeps no Aadhaar number — back to the step that asks for it.
 */
export type Resend = StepCall<void> | { reask: Step };

export type RailModule = {
  rail: Rail;
  lookup: StepCall<void>;
  onboard: StepCall<EkoOnboardInput>;
  /** Per OTP purpose; a rail without Aadhaar KYC has only the mobile OTP. */
  resendOtp: { mobile: Resend } & Partial<Record<Exclude<OtpPurpose, "mobile">, Resend>>;
  verifyOtp: { mobile: StepCall<string> } & Partial<
    Record<Exclude<OtpPurpose, "mobile">, StepCall<string>>
  >;
  /** Aadhaar number → Aadhaar OTP (C.5 / B.7). */
  aadhaar?: StepCall<string>;
  pan?: StepCall<string>;
  /** DigiKhata's consent step (§9 B.5, B.6). */
  consentLanguages?: StepCall<void>;
  consentDetails?: StepCall<string>;
  /** Aadhaar consent: taken on the Aadhaar screen (Levin) or on a step of its own (DigiKhata). */
  consent: "with-aadhaar" | "own-step" | "none";
  /** A transition that needs another call before it can be saved. */
  followUp?: (transition: Transition) => FollowUp | null;
};

/**
 * A sealed value a request needs. Missing means the flow is not where the
 * step thinks it is (e.g. a re-check dropped the OTP): refuse, never send "".
 */
export function requireSecret(secrets: FlowSecrets, name: "otpRefId" | "walletToken"): string {
  const value = secrets[name];
  if (!value) throw new ApiProblem("step_not_allowed", `This flow holds no ${name}; start again`);
  return value;
}
