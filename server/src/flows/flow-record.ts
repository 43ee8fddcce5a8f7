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
   * Last four digits of the Aadhaar sent with C.5 / B.7, for the masked
   * identity card. The full number is never kept, not even sealed: it is the
   * input of the one request that sends it to Eko.
   */
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

export type UnknownAction = Extract<Step, { kind: "status_unknown" }>["action"];

/**
 * An Eko write recorded as in flight before it was sent (migration 007): the
 * call, its client_ref_id and when; the audit action and status_unknown action
 * it resolves to if its answer never gets saved; the agent who sent it.
 */
export type InFlightWrite = {
  call: string;
  clientRefId: string;
  startedAt: string;
  action: string;
  unknownAs: UnknownAction;
  agentId: string;
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
  /** Present while a write's answer is outstanding (or was lost in a crash). */
  inFlight?: InFlightWrite;
};
