import type { Identity, Step } from "../contract/flow-view.ts";
import type { EkoAnswer } from "../eko/envelope.ts";
import type { FlowSecrets } from "./flow-record.ts";
import { mapProfile } from "./profile.ts";
import { responseType as rt } from "./response-types.ts";
import {
  type ByStatusThenShape,
  byStatusThenShape,
  type MapContext,
  otpRejected,
  otpSent,
  type Transition,
  toStep,
  validationRejected,
} from "./transition.ts";

/*
 * Mappings that more than one rail uses unchanged. Each rail module still
 * names, per Eko call, which mapping applies, so a rail's table reads in one
 * place; only identical bodies live here.
 */

/** 309: the verified profile (§12), with the Levin identity when there is one. */
export function verifiedProfile(
  answer: EkoAnswer,
  ctx: MapContext,
  identity: Identity | null = null,
  secrets: FlowSecrets = ctx.secrets,
): Transition {
  return toStep(
    ctx,
    { kind: "profile", profile: mapProfile(answer.data, ctx.mobile), identity },
    secrets,
  );
}

/** Onboard / resend calls whose only success is 2129 with a fresh mobile OTP. */
export function mapMobileOtpIssued(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.otpSent:
      return otpSent(answer, ctx, "mobile");
    case rt.validationError:
      return validationRejected(answer);
    default:
      return byStatusThenShape(answer, ctx, { otp_sent: () => otpSent(answer, ctx, "mobile") });
  }
}

/** Get Customer / Sender: 2129 OTP sent, 308 not enrolled, or straight to the profile (309). */
export function mapLookupWithProfile(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.otpSent:
      return otpSent(answer, ctx, "mobile");
    case rt.notEnrolled:
      return toStep(ctx, { kind: "onboard" });
    case rt.verified:
      return verifiedProfile(answer, ctx);
    case rt.validationError:
      return validationRejected(answer);
    default:
      return byStatusThenShape(answer, ctx, { otp_sent: () => otpSent(answer, ctx, "mobile") });
  }
}

/**
 * Verify mobile OTP on a rail where the console stops at the first KYC step:
 * 309 → profile; 2136 / 2147 → a "what to do next" card.
 */
export function mapVerifyStoppingAtKyc(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.verified:
      return verifiedProfile(answer, ctx);
    case rt.aadhaarPending:
      return toStep(ctx, { kind: "next_step", reason: "aadhaar_pending" });
    case rt.panRequired:
      return toStep(ctx, { kind: "next_step", reason: "pan_pending" });
    default:
      return otpCheckNotPassed(answer, ctx);
  }
}

/**
 * Aadhaar number → Aadhaar OTP (DigiKhata B.7, Levin C.5): 2129 the OTP went to
 * the Aadhaar-linked phone; 2138 "Adhar Validation Failed" → `rejected`, the
 * rail's own Aadhaar step marked rejected; -1 refused the input; anything else
 * by status, then shape — `more` adds the readings only that rail can meet.
 */
export function aadhaarOtpIssued(
  answer: EkoAnswer,
  ctx: MapContext,
  rejected: Step,
  more: ByStatusThenShape = {},
): Transition {
  switch (answer.responseTypeId) {
    case rt.otpSent:
      return otpSent(answer, ctx, "aadhaar");
    case rt.invalidOtpOrAadhaar:
      return toStep(ctx, rejected);
    case rt.validationError:
      return validationRejected(answer);
    default:
      return byStatusThenShape(answer, ctx, {
        otp_sent: () => otpSent(answer, ctx, "aadhaar"),
        ...more,
      });
  }
}

/** Any OTP verification: a wrong or expired OTP recognised by status or shape. */
export function otpCheckFailures(answer: EkoAnswer, ctx: MapContext): ByStatusThenShape {
  const rejected = () => otpRejected(answer, ctx);
  return { wrong_otp: rejected, otp_expired: rejected };
}

/**
 * What every OTP verification does with an answer that is not one of its
 * successes: 2131 / 2138 rejected the OTP, -1 refused the input, and anything
 * else goes by status, then shape (response-types.ts) — `more` adds the
 * readings only that call can meet.
 */
export function otpCheckNotPassed(
  answer: EkoAnswer,
  ctx: MapContext,
  more: ByStatusThenShape = {},
): Transition {
  switch (answer.responseTypeId) {
    case rt.otpFailed:
    case rt.invalidOtpOrAadhaar: // "Invalid OTP" on Levin sender verify (§7.5)
      return otpRejected(answer, ctx);
    case rt.validationError:
      return validationRejected(answer);
    default:
      return byStatusThenShape(answer, ctx, { ...otpCheckFailures(answer, ctx), ...more });
  }
}
