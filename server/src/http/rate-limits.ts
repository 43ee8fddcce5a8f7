import type { LimitScope } from "../contract/errors.ts";
import type { SignInLimits } from "../env.ts";
import type { RateLimit, RateLimiter } from "../store/rate-limiter.ts";
import { ApiProblem } from "./problem.ts";

/**
 * Sign-in limits, shared by every instance on one store. The numbers are
 * configuration (`SIGN_IN_FAILURES_PER_LOGIN` … in env.ts); the flows' OTP
 * limits live with the flows (flows/abuse-limits.ts).
 */
export type SignInPolicies = {
  /** Wrong passwords for one login: the last one allowed locks the login. */
  signInFailuresPerLogin: RateLimit;
  /** Wrong passwords from one address, whatever the login (credential stuffing). */
  signInFailuresPerIp: RateLimit;
};

export function signInPolicies(limits: SignInLimits): SignInPolicies {
  return {
    signInFailuresPerLogin: {
      limit: limits.failuresPerLogin,
      windowSeconds: limits.windowSeconds,
      lockSeconds: limits.lockSeconds,
    },
    signInFailuresPerIp: { limit: limits.failuresPerIp, windowSeconds: limits.windowSeconds },
  };
}

export const limitKeys = {
  signInLogin: (login: string) => `sign-in:login:${login.trim().toLowerCase()}`,
  signInIp: (ip: string) => `sign-in:ip:${ip}`,
};

/** 429 `rate_limited`; the error handler adds the Retry-After header from the details. */
export function rateLimited(
  retryAfterSeconds: number,
  scope: LimitScope,
  message = "Too many attempts",
): ApiProblem {
  return new ApiProblem("rate_limited", `${message}; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
    scope,
  });
}

export type SignInAttempt =
  | { allowed: false; detail: "locked" | "ip_limited"; retryAfterSeconds: number }
  | {
      allowed: true;
      /** Wrong passwords the login may still have before it locks, if this one is wrong too. */
      triesLeftIfWrong: number;
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
  policies: SignInPolicies,
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
    triesLeftIfWrong: Math.max(0, policies.signInFailuresPerLogin.limit - loginSlot.count),
    async passwordRight() {
      await limiter.reset(loginKey);
      await ipSlot.release();
    },
  };
}
