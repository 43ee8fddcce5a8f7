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

/** Levin Validate Aadhaar (§10 C.5): the number plus the customer's recorded consent. */
export const aadhaarRequestSchema = z.object({
  aadhaar: aadhaarSchema,
  consent: z.object({
    accepted: z.literal(true, { error: "consent_required" }),
    language: z.enum(consentLanguages),
    version: z.string().min(1).max(40),
  }),
});

export const panRequestSchema = z.object({ pan: panSchema });

export const flowIdParamSchema = z.object({
  flowId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
