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
  /** DigiKhata: last four digits of the Aadhaar sent with B.7 (the full number is never kept). */
  aadhaarLast4?: string;
  /** DigiKhata B.6 audioUrl: streamed by our server, never handed to the browser. */
  consentAudioUrl?: string;
  /** DigiKhata B.6 consentId of the text on the consent step. */
  consentEkoId?: string;
  /** DigiKhata: what the customer agreed to; recorded with the masked Aadhaar once B.7 is sent. */
  consent?: GivenConsent;
};

/** The consent the agent confirmed on the DigiKhata consent step (§9 B.6). */
export type GivenConsent = {
  ekoConsentId: string;
  language: string;
  textSha256: string;
  audioPlayed: boolean;
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
