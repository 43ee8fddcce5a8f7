import { createHash } from "node:crypto";
import type { ConsentLanguage, Step } from "../contract/flow-view.ts";
import type { EkoAnswer } from "../eko/envelope.ts";
import { textOf } from "../eko/envelope.ts";
import {
  type FollowUp,
  onboardParams,
  otpParams,
  type RailModule,
  type StepCall,
} from "./rail-module.ts";
import { responseType as rt } from "./response-types.ts";
import {
  aadhaarOtpIssued,
  mapLookupWithProfile,
  mapMobileOtpIssued,
  otpCheckNotPassed,
  verifiedProfile,
} from "./shared-mappings.ts";
import {
  type MapContext,
  type Transition,
  toStep,
  unknownState,
  validationRejected,
} from "./transition.ts";

/**
 * Flow B, PPI DigiKhata sender (eko-api.md §9 B.0b), through the Aadhaar KYC:
 * consent (B.5, B.6), Aadhaar OTP (B.7, B.8) and PAN (B.9). The rail's one
 * module: first the pure mappings (Eko's answer → the next step), then the
 * rail module that pairs each console step's Eko call with its mapping.
 */

/** Where 2136 leads: the consent step, before the languages are known (B.5 follows). */
export const consentPending: Step = { kind: "consent", languages: [], text: null };

/** DigiKhata's Aadhaar step comes after the consent step, so it asks for the number only. */
function aadhaarStep(rejected: boolean): Step {
  return { kind: "aadhaar", consentVersion: "digikhata-b6", rejected, consentGiven: true };
}

/** B.1 Get Sender Information. */
export const mapDigikhataLookup = mapLookupWithProfile;

/** B.2 Onboard Sender: 300 means the wallet already exists → Get Sender again (which sends the OTP). */
export function mapDigikhataOnboard(answer: EkoAnswer, ctx: MapContext): Transition {
  if (answer.responseTypeId === rt.walletExists) return { kind: "requery" };
  return mapMobileOtpIssued(answer, ctx);
}

/** B.3 Generate Sender OTP (resend). */
export const mapDigikhataResend = mapMobileOtpIssued;

/** B.4 Verify Sender OTP: 309 profile, 2136 → consent (B.5), 2147 → PAN (B.9). */
export function mapDigikhataVerify(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.verified:
      return verifiedProfile(answer, ctx);
    case rt.aadhaarPending:
      return toStep(ctx, consentPending);
    case rt.panRequired:
      return toStep(ctx, { kind: "pan", identity: null, rejected: false });
    default:
      return otpCheckNotPassed(answer, ctx);
  }
}

function languagesOf(data: Record<string, unknown>): ConsentLanguage[] {
  const list = Array.isArray(data.consent_language_list) ? data.consent_language_list : [];
  return list.flatMap((entry) => {
    const item =
      typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : {};
    const id = textOf(item, "pkid");
    const name = textOf(item, "consentLanguage");
    return id && name ? [{ id, name }] : [];
  });
}

/** B.5 Get Consent Languages (2444). */
export function mapDigikhataConsentLanguages(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.consentLanguages: {
      const languages = languagesOf(answer.data);
      if (languages.length === 0) return unknownState(answer, ctx);
      const text = ctx.step.kind === "consent" ? ctx.step.text : null;
      return toStep(ctx, { kind: "consent", languages, text });
    }
    case rt.validationError:
      return validationRejected(answer);
    default:
      return unknownState(answer, ctx);
  }
}

/** The digest the accept request must name: the exact text the agent had on screen. */
export function consentDigest(content: string, statement: string): string {
  return createHash("sha256").update(`${content}\n${statement}`).digest("hex");
}

/** B.6 Get Consent Details (2446): the text, and an audio URL our server streams. */
export function mapDigikhataConsentDetails(answer: EkoAnswer, ctx: MapContext): Transition {
  const languages = ctx.step.kind === "consent" ? ctx.step.languages : [];
  switch (answer.responseTypeId) {
    case rt.consentDetails: {
      const raw = answer.data.consent_detail;
      const detail =
        typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
      const content = textOf(detail, "consentContent");
      const consentId = textOf(detail, "consentId");
      if (!content || !consentId) return unknownState(answer, ctx);
      const statement = textOf(detail, "consent") ?? "";
      const language = textOf(detail, "consentLanguage") ?? "";
      const audioUrl = textOf(detail, "audioUrl");
      const languageId = languages.find((entry) => entry.name === language)?.id ?? "";
      const { consentAudioUrl: _old, ...secrets } = ctx.secrets;
      return toStep(
        ctx,
        {
          kind: "consent",
          languages,
          text: {
            languageId,
            language,
            content,
            statement,
            textSha256: consentDigest(content, statement),
            audio: Boolean(audioUrl),
          },
        },
        { ...secrets, ...(audioUrl ? { consentAudioUrl: audioUrl } : {}), consentEkoId: consentId },
      );
    }
    case rt.validationError:
      return validationRejected(answer);
    default:
      return unknownState(answer, ctx);
  }
}

/**
 * B.7 Generate Sender Aadhaar OTP: as Levin's C.5 (aadhaarOtpIssued), and 2147 —
 * Eko already holds this sender's Aadhaar KYC — goes straight to PAN (B.9).
 */
export function mapDigikhataAadhaar(answer: EkoAnswer, ctx: MapContext): Transition {
  if (answer.responseTypeId === rt.panRequired) {
    return toStep(ctx, { kind: "pan", identity: null, rejected: false });
  }
  return aadhaarOtpIssued(answer, ctx, aadhaarStep(true));
}

