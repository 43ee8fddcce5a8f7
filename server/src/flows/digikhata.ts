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
 * Flow B, PPI DigiKhata sender (eko-api.md §9 B.0b). The console stops at
 * the first KYC step (2136 / 2147): Aadhaar and PAN for DigiKhata are out of
 * its scope.
 */

/** B.1 Get Sender Information. */
export function mapDigikhataLookup(answer: EkoAnswer, ctx: MapContext): Transition {
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

/** B.2 Onboard Sender: 300 means the wallet already exists → Get Sender again (which sends the OTP). */
export function mapDigikhataOnboard(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.otpSent:
      return otpSent(answer, ctx, "mobile");
    case rt.walletExists:
      return { kind: "requery" };
    case rt.validationError:
      return validationRejected(answer);
    default:
      return unknownState(answer, ctx);
  }
}

/** B.3 Generate Sender OTP (resend). */
export function mapDigikhataResend(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.otpSent:
      return otpSent(answer, ctx, "mobile");
    case rt.validationError:
      return validationRejected(answer);
    default:
      return unknownState(answer, ctx);
  }
}

/** B.4 Verify Sender OTP. */
export function mapDigikhataVerify(answer: EkoAnswer, ctx: MapContext): Transition {
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
