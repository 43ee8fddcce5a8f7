import { z } from "zod";
import { otpPurposes } from "./flow-view.ts";

/**
 * GET /api/flows/{flowId}/sandbox-phone (sandbox mode only): the OTPs the
 * sandbox "texted" this flow's customer, newest first — UAT sends no SMS
 * (eko-api.md §2), so the demo phone shows them instead.
 */
export const sandboxPhoneSchema = z.object({
  messages: z.array(
    z.object({
      otp: z.string(),
      purpose: z.enum(otpPurposes),
      sentAt: z.string().describe("ISO 8601 timestamp"),
      toMasked: z.string(),
    }),
  ),
});
export type SandboxPhone = z.infer<typeof sandboxPhoneSchema>;
