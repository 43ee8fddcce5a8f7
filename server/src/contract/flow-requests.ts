import { z } from "zod";
import { aadhaarSchema } from "./aadhaar.ts";
import { mobileSchema } from "./mobile.ts";
import { onboardingSchema } from "./onboarding.ts";
import { panSchema } from "./pan.ts";
import { rails } from "./rails.ts";

export const startFlowSchema = z.object({
  rail: z.enum(rails),
  mobile: mobileSchema,
});

export const onboardRequestSchema = onboardingSchema;

export const otpSchema = z.string().regex(/^\d{4,8}$/, { error: "otp_format" });
export const verifyOtpSchema = z.object({ otp: otpSchema });

export const consentLanguages = ["en", "hi"] as const;

/**
 * The Aadhaar number (Levin C.5, DigiKhata B.7). Levin takes the customer's
 * consent on the same screen, so it comes along; DigiKhata's was given on the
 * consent step and the server refuses a second one.
 */
export const aadhaarRequestSchema = z.object({
  aadhaar: aadhaarSchema,
  consent: z
    .object({
      accepted: z.literal(true, { error: "consent_required" }),
      language: z.enum(consentLanguages),
      version: z.string().min(1).max(40),
    })
    .optional(),
});

/** DigiKhata B.6: show the consent text in this language (a `pkid` from B.5). */
export const consentLanguageRequestSchema = z.object({
  languageId: z.string().regex(/^\d{1,3}$/, { error: "consent_language" }),
});

/** DigiKhata: the agent confirms that the customer agreed to the text shown. */
export const consentAcceptRequestSchema = z.object({
  accepted: z.literal(true, { error: "consent_required" }),
  /** `textSha256` of the consent step: the text on the agent's screen is the current one. */
  textSha256: z.string().regex(/^[0-9a-f]{64}$/, { error: "consent_outdated" }),
  audioPlayed: z.boolean(),
});

export const panRequestSchema = z.object({ pan: panSchema });

export const flowIdParamSchema = z.object({
  flowId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
