import { randomBytes, randomInt } from "node:crypto";
import type { Rail } from "../contract/rails.ts";

/**
 * Where a customer stands on one rail (eko-api.md §14.1 item 4). The answer
 * to every call is derived from this, never stored.
 * - `not_enrolled`: get-info → 308.
 * - `wallet_exists`: DigiKhata only — PayPoint already holds a wallet, Eko does
 *   not know the sender yet: get-info → 308, onboard → 300 (§9 B.2).
 * - `otp_pending`: onboarded, mobile OTP never verified.
 * - `aadhaar_pending` → verify answers 2136; `pan_pending` → 2147; `complete` → 309.
 */
export type Stage =
  | "not_enrolled"
  | "wallet_exists"
  | "otp_pending"
  | "aadhaar_pending"
  | "pan_pending"
  | "complete";

/** 19 = mobile (sender onboarding) OTP, 20 = Aadhaar OTP (§5.1). */
export type Intent = 19 | 20;

export type Gender = "M" | "F" | "T";

/** The money and KYC figures a 309 `customer_profile` shows (§12.1). */
export type ProfileFigures = {
  kycState: 0 | 1;
  balance: string;
  totalMonthlyLimit: string;
  used: number;
  remaining: number;
  nextAllowedLimit: string;
};

export type CustomerRecord = {
  key: string;
  initiatorId: string;
  rail: Rail;
  customerId: string;
  stage: Stage;
  name: string;
  /** YYYY-MM-DD. */
  dob: string;
  gender: Gender | null;
  address: string[];
  figures: ProfileFigures;
  /** Last four digits of the Aadhaar number given at C.5 / B.7; nothing more is kept. */
  aadhaarLast4: string | null;
  /** OTP verification refused until then (epoch ms). */
  lockedUntil: number | null;
  /** Consecutive wrong OTPs since the last success or lockout. */
  wrongAttempts: number;
  /** Levin: minted with the first wallet_token, then stable. */
  walletId: string | null;
};

export type SandboxRandom = {
  /** Uniform integer in [min, max). */
  int: (min: number, max: number) => number;
  bytes: (size: number) => Buffer;
};

export const cryptoRandom: SandboxRandom = {
  int: (min, max) => randomInt(min, max),
  bytes: (size) => randomBytes(size),
};

/** Figures for a customer Eko has just verified without KYC (non-KYC cap ₹25,000, §12.5). */
export const NON_KYC_FIGURES: ProfileFigures = {
  kycState: 0,
  balance: "0.00",
  totalMonthlyLimit: "25000.0",
  used: 0,
  remaining: 25000,
  nextAllowedLimit: "25000.0",
};

/** Figures after Aadhaar + PAN on a PPI rail (the 50,000 of the PPI samples, §12.5). */
export const FULL_KYC_FIGURES: ProfileFigures = {
  kycState: 1,
  balance: "0.00",
  totalMonthlyLimit: "50000.0",
  used: 0,
  remaining: 50000,
  nextAllowedLimit: "50000.0",
};
