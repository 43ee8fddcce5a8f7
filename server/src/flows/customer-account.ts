import type { EkoAnswer } from "../eko/envelope.ts";
import { mapProfile } from "./profile.ts";
import { responseType as rt } from "./response-types.ts";
import {
  type MapContext,
  otpRejected,
  otpSent,
  type Transition,
  toStep,
  unknownState,
  validationRejected,
} from "./transition.ts";

/**
 * Flow A, customer account (eko-api.md §8 A.0): each Eko answer → the next
 * step. Pure functions; the engine makes the calls.
 */

/** A.1 Get Customer Information. */
export function mapCustomerLookup(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.otpSent:
      return otpSent(answer, ctx, "mobile");
    case rt.notEnrolled:
      return toStep(ctx, { kind: "onboard" });
    case rt.verified:
      return toStep(ctx, {
        kind: "profile",
        profile: mapProfile(answer.data, ctx.mobile),
        identity: null,
      });
    case rt.validationError:
      return validationRejected(answer);
    default:
      return unknownState(answer, ctx);
  }
}

/** A.2 Onboard Customer, A.3 Resend OTP: both answer 2129 with a fresh otp_ref_id. */
export function mapCustomerOtpIssued(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.otpSent:
      return otpSent(answer, ctx, "mobile");
    case rt.validationError:
      return validationRejected(answer);
    default:
      return unknownState(answer, ctx);
  }
}

/**
 * A.4 Verify Customer OTP. 2136 / 2147 have no customer-account endpoint to
 * continue with (§8 A.5 gap), so the console stops and says what is next.
 */
export function mapCustomerVerify(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.verified:
      return toStep(ctx, {
        kind: "profile",
        profile: mapProfile(answer.data, ctx.mobile),
        identity: null,
      });
    case rt.aadhaarPending:
      return toStep(ctx, { kind: "next_step", reason: "aadhaar_pending" });
    case rt.panRequired:
      return toStep(ctx, { kind: "next_step", reason: "pan_pending" });
    case rt.otpFailed:
    case rt.invalidOtpOrAadhaar:
      return otpRejected(answer, ctx);
    case rt.validationError:
      return validationRejected(answer);
    default:
      return unknownState(answer, ctx);
  }
}