/** B.8 Validate Sender Aadhaar OTP: 2147 → PAN (B.9); a 309 would end here. */
export function mapDigikhataAadhaarVerify(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.panRequired:
      return toStep(ctx, { kind: "pan", identity: null, rejected: false });
    case rt.verified:
      return verifiedProfile(answer, ctx);
    case rt.registrationComplete:
      return toStep(ctx, { kind: "next_step", reason: "registration_complete" });
    default:
      return otpCheckNotPassed(answer, ctx);
  }
}

/** B.9 Validate Sender PAN: the 309 full-KYC profile. */
export function mapDigikhataPan(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.verified:
      return verifiedProfile(answer, ctx);
    case rt.registrationComplete:
      return toStep(ctx, { kind: "next_step", reason: "registration_complete" });
    case rt.aadhaarPending:
      return toStep(ctx, consentPending);
    case rt.invalidOtpOrAadhaar:
      return toStep(ctx, { kind: "pan", identity: null, rejected: true });
    case rt.validationError:
      return validationRejected(answer);
    default:
      return unknownState(answer, ctx);
  }
}

/** After the re-ask of a DigiKhata Aadhaar OTP resend: the number again, consent already given. */
export const aadhaarAgain: Step = aadhaarStep(false);

// ── The rail module: each console step's Eko call (its paths in eko/calls.ts), the
// request built from the input and the flow's sealed secrets, and the mapping above
// that reads the answer. The flow engine (step-pipeline.ts) runs them; nothing here
// touches the store.

/** B.5 and B.6 take `org_id` (documented default "1"). */
const ORG_ID = "1";

// B.1 — a read, but Eko sends an existing sender an OTP as a side effect.
const lookup: StepCall<void> = {
  call: ({ eko, context }) => eko.call("digikhataGet", context),
  map: mapDigikhataLookup,
};
// B.5 — the languages the consent text exists in.
const consentLanguages: StepCall<void> = {
  call: ({ eko, context }) => eko.call("digikhataConsentLanguages", context, { org_id: ORG_ID }),
  map: mapDigikhataConsentLanguages,
};

/**
 * DigiKhata's quirks, as follow-up calls: 300 "wallet exists" on onboarding
 * means Get Sender (a read) sends the OTP — if that read times out the
 * onboarding is done but no OTP state is known, so a re-check settles it;
 * 2136 on verify means the consent step, whose language list (B.5) is fetched
 * at once — if that fails, the consent step offers a retry.
 */
function followUp(transition: Transition): FollowUp | null {
  if (transition.kind === "requery") {
    return { outcome: "wallet_exists", step: lookup, unknownAs: "onboard", fallback: null };
  }
  if (
    transition.kind === "step" &&
    transition.step.kind === "consent" &&
    transition.step.languages.length === 0
  ) {
    return {
      outcome: "aadhaar_pending",
      step: consentLanguages,
      unknownAs: null,
      fallback: consentPending,
    };
  }
  return null;
}

/**
 * §9 Flow B, through the Aadhaar KYC (B.5–B.9). Master paths throughout;
 * `service_code` 80 comes from eko/calls.ts. The full Aadhaar number is only
 * the input of B.7: it is never part of the flow's secrets.
 */
export const digikhataRail: RailModule = {
  rail: "digikhata",
  consent: "own-step",
  lookup,
  onboard: {
    call: ({ eko, context }, input) => eko.call("digikhataOnboard", context, onboardParams(input)),
    map: mapDigikhataOnboard,
  }, // B.2
  resendOtp: {
    mobile: {
      call: ({ eko, context }) => eko.call("digikhataResendOtp", context),
      map: mapDigikhataResend,
    }, // B.3
    // Eko documents no Aadhaar-OTP resend for DigiKhata, and the console keeps
    // no Aadhaar number: a new OTP means asking for the number again (B.7).
    aadhaar: { reask: aadhaarAgain },
  },
  verifyOtp: {
    // B.4 — `intent_id` "19" is required by [LEGACY] and harmless on the master path.
    mobile: {
      call: ({ eko, context, secrets }, otp) =>
        eko.call("digikhataVerifyOtp", context, otpParams(otp, secrets, "19")),
      map: mapDigikhataVerify,
    },
    // B.8 — [LEGACY]'s shared verify path tells the Aadhaar OTP by intent "20".
    aadhaar: {
      call: ({ eko, context, secrets }, otp) =>
        eko.call("digikhataVerifyAadhaarOtp", context, otpParams(otp, secrets, "20")),
      map: mapDigikhataAadhaarVerify,
    },
  },
  consentLanguages,
  consentDetails: {
    call: ({ eko, context }, languageId) =>
      eko.call("digikhataConsentDetails", context, {
        org_id: ORG_ID,
        consent_language: languageId,
      }),
    map: mapDigikhataConsentDetails,
  }, // B.6
  aadhaar: {
    // Eko spells the field `aadhar`.
    call: ({ eko, context }, aadhaar) =>
      eko.call("digikhataAadhaarOtp", context, { aadhar: aadhaar }),
    map: mapDigikhataAadhaar,
  }, // B.7
  pan: {
    call: ({ eko, context }, pan) => eko.call("digikhataPan", context, { pan_number: pan }),
    map: mapDigikhataPan,
  }, // B.9
  followUp,
};
