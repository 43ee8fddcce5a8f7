import { rateLimited } from "../http/rate-limits.ts";
import { countRateLimitRefusal } from "../metrics/scope.ts";
import type { RateLimit, RateLimiter, RateLimitResult } from "../store/rate-limiter.ts";

/**
 * The flows' abuse limits, shared by every instance on one store. Eko
 * documents none of its own OTP send limits (eko-api.md §15.11); these keep
 * one counter (or one leaked account) from texting a customer all day or
 * guessing OTPs. Each flow step names which of them applies (`StepLimits`).
 */
export const otpPolicies = {
  /** OTPs sent to one customer mobile (first send and resends, mobile and Aadhaar OTPs). */
  otpSendsPerMobile: { limit: 5, windowSeconds: 10 * 60 },
  /** OTPs one agent triggers across all customers. */
  otpSendsPerAgent: { limit: 60, windowSeconds: 10 * 60 },
  /** Wrong OTPs entered for one customer mobile. */
  otpVerifyFailuresPerMobile: { limit: 10, windowSeconds: 30 * 60 },
} as const satisfies Record<string, RateLimit>;

export const otpLimitKeys = {
  otpSendMobile: (mobile: string) => `otp-send:mobile:${mobile}`,
  otpSendAgent: (agentId: string) => `otp-send:agent:${agentId}`,
  otpVerifyMobile: (mobile: string) => `otp-verify:mobile:${mobile}`,
};

/**
 * Which limit a step is under:
 * - `send`: the call makes Eko send an OTP — counted before the call;
 * - `lookup`: Get Customer / Sender, which sends one only to an enrolled
 *   customer — checked before, counted only once an OTP (maybe) went out, so
 *   registering a new customer does not use up the agent's allowance;
 * - `verify`: checks an OTP — refused after too many wrong ones, each wrong one counted.
 */
export type StepLimits = "send" | "lookup" | "verify" | "none";

export type LimitSubject = { mobile: string; agentId: string };
/** What the step's call led to, as far as the limits care. */
export type LimitOutcome = { otpMaybeSent: boolean; wrongOtp: boolean };

function throwIfRefused(
  result: RateLimitResult,
  message: string,
  limit: keyof typeof otpPolicies,
): void {
  if (result.allowed) return;
  countRateLimitRefusal(limit);
  throw rateLimited(result.retryAfterSeconds, message);
}

export function createAbuseLimits(limiter: RateLimiter) {
  const sendKeys = ({ mobile, agentId }: LimitSubject) =>
    [
      [
        otpLimitKeys.otpSendAgent(agentId),
        otpPolicies.otpSendsPerAgent,
        "by this agent",
        "otpSendsPerAgent",
      ],
      [
        otpLimitKeys.otpSendMobile(mobile),
        otpPolicies.otpSendsPerMobile,
        "to this mobile",
        "otpSendsPerMobile",
      ],
    ] as const;

  return {
    /** Before the Eko call. Throws the 429 `rate_limited` ApiProblem. */
    async before(limits: StepLimits, subject: LimitSubject): Promise<void> {
      if (limits === "send" || limits === "lookup") {
        for (const [key, policy, who, name] of sendKeys(subject)) {
          const result =
            limits === "send"
              ? await limiter.consume(key, policy)
              : await limiter.peek(key, policy);
          throwIfRefused(result, `Too many OTPs sent ${who}`, name);
        }
      } else if (limits === "verify") {
        throwIfRefused(
          await limiter.peek(
            otpLimitKeys.otpVerifyMobile(subject.mobile),
            otpPolicies.otpVerifyFailuresPerMobile,
          ),
          "Too many wrong OTPs for this mobile",
          "otpVerifyFailuresPerMobile",
        );
      }
    },

    /** After the call's outcome is saved: a lookup's OTP, a wrong OTP. */
    async after(limits: StepLimits, subject: LimitSubject, outcome: LimitOutcome): Promise<void> {
      if (limits === "lookup" && outcome.otpMaybeSent) {
        for (const [key, policy] of sendKeys(subject)) await limiter.consume(key, policy);
      }
      if (limits === "verify" && outcome.wrongOtp) {
        await limiter.consume(
          otpLimitKeys.otpVerifyMobile(subject.mobile),
          otpPolicies.otpVerifyFailuresPerMobile,
        );
      }
    },
  };
}
export type AbuseLimits = ReturnType<typeof createAbuseLimits>;
