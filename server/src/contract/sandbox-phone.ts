import { z } from "zod";
import { otpPurposes } from "./flow-view.ts";

/**
 * GET /api/flows/{flowId}/sandbox-phone (sandbox mode only): the OTPs the
 * sandbox "texted" this flow's customer since the flow started, newest first — UAT sends no SMS
 * (eko-api.md §2), so the demo phone shows them instead.
 */
export const sandboxPhoneSchema = z.object({
  messages: z.array(
    z.object({
      otp: z.string(),
      purpose: z.enum(otpPurposes),
      sentAt: z.string().describe("ISO 8601 timestamp"),
      toMasked: z.string(),
      /**
       * `current`: the one to type; `replaced`: a newer OTP of the same kind
       * came after it; `used`: the flow has moved past the step it was for.
       */
      state: z.enum(["current", "replaced", "used"]),
    }),
  ),
});
export type SandboxPhone = z.infer<typeof sandboxPhoneSchema>;
