import { countRateLimitRefusal } from "../metrics/scope.ts";
import type { RateLimit, RateLimiter, RateLimitResult } from "../store/rate-limiter.ts";
import { ApiProblem } from "./problem.ts";

/**
 * Abuse limits, shared by every instance on one store. Eko documents none of
 * its own OTP send limits (eko-api.md §15.11); these keep one counter (or one
 * leaked account) from texting a customer all day or guessing OTPs.
 */
export const policies = {
  /**
   * Sign-in attempts for one login, each counted before its password is hashed;
   * a right password clears them. The 5th locks the login for 15 minutes.
   */
  signInFailuresPerLogin: { limit: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  /**
   * Sign-in attempts from one address, whatever the login (credential stuffing),
   * counted before the hash; a right password gives its slot back.
   */
  signInFailuresPerIp: { limit: 20, windowSeconds: 15 * 60 },
  /** OTPs sent to one customer mobile (first send and resends). */
  otpSendsPerMobile: { limit: 5, windowSeconds: 10 * 60 },
  /** OTPs one agent triggers across all customers. */
  otpSendsPerAgent: { limit: 60, windowSeconds: 10 * 60 },
  /** Wrong OTPs entered for one customer mobile. */
  otpVerifyFailuresPerMobile: { limit: 10, windowSeconds: 30 * 60 },
} as const satisfies Record<string, RateLimit>;

export const limitKeys = {
  signInLogin: (login: string) => `sign-in:login:${login.trim().toLowerCase()}`,
  signInIp: (ip: string) => `sign-in:ip:${ip}`,
  otpSendMobile: (mobile: string) => `otp-send:mobile:${mobile}`,
  otpSendAgent: (agentId: string) => `otp-send:agent:${agentId}`,
  otpVerifyMobile: (mobile: string) => `otp-verify:mobile:${mobile}`,
};

/** 429 `rate_limited`; the error handler adds the Retry-After header from the details. */
export function rateLimited(retryAfterSeconds: number, message = "Too many attempts"): ApiProblem {
  return new ApiProblem("rate_limited", `${message}; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
}

function throwIfRefused(
  result: RateLimitResult,
  message: string,
  limit: keyof typeof policies,
): void {
  if (result.allowed) return;
  countRateLimitRefusal(limit);
  throw rateLimited(result.retryAfterSeconds, message);
}

export type SignInAttempt =
  | { allowed: false; detail: "locked" | "ip_limited"; retryAfterSeconds: number }
  | {
      allowed: true;
      /**
       * The password was right: the login's failures are cleared and the
       * address's slot is given back — nothing was guessed.
       */
      passwordRight(): Promise<void>;
    };

/**
 * Reserve, then hash: takes the attempt's slot for the login and for the
 * address before the (slow) password check, so a burst can never get more
 * than the limit's worth of guesses checked, on one instance or many. A
 * locked login is refused before its password is looked at, so the right
 * password is refused too and the lock is no guessing oracle. A wrong
 * password keeps both slots: they are the failures.
 */
export async function reserveSignInAttempt(
  limiter: RateLimiter,
  { login, ip }: { login: string; ip: string },
): Promise<SignInAttempt> {
  const loginKey = limitKeys.signInLogin(login);
  const loginSlot = await limiter.reserve(loginKey, policies.signInFailuresPerLogin);
  if (!loginSlot.allowed) {
    return { allowed: false, detail: "locked", retryAfterSeconds: loginSlot.retryAfterSeconds };
  }
  const ipSlot = await limiter.reserve(limitKeys.signInIp(ip), policies.signInFailuresPerIp);
  if (!ipSlot.allowed) {
    // Refused before any hash: this attempt guessed nothing for the login.
    await loginSlot.release();
    return { allowed: false, detail: "ip_limited", retryAfterSeconds: ipSlot.retryAfterSeconds };
  }
  return {
    allowed: true,
    async passwordRight() {
      await limiter.reset(loginKey);
      await ipSlot.release();
    },
  };
}

/** Call before asking Eko to send (or resend) an OTP. Throws the 429 ApiProblem. */
export async function limitOtpSend(
  limiter: RateLimiter,
  { mobile, agentId }: { mobile: string; agentId: string },
): Promise<void> {
  throwIfRefused(
    await limiter.consume(limitKeys.otpSendAgent(agentId), policies.otpSendsPerAgent),
    "Too many OTPs sent by this agent",
    "otpSendsPerAgent",
  );
  throwIfRefused(
    await limiter.consume(limitKeys.otpSendMobile(mobile), policies.otpSendsPerMobile),
    "Too many OTPs sent to this mobile",
    "otpSendsPerMobile",
  );
}

/**
 * For lookups (Get Customer / Sender Info), which send an OTP only when the
 * customer is enrolled: check before the call, count only once an OTP went
 * out — registering a new customer must not use up the agent's allowance.
 */
export async function checkOtpSendAllowed(
  limiter: RateLimiter,
  { mobile, agentId }: { mobile: string; agentId: string },
): Promise<void> {
  throwIfRefused(
    await limiter.peek(limitKeys.otpSendAgent(agentId), policies.otpSendsPerAgent),
    "Too many OTPs sent by this agent",
    "otpSendsPerAgent",
  );
  throwIfRefused(
    await limiter.peek(limitKeys.otpSendMobile(mobile), policies.otpSendsPerMobile),
    "Too many OTPs sent to this mobile",
    "otpSendsPerMobile",
  );
}

export async function countOtpSend(
  limiter: RateLimiter,
  { mobile, agentId }: { mobile: string; agentId: string },
): Promise<void> {
  await limiter.consume(limitKeys.otpSendAgent(agentId), policies.otpSendsPerAgent);
  await limiter.consume(limitKeys.otpSendMobile(mobile), policies.otpSendsPerMobile);
}

/** Call before sending an OTP to Eko for verification. Throws the 429 ApiProblem. */
export async function checkOtpVerifyAllowed(
  limiter: RateLimiter,
  { mobile }: { mobile: string },
): Promise<void> {
  throwIfRefused(
    await limiter.peek(limitKeys.otpVerifyMobile(mobile), policies.otpVerifyFailuresPerMobile),
    "Too many wrong OTPs for this mobile",
    "otpVerifyFailuresPerMobile",
  );
}

/** Call when Eko says the OTP was wrong. */
export async function recordOtpVerifyFailure(
  limiter: RateLimiter,
  { mobile }: { mobile: string },
): Promise<void> {
  await limiter.consume(limitKeys.otpVerifyMobile(mobile), policies.otpVerifyFailuresPerMobile);
}
