import type { Step } from "../contract/flow-view.ts";
import type { EkoAnswer } from "../eko/envelope.ts";
import { textOf } from "../eko/envelope.ts";
import { AADHAAR_CONSENT_VERSION } from "./consent.ts";
import type { FlowSecrets } from "./flow-record.ts";
import { mapIdentity } from "./profile.ts";
import {
  type CallIo,
  onboardParams,
  otpParams,
  type RailModule,
  requireSecret,
} from "./rail-module.ts";
import { responseType as rt } from "./response-types.ts";
import {
  aadhaarOtpIssued,
  mapMobileOtpIssued,
  otpCheckNotPassed,
  verifiedProfile,
} from "./shared-mappings.ts";
import {
  byStatusThenShape,
  type MapContext,
  otpRejected,
  otpSent,
  type Transition,
  toStep,
  unknownState,
  validationRejected,
} from "./transition.ts";

/**
 * Flow C, PPI Levin sender (eko-api.md §10 C.0b), the rail's one module: first
 * the pure mappings (Eko's answer → the next step), then the rail module that
 * pairs each console step's Eko call with its mapping.
 */

/** C.4 hands out the wallet pair C.5–C.7 need; empty values never overwrite known ones. */
function keepWallet(secrets: FlowSecrets, data: Record<string, unknown>): FlowSecrets {
  return {
    ...secrets,
    walletToken: textOf(data, "wallet_token") ?? secrets.walletToken,
    walletId: textOf(data, "wallet_id") ?? secrets.walletId,
  };
}

/** The Aadhaar + consent step (C.5 next); `rejected` after Eko's 2138 on C.5. */
function aadhaarStep(rejected: boolean): Step {
  return { kind: "aadhaar", consentVersion: AADHAAR_CONSENT_VERSION, rejected };
}

/**
 * 463 on C.5–C.7 (published samples): the wallet token is invalid or expired.
 * Not a dead end: the agent is told so and sends a new mobile OTP (re-check →
 * C.1), whose C.4 hands out a fresh token and returns the flow to where Eko
 * says it stands (the Aadhaar step for a sender mid-KYC). The stale pair is dropped.
 */
function walletRenew(ctx: MapContext): Transition {
  const { walletToken: _token, walletId: _id, ...rest } = ctx.secrets;
  return toStep(ctx, { kind: "wallet_renew" }, rest);
}

/** C.1 Get Sender Information. */
export function mapLevinLookup(answer: EkoAnswer, ctx: MapContext): Transition {
  switch (answer.responseTypeId) {
    case rt.otpSent:
      return otpSent(answer, ctx, "mobile");
    case rt.notEnrolled:
      return toStep(ctx, { kind: "onboard" });
    case rt.validationError:
      return validationRejected(answer);
    default:
      return byStatusThenShape(answer, ctx, { otp_sent: () => otpSent(answer, ctx, "mobile") });
  }
}

/** C.2 Onboard Sender, C.3 Generate Sender OTP (resend): 2129 with a fresh otp_ref_id. */
export const mapLevinOtpIssued = mapMobileOtpIssued;

/** C.4 Verify Sender OTP. The sandbox sends wallet_token/wallet_id even with 2136 (§15.13 gap). */
export function mapLevinVerify(answer: EkoAnswer, ctx: MapContext): Transition {
  const secrets = keepWallet(ctx.secrets, answer.data);
  switch (answer.responseTypeId) {
    case rt.verified:
      return verifiedProfile(answer, ctx, null, secrets);
    case rt.aadhaarPending:
      return toStep(ctx, aadhaarStep(false), secrets);
    case rt.panRequired:
      return toStep(ctx, { kind: "pan", identity: null, rejected: false }, secrets);
    case rt.registrationComplete:
      return toStep(ctx, { kind: "next_step", reason: "registration_complete" }, secrets);
    default:
      return otpCheckNotPassed(answer, ctx);
  }
}

/**
 * C.5 Validate Aadhaar: as DigiKhata's B.7 (aadhaarOtpIssued: 2129 sent, 2138
 * "Adhar Validation Failed"), plus the published 1388 samples' 463 → wallet renew.
 */
export function mapLevinAadhaar(answer: EkoAnswer, ctx: MapContext): Transition {
  return aadhaarOtpIssued(answer, ctx, aadhaarStep(true), {
    wallet_token_invalid: () => walletRenew(ctx),
  });
}

/**
 * C.6 Validate Aadhaar OTP, in both shapes (§10 C.6 decision): with identity
 * fields (the product spec) or the legacy 2147 / 2132 without them.
 */
