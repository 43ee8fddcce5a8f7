import type { LimitScope } from "../contract/errors.ts";
import type { Step } from "../contract/flow-view.ts";
import type { OtpLimits } from "../env.ts";
import { rateLimited } from "../http/rate-limits.ts";
import { countRateLimitRefusal } from "../metrics/scope.ts";
import type { RateLimit, RateLimiter, Reservation as Slot } from "../store/rate-limiter.ts";

/**
 * The flows' abuse limits, shared by every instance on one store. Eko
 * documents none of its own OTP send limits (eko-api.md §15.11); these keep
 * one counter (or one leaked account) from texting a customer all day or
 * guessing OTPs. Each flow step names which of them applies (`StepLimits`).
 * The numbers are configuration (`OTP_SENDS_PER_MOBILE` … in env.ts).
 */
export type OtpPolicies = {
  /** OTPs sent to one customer mobile (first send and resends, mobile and Aadhaar OTPs). */
  otpSendsPerMobile: RateLimit;
  /** OTPs one agent triggers across all customers. */
  otpSendsPerAgent: RateLimit;
  /** Wrong OTPs entered for one customer mobile. */
  otpVerifyFailuresPerMobile: RateLimit;
};

export function otpPolicies(limits: OtpLimits): OtpPolicies {
  return {
    otpSendsPerMobile: { limit: limits.sendsPerMobile, windowSeconds: limits.sendWindowSeconds },
    otpSendsPerAgent: { limit: limits.sendsPerAgent, windowSeconds: limits.sendWindowSeconds },
    otpVerifyFailuresPerMobile: {
      limit: limits.wrongPerMobile,
      windowSeconds: limits.wrongWindowSeconds,
    },
  };
}

export const otpLimitKeys = {
  otpSendMobile: (mobile: string) => `otp-send:mobile:${mobile}`,
  otpSendAgent: (agentId: string) => `otp-send:agent:${agentId}`,
  otpVerifyMobile: (mobile: string) => `otp-verify:mobile:${mobile}`,
};

/**
 * Which limit a step is under. Every limited step takes its slot *before* the
 * Eko call (reserve, then act), so a burst gets exactly the limit's worth:
 * - `send`: the call makes Eko send an OTP (onboard, resend);
 * - `lookup`: Get Customer / Sender, which sends one only to an enrolled
 *   customer — the slot is given back when the answer shows none went out,
 *   so registering a new customer does not use up the agent's allowance;
 * - `verify`: checks an OTP — the slot is kept only by a wrong one (or one
 *   whose check is in doubt).
 */
export type StepLimits = "send" | "lookup" | "verify" | "none";

export type LimitSubject = { mobile: string; agentId: string };

/**
 * What the step's Eko exchange led to, as far as the limits care: the step it
 * saved, or a refusal — with `nothingDone` when the refusal itself proves Eko
 * acted on nothing (connection refused or circuit open; a -1 validation error).
 */
export type LimitOutcome = { saved: Step } | { refused: true; nothingDone: boolean };

/** The slots a step holds while its Eko call runs. */
export type StepReservation = {
  /** Keeps the slots, or gives back those the outcome proves unused. Once. */
  settle(outcome: LimitOutcome): Promise<void>;
};

const NOTHING_HELD: StepReservation = { settle: async () => {} };

/** Whether the slots are given back: only where the outcome proves no OTP went out / none was guessed. */
function proven(limits: StepLimits, outcome: LimitOutcome): boolean {
  if ("refused" in outcome) return outcome.nothingDone;
  const step = outcome.saved;
  if (limits === "lookup") return step.kind !== "otp" && step.kind !== "status_unknown";
  if (limits === "verify") {
    // A wrong OTP, a lockout, or a check in doubt keep the slot: they are (maybe) guesses.
    const wrong = step.kind === "otp" && step.lastAttempt === "wrong";
    return !wrong && step.kind !== "locked" && step.kind !== "status_unknown";
  }
  // An onboarding or resend that Eko answered: an OTP may have gone out.
  return false;
}

