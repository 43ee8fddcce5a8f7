import type { RateLimit } from "../store/rate-limiter.ts";
import { ApiProblem } from "./problem.ts";

/**
 * Sign-in limits, shared by every instance on one store. The flows' OTP
 * limits live with the flows (flows/abuse-limits.ts).
 */
export const policies = {
  /** Wrong passwords for one login: the 5th locks the login for 15 minutes. */
  signInFailuresPerLogin: { limit: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  /** Wrong passwords from one address, whatever the login (credential stuffing). */
  signInFailuresPerIp: { limit: 20, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimit>;

export const limitKeys = {
  signInLogin: (login: string) => `sign-in:login:${login.trim().toLowerCase()}`,
  signInIp: (ip: string) => `sign-in:ip:${ip}`,
};

/** 429 `rate_limited`; the error handler adds the Retry-After header from the details. */
export function rateLimited(retryAfterSeconds: number, message = "Too many attempts"): ApiProblem {
  return new ApiProblem("rate_limited", `${message}; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
}