export function mapLevinAadhaarVerify(answer: EkoAnswer, ctx: MapContext): Transition {
  const identity = mapIdentity(answer.data, ctx.secrets.aadhaarLast4 ?? null);
  const secrets = keepWallet(ctx.secrets, answer.data);
  // A known code that says "verified" with `verified: false` beside it: the flag wins.
  if (answer.data.verified === false) return otpRejected(answer, ctx);
  switch (answer.responseTypeId) {
    case rt.panRequired:
      return toStep(ctx, { kind: "pan", identity, rejected: false }, secrets);
    case rt.registrationComplete:
      return toStep(
        ctx,
        identity
          ? { kind: "identity", identity }
          : { kind: "next_step", reason: "registration_complete" },
        secrets,
      );
    case rt.verified:
      return verifiedProfile(answer, ctx, identity, secrets);
    case rt.aadhaarPending:
      return toStep(ctx, aadhaarStep(false), secrets);
    default:
      // Published samples: 1388 "verified" with the identity, 302 wrong OTP, 463.
      return otpCheckNotPassed(answer, ctx, {
        wallet_token_invalid: () => walletRenew(ctx),
        identity_verified: () =>
          identity
            ? toStep(ctx, { kind: "identity", identity }, secrets)
            : unknownState(answer, ctx),
      });
  }
}

/**
 * Levin's Aadhaar-OTP "resend": the console keeps no Aadhaar number, so it
 * asks for it again (with its consent, which goes with every C.5).
 */
export const levinAadhaarAgain: Step = aadhaarStep(false);

/** C.7 Validate PAN: 309 profile ([EPS]) or 2132 registration complete ([LEGACY]). */
export function mapLevinPan(answer: EkoAnswer, ctx: MapContext): Transition {
  const identity = ctx.step.kind === "pan" ? ctx.step.identity : null;
  switch (answer.responseTypeId) {
    case rt.verified:
      return verifiedProfile(answer, ctx, identity);
    case rt.registrationComplete:
      return toStep(ctx, { kind: "next_step", reason: "registration_complete" });
    case rt.aadhaarPending:
      return toStep(ctx, aadhaarStep(false));
    case rt.invalidOtpOrAadhaar:
      return toStep(ctx, { kind: "pan", identity, rejected: true });
    case rt.validationError:
      return validationRejected(answer);
    default:
      return byStatusThenShape(answer, ctx, { wallet_token_invalid: () => walletRenew(ctx) });
  }
}

// ── The rail module: each console step's Eko call (its paths in eko/calls.ts), the
// request built from the input and the flow's sealed secrets, and the mapping above
// that reads the answer. The flow engine (step-pipeline.ts) runs them; nothing here
// touches the store.

/**
 * Levin's quirk: C.5–C.7 need the wallet pair C.4 handed out. The token is
 * required; `wallet_id` is "" in every real sample (§15.13), so an empty one
 * is what Eko gave and goes back as such.
 */
function wallet(secrets: FlowSecrets) {
  return { wallet_token: requireSecret(secrets, "walletToken"), wallet_id: secrets.walletId ?? "" };
}

/** C.5 — issues the Aadhaar OTP. Eko spells the field `aadhar`. */
function validateAadhaar({ eko, context, secrets }: CallIo, aadhaar: string) {
  return eko.call("levinAadhaar", context, { aadhar: aadhaar, ...wallet(secrets) });
}

/** §10 Flow C, with the Aadhaar KYC (C.5–C.7); consent is taken on the Aadhaar screen. */
export const levinRail: RailModule = {
  rail: "levin",
  consent: "with-aadhaar",
  // C.1 — a read, but Eko sends an existing sender an OTP as a side effect.
  lookup: { call: ({ eko, context }) => eko.call("levinGet", context), map: mapLevinLookup },
  onboard: {
    call: ({ eko, context }, input) => eko.call("levinOnboard", context, onboardParams(input)),
    map: mapLevinOtpIssued,
  }, // C.2
  resendOtp: {
    mobile: {
      call: ({ eko, context }) => eko.call("levinResendOtp", context),
      map: mapLevinOtpIssued,
    }, // C.3 (legacy only)
    // No resend endpoint for the Aadhaar OTP: it is re-issued with C.5 (§10 C.0b), which needs
    // the number — and the console keeps none, so the agent enters it again (like DigiKhata).
    aadhaar: { reask: levinAadhaarAgain },
  },
  verifyOtp: {
    mobile: {
      call: ({ eko, context, secrets }, otp) =>
        eko.call("levinVerifyOtp", context, otpParams(otp, secrets, "19")),
      map: mapLevinVerify,
    }, // C.4
    // C.6 — [LEGACY] requires intent_id "20" and the wallet pair; [EPS] lists them optional.
    aadhaar: {
      call: ({ eko, context, secrets }, otp) =>
        eko.call("levinVerifyAadhaarOtp", context, {
          ...otpParams(otp, secrets, "20"),
          ...wallet(secrets),
        }),
      map: mapLevinAadhaarVerify,
    },
  },
  aadhaar: { call: validateAadhaar, map: mapLevinAadhaar },
  pan: {
    call: ({ eko, context, secrets }, pan) =>
      eko.call("levinPan", context, { pan_number: pan, ...wallet(secrets) }),
    map: mapLevinPan,
  }, // C.7
};