export function createAbuseLimits(limiter: RateLimiter, limits: OtpLimits) {
  const policies = otpPolicies(limits);
  type Take = {
    key: string;
    policy: RateLimit;
    name: keyof OtpPolicies;
    scope: LimitScope;
    message: string;
  };
  const takesFor = (stepLimits: StepLimits, { mobile, agentId }: LimitSubject): Take[] => {
    if (stepLimits === "send" || stepLimits === "lookup") {
      return [
        {
          key: otpLimitKeys.otpSendAgent(agentId),
          policy: policies.otpSendsPerAgent,
          name: "otpSendsPerAgent",
          scope: "agent",
          message: "Too many OTPs sent by this agent",
        },
        {
          key: otpLimitKeys.otpSendMobile(mobile),
          policy: policies.otpSendsPerMobile,
          name: "otpSendsPerMobile",
          scope: "customer_mobile",
          message: "Too many OTPs sent to this mobile",
        },
      ];
    }
    if (stepLimits === "verify") {
      return [
        {
          key: otpLimitKeys.otpVerifyMobile(mobile),
          policy: policies.otpVerifyFailuresPerMobile,
          name: "otpVerifyFailuresPerMobile",
          scope: "customer_mobile",
          message: "Too many wrong OTPs for this mobile",
        },
      ];
    }
    return [];
  };

  /** The per-mobile limits a new flow for this mobile would run into: sends, then wrong OTPs. */
  const mobileLimits = (mobile: string): Take[] => [
    ...takesFor("send", { mobile, agentId: "" }).filter((take) => take.scope === "customer_mobile"),
    ...takesFor("verify", { mobile, agentId: "" }),
  ];

  return {
    policies,
    /**
     * Before a new flow's look-up, which texts an enrolled customer an OTP:
     * refuses a mobile the console has locked — its wrong-OTP count or its
     * OTP sends used up — with the longest wait, since the customer can use
     * no OTP until both have cleared. Peeks only: the look-up's own
     * `reserve` still takes (and decides) the send slot, so this takes
     * nothing from a burst and cannot let one through.
     */
    async refuseIfMobileLimited(mobile: string): Promise<void> {
      const checks = await Promise.all(
        mobileLimits(mobile).map(async (take) => ({
          take,
          slot: await limiter.peek(take.key, take.policy),
        })),
      );
      const refused = checks
        .filter(({ slot }) => !slot.allowed)
        .sort((a, b) => b.slot.retryAfterSeconds - a.slot.retryAfterSeconds)[0];
      if (!refused) return;
      countRateLimitRefusal(refused.take.name);
      throw rateLimited(refused.slot.retryAfterSeconds, refused.take.scope, refused.take.message);
    },
    /**
     * Before the Eko call: takes every slot the step needs, all or none, in
     * one transaction (`reserveAll`). If one is refused, none stays taken
     * (nothing was sent) and the 429 `rate_limited` ApiProblem is thrown,
     * naming the limit's scope.
     */
    async reserve(stepLimits: StepLimits, subject: LimitSubject): Promise<StepReservation> {
      const takes = takesFor(stepLimits, subject);
      if (takes.length === 0) return NOTHING_HELD;
      const taken = await limiter.reserveAll(
        takes.map((take) => ({ key: take.key, limit: take.policy })),
      );
      if (!taken.allowed) {
        const refused = takes[taken.refused] as Take;
        countRateLimitRefusal(refused.name);
        throw rateLimited(taken.retryAfterSeconds, refused.scope, refused.message);
      }
      const held: Slot[] = taken.slots;
      let settled = false;
      return {
        async settle(outcome) {
          if (settled) return;
          settled = true;
          if (proven(stepLimits, outcome)) await Promise.all(held.map((slot) => slot.release()));
        },
      };
    },
  };
}
export type AbuseLimits = ReturnType<typeof createAbuseLimits>;
