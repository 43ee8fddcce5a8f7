import type { EkoAnswer } from "../eko/envelope.ts";
import { responseType as rt } from "./response-types.ts";
import {
  mapLookupWithProfile,
  mapMobileOtpIssued,
  mapVerifyStoppingAtKyc,
} from "./shared-mappings.ts";
import type { MapContext, Transition } from "./transition.ts";

/**
 * Flow B, PPI DigiKhata sender (eko-api.md §9 B.0b). The console stops at
 * the first KYC step (2136 / 2147): Aadhaar and PAN for DigiKhata are out of
 * its scope.
 */

/** B.1 Get Sender Information. */
export const mapDigikhataLookup = mapLookupWithProfile;

/** B.2 Onboard Sender: 300 means the wallet already exists → Get Sender again (which sends the OTP). */
export function mapDigikhataOnboard(answer: EkoAnswer, ctx: MapContext): Transition {
  if (answer.responseTypeId === rt.walletExists) return { kind: "requery" };
  return mapMobileOtpIssued(answer, ctx);
}

/** B.3 Generate Sender OTP (resend). */
export const mapDigikhataResend = mapMobileOtpIssued;

/** B.4 Verify Sender OTP. */
export const mapDigikhataVerify = mapVerifyStoppingAtKyc;
