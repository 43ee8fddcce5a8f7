import { z } from "zod";
import { mobileSchema } from "./mobile.ts";
import { rails } from "./rails.ts";

/** Steps where a flow waits for the agent or the customer: it is still "in progress". */
export const openStepKinds = [
  "onboard",
  "otp",
  "locked",
  "aadhaar",
  "consent",
  "pan",
  "status_unknown",
  "wallet_renew",
] as const;

/**
 * GET /api/flows: the agent's own unfinished flows, newest first (issue #15
 * §2). Agents serve several customers at once; this is how they get back to
 * the one who went to fetch their phone.
 */
export const openFlowSchema = z.object({
  id: z.string(),
  rail: z.enum(rails),
  mobileMasked: z.string(),
  /** Known only once Eko has named the customer (a profile or Aadhaar identity). */
  customerName: z.string().nullable(),
  step: z.enum(openStepKinds),
  startedAt: z.string().describe("ISO 8601 timestamp"),
  /** The OTP step's expiry; null on other steps. */
  otpExpiresAt: z.string().describe("ISO 8601 timestamp").nullable(),
});
export type OpenFlow = z.infer<typeof openFlowSchema>;

export const openFlowsSchema = z.object({
  flows: z.array(openFlowSchema),
  /** Flows started longer ago than this are not listed (OPEN_FLOWS_MAX_AGE_MINUTES). */
  maxAgeMinutes: z.number().int(),
});
export type OpenFlows = z.infer<typeof openFlowsSchema>;

/** `?mobile=`: only this customer's flows, by the full number (matched by its keyed hash). */
export const openFlowsQuerySchema = z.object({ mobile: mobileSchema.optional() });
