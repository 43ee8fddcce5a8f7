import type { Step } from "#contract/flow-view.ts";

/** A mobile-OTP step as the server sends it, for tests that walk a flow's steps. */
export const mobileOtpStep: Extract<Step, { kind: "otp" }> = {
  kind: "otp",
  purpose: "mobile",
  sentTo: "••••••3210",
  otpLength: 6,
  expiresAt: "2026-03-02T05:35:00.000Z",
  resendAvailableAt: "2026-03-02T05:31:00.000Z",
  attemptsLeft: 3,
  lastAttempt: null,
};
