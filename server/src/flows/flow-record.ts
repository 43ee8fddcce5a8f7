import type { Step } from "../contract/flow-view.ts";
import type { Rail } from "../contract/rails.ts";

/**
 * Values Eko hands us that must never leave the server (DEVELOPERS.md):
 * stored only sealed (AES-256-GCM under STATE_KEY), never logged, never sent
 * to the browser.
 */
export type FlowSecrets = {
  otpRefId?: string;
  /** "19" mobile / sender OTP, "20" Aadhaar OTP (eko-api.md §5.1). */
  otpIntent?: "19" | "20";
  walletToken?: string;
  walletId?: string;
  /**
   * Levin only, between C.5 and C.6: re-issuing the Aadhaar OTP (resend) is
   * another C.5 call, which needs the number again. Dropped once the OTP step ends.
   */
  aadhaar?: string;
};

/** Server-side state of one flow; `step` is exactly what the browser renders. */
export type FlowRecord = {
  id: string;
  agentId: string;
  rail: Rail;
  /** Full mobile: the Eko calls need it. Masked everywhere it is shown. */
  mobile: string;
  step: Step;
  secrets: FlowSecrets;
  /** Optimistic-concurrency counter: a save with a stale version is refused. */
  version: number;
  createdAt: string;
  updatedAt: string;
};
