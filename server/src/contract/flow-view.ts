import { z } from "zod";
import { rails } from "./rails.ts";

/**
 * What the browser may know about a flow: the step to render and what the
 * agent must see. Never `otp_ref_id`, `wallet_token`, `wallet_id`, keys or a
 * full Aadhaar number — those stay in the server's flow state.
 */

const isoTime = z.string().describe("ISO 8601 timestamp");

export const otpPurposes = ["mobile", "aadhaar"] as const;
export type OtpPurpose = (typeof otpPurposes)[number];

export const otpStepSchema = z.object({
  kind: z.literal("otp"),
  purpose: z.enum(otpPurposes),
  /** Masked destination: the customer's mobile, or the Aadhaar-linked phone (unknown digits). */
  sentTo: z.string().nullable(),
  otpLength: z.number().int(),
  expiresAt: isoTime,
  resendAvailableAt: isoTime,
  attemptsLeft: z.number().int(),
  /** Outcome of the previous verification attempt on this OTP, if any. */
  lastAttempt: z.enum(["wrong", "expired"]).nullable(),
});

export const onboardStepSchema = z.object({ kind: z.literal("onboard") });

export const aadhaarStepSchema = z.object({
  kind: z.literal("aadhaar"),
  /** Version of the consent text the agent must show (the text itself is in the web catalogs). */
  consentVersion: z.string(),
  /** Eko rejected the previous Aadhaar number (2138 "Adhar Validation Failed"). */
  rejected: z.boolean(),
  /**
   * DigiKhata: the customer already agreed on the consent step (B.6), so this
   * screen asks for the number only. Absent (Levin): consent is taken here.
   */
  consentGiven: z.boolean().optional(),
});

export const consentLanguageSchema = z.object({
  /** Eko's `pkid` (B.5), sent back as `consent_language` (B.6). */
  id: z.string(),
  /** Eko's English name of the language ("Hindi"). */
  name: z.string(),
});
export type ConsentLanguage = z.infer<typeof consentLanguageSchema>;

export const consentTextSchema = z.object({
  languageId: z.string(),
  language: z.string(),
  /** Eko's legal text (B.6 consentContent), shown in full, verbatim. */
  content: z.string(),
  /** Eko's one-line statement the customer agrees to (B.6 consent). */
  statement: z.string(),
  /** SHA-256 (hex) of `content` + "\n" + `statement`: the accept request names the text it showed. */
  textSha256: z.string(),
  /** Eko gave an audio recording; our server streams it (`GET …/consent/audio`). */
  audio: z.boolean(),
});

/**
 * DigiKhata Aadhaar KYC consent (§9 B.5, B.6). `languages` empty: Eko's list
 * could not be loaded (offer a retry); `text` null: no language chosen yet.
 */
export const consentStepSchema = z.object({
  kind: z.literal("consent"),
  languages: z.array(consentLanguageSchema),
  text: consentTextSchema.nullable(),
});

export const panStepSchema = z.object({
  kind: z.literal("pan"),
  identity: z.lazy(() => identitySchema).nullable(),
  rejected: z.boolean(),
});

export const lockedStepSchema = z.object({
  kind: z.literal("locked"),
  purpose: z.enum(otpPurposes),
  until: isoTime,
});

export const usageSchema = z.object({
  used: z.number(),
  remaining: z.number(),
  unavailable: z.number(),
});

export const kycStatuses = ["full_kyc", "non_kyc"] as const;

/** Amounts are rupees (Eko sends rupee strings such as "5287.0", not paise). */
export const profileSchema = z.object({
  name: z.string().nullable(),
  mobileMasked: z.string(),
  balance: z.number().nullable(),
  nextAllowedLimit: z.number().nullable(),
  totalMonthlyLimit: z.number().nullable(),
  usage: usageSchema.nullable(),
  kyc: z.enum(kycStatuses),
});
export type Profile = z.infer<typeof profileSchema>;

export const genders = ["male", "female", "transgender"] as const;

export const identitySchema = z.object({
  name: z.string(),
  gender: z.enum(genders).nullable(),
  /** As Eko sends it (DD-MM-YYYY in samples); shown verbatim. */
  dob: z.string().nullable(),
  aadhaarMasked: z.string(),
});
export type Identity = z.infer<typeof identitySchema>;

export const profileStepSchema = z.object({
  kind: z.literal("profile"),
  profile: profileSchema,
  identity: identitySchema.nullable(),
});

/** Levin: Aadhaar verified and nothing more asked (no PAN). */
export const identityStepSchema = z.object({
  kind: z.literal("identity"),
  identity: identitySchema,
});

/** Where the console stops and tells the agent what happens next (eko-api.md §8 A.5 gap, DigiKhata KYC). */
export const nextStepReasons = ["aadhaar_pending", "pan_pending", "registration_complete"] as const;
export const nextStepSchema = z.object({
  kind: z.literal("next_step"),
  reason: z.enum(nextStepReasons),
});

/**
 * Levin 463 "Invalid wallet token" on C.5–C.7: the wallet session is over.
 * The agent sends the customer a new mobile OTP (a re-check, C.1), whose
 * verification (C.4) hands out a fresh wallet token and says what is next.
 */
export const walletRenewStepSchema = z.object({ kind: z.literal("wallet_renew") });

/** A write timed out: Eko may or may not have acted. Only a read (re-check) is offered. */
export const statusUnknownStepSchema = z.object({
  kind: z.literal("status_unknown"),
  action: z.enum(["onboard", "send_otp", "verify_otp", "aadhaar", "pan"]),
});

/** Eko answered something the console has no mapping for, or refused the customer. */
export const failedStepSchema = z.object({
  kind: z.literal("failed"),
  reason: z.enum(["unknown_state", "rejected"]),
  ekoResponseTypeId: z.number().int().nullable(),
  ekoMessage: z.string().nullable(),
});

export const stepSchema = z.discriminatedUnion("kind", [
  onboardStepSchema,
  otpStepSchema,
  lockedStepSchema,
  aadhaarStepSchema,
  consentStepSchema,
  panStepSchema,
  profileStepSchema,
  identityStepSchema,
  nextStepSchema,
  statusUnknownStepSchema,
  failedStepSchema,
  walletRenewStepSchema,
]);
export type Step = z.infer<typeof stepSchema>;
export type StepKind = Step["kind"];

export const flowViewSchema = z.object({
  id: z.string(),
  rail: z.enum(rails),
  mobileMasked: z.string(),
  step: stepSchema,
  updatedAt: isoTime,
});
export type FlowView = z.infer<typeof flowViewSchema>;
