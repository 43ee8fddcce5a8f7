/**
 * Why the agent is on the sign-in page: the 401's `details.reason`
 * (contract/auth.ts `sessionEndReasons`) that ended the last session.
 */
export const signInReasons = ["idle-timeout", "expired", "disabled"] as const;
export type SignInReason = (typeof signInReasons)[number];

export function isSignInReason(value: string | null | undefined): value is SignInReason {
  return (signInReasons as readonly (string | null | undefined)[]).includes(value);
}

export const signInReasonMessages: Record<SignInReason, { id: string }> = {
  "idle-timeout": { id: "signin.reason.idle-timeout" },
  expired: { id: "signin.reason.expired" },
  disabled: { id: "signin.reason.disabled" },
};
