import type { OtpPurpose, Step } from "../contract/flow-view.ts";
import { maskMobile } from "../contract/mobile.ts";
import type { EkoAnswer } from "../eko/envelope.ts";
import { numberOf, otpRefIdOf, textOf } from "../eko/envelope.ts";
import type { Env } from "../env.ts";
import { ApiProblem } from "../http/problem.ts";
import type { FlowSecrets } from "./flow-record.ts";
import { type Recognised, recogniseByStatusThenShape, statusCode } from "./response-types.ts";

/** What a mapping function knows besides Eko's answer. Pure data: no clock, no I/O. */
export type MapContext = {
  now: Date;
  policy: Env["otpPolicy"];
  mobile: string;
  /** The step the flow was on when the call was made. */
  step: Step;
  secrets: FlowSecrets;
};

export type Transition =
  | { kind: "step"; step: Step; secrets: FlowSecrets }
  /** The answer is not a new state but a refusal of the input (Eko -1): the step stays. */
  | { kind: "problem"; problem: ApiProblem }
  /** DigiKhata 300 "wallet exists": ask Eko again with Get Sender (§9 B.2). */
  | { kind: "requery" };

/** Secrets that only mean something while an OTP is pending. */
function withoutOtp(secrets: FlowSecrets): FlowSecrets {
  const { otpRefId: _ref, otpIntent: _intent, ...rest } = secrets;
  return rest;
}

export function toStep(
  ctx: MapContext,
  step: Step,
  secrets: FlowSecrets = ctx.secrets,
): Transition {
  return { kind: "step", step, secrets: step.kind === "otp" ? secrets : withoutOtp(secrets) };
}

const OTP_LENGTH = 6;
const INTENT = { mobile: "19", aadhaar: "20" } as const;

/**
 * The published C.5 sample's `mobile_hint` ("******3210"): shown only if it
 * really is masked (at most the last four digits), in the console's own mask.
 */
function maskedHint(data: Record<string, unknown>): string | null {
  const hint = textOf(data, "mobile_hint")?.trim() ?? "";
  const match = /^[*xX•]{4,12}(\d{2,4})$/.exec(hint);
  return match ? `••••••${match[1]}` : null;
}

/** 2129 (or a published "sent" shape): a fresh OTP; the console's timers start now (Eko publishes none, §15.11). */
export function otpSent(answer: EkoAnswer, ctx: MapContext, purpose: OtpPurpose): Transition {
  const otpRefId = otpRefIdOf(answer.data);
  if (!otpRefId) {
    return {
      kind: "problem",
      problem: new ApiProblem(
        "upstream_bad_response",
        "Eko said an OTP was sent but gave no otp_ref_id",
      ),
    };
  }
  const at = (seconds: number) => new Date(ctx.now.getTime() + seconds * 1000).toISOString();
  return toStep(
    ctx,
    {
      kind: "otp",
      purpose,
      // The Aadhaar OTP goes to the phone registered with UIDAI, whose digits the console never learns.
      // Unless Eko names it masked (mobile_hint, published C.5 sample).
      sentTo: purpose === "mobile" ? maskMobile(ctx.mobile) : maskedHint(answer.data),
      otpLength: OTP_LENGTH,
      expiresAt: at(ctx.policy.ttlSeconds),
      resendAvailableAt: at(ctx.policy.resendSeconds),
      attemptsLeft: ctx.policy.maxAttempts,
      lastAttempt: null,
    },
    { ...ctx.secrets, otpRefId, otpIntent: INTENT[purpose] },
  );
}

function lockedUntil(answer: EkoAnswer, now: Date): Date | null {
  const until = textOf(answer.data, "locked_until");
  const parsed = until ? new Date(until) : null;
  if (parsed && !Number.isNaN(parsed.getTime())) return parsed;
  const retryAfter = numberOf(answer.data, "retry_after_seconds");
  return retryAfter === null ? null : new Date(now.getTime() + retryAfter * 1000);
}

/**
 * A failed OTP verification (2131 / 2138 / `verified: false`): locked, expired
 * or wrong. Eko documents no attempt limit (§7.5): `attempts_remaining` wins
 * when present, else the console counts down its own policy.
 */
export function otpRejected(answer: EkoAnswer, ctx: MapContext): Transition {
  if (ctx.step.kind !== "otp") return unknownState(answer, ctx);
  const until = lockedUntil(answer, ctx.now);
  if (until) {
    return toStep(ctx, { kind: "locked", purpose: ctx.step.purpose, until: until.toISOString() });
  }
  const description = textOf(answer.data, "description") ?? "";
  const expired = answer.responseStatusId === statusCode.otpExpired || /expire/i.test(description);
  const counted = Math.max(0, ctx.step.attemptsLeft - (expired ? 0 : 1));
  const attemptsLeft = numberOf(answer.data, "attempts_remaining") ?? counted;
  return toStep(ctx, {
    ...ctx.step,
    attemptsLeft: Math.max(0, Math.trunc(attemptsLeft)),
    lastAttempt: expired ? "expired" : "wrong",
  });
}

/** Eko's field names → the console form's (contract/flow-requests.ts). */
const FORM_FIELDS: Record<string, string> = {
  name: "name",
  dob: "dob",
  residence_address: "address",
  otp: "otp",
  otp_ref_id: "otp",
  aadhar: "aadhaar",
  aadhaar: "aadhaar",
  pan_number: "pan",
  customer_id: "mobile",
};

/** -1 (§6.4): Eko refused the input; field reasons go where the form shows them. */
export function validationRejected(answer: EkoAnswer): Transition {
  const fields = Object.fromEntries(
    Object.entries(answer.invalidParams).map(([field, reason]) => [
      FORM_FIELDS[field] ?? field,
      reason,
    ]),
  );
  const retryAfter = numberOf(answer.data, "retry_after_seconds");
  return {
    kind: "problem",
    problem: new ApiProblem("validation_failed", answer.message || "Eko rejected the request", {
      ekoResponseTypeId: answer.responseTypeId,
      ...(Object.keys(fields).length > 0 ? { fields } : {}),
      ...(retryAfter !== null ? { retryAfterSeconds: Math.ceil(retryAfter) } : {}),
    }),
  };
}

/** What a call does with each kind of answer it can meet by status or shape (response-types.ts). */
export type ByStatusThenShape = Partial<Record<Recognised, () => Transition>>;

/**
 * Steps 2–4 of the recognition order (response-types.ts): after a call's own
 * codes, the first status / shape reading this call handles; else unknown state.
 */
export function byStatusThenShape(
  answer: EkoAnswer,
  ctx: MapContext,
  handlers: ByStatusThenShape,
): Transition {
  for (const recognised of recogniseByStatusThenShape(answer)) {
    const handle = handlers[recognised];
    if (handle) return handle();
  }
  return unknownState(answer, ctx);
}

/** Anything without a mapping: show Eko's code and message, offer a re-check. */
export function unknownState(answer: EkoAnswer, ctx: MapContext): Transition {
  return toStep(ctx, {
    kind: "failed",
    reason: "unknown_state",
    ekoResponseTypeId: answer.responseTypeId,
    ekoMessage: answer.message || null,
  });
}
