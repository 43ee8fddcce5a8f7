import { z } from "zod";
import { openFlowsSchema } from "./open-flows.ts";

export const languages = ["en", "hi"] as const;
export type Language = (typeof languages)[number];
export const languageSchema = z.enum(languages);

export const agentRoles = ["agent", "admin"] as const;
export type AgentRole = (typeof agentRoles)[number];

/** The signed-in agent as the browser sees it (no password hash). */
export const agentSchema = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  /**
   * The agent's Eko user code: printed on the customer's slip, as Eko and the
   * distributor know the shop by it. An identifier, not a credential (calls
   * still take it from the agent's record, never from the browser).
   */
  userCode: z.string(),
  role: z.enum(agentRoles),
  language: languageSchema,
  /** Signed in with a one-time password: the web shows only the password change. */
  mustChangePassword: z.boolean(),
});
export type Agent = z.infer<typeof agentSchema>;

export const signInRequestSchema = z.object({
  login: z
    .string({ error: "login_required" })
    .trim()
    .min(1, { error: "login_required" })
    .max(64, { error: "login_invalid" })
    // PostgreSQL refuses NUL in text: a control character would otherwise be a 500, not a wrong login.
    .regex(/^\P{Cc}*$/u, { error: "login_invalid" }),
  password: z
    .string({ error: "password_required" })
    .min(1, { error: "password_required" })
    .max(256, { error: "password_invalid" }),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const agentResponseSchema = z.object({ agent: agentSchema });
export type AgentResponse = z.infer<typeof agentResponseSchema>;

/**
 * The sign-in answer carries the start page's customers in progress too, so
 * the page the agent lands on needs no second round trip (`GET /api/flows`
 * chained behind the sign-in; README, Benchmarks).
 */
export const signInResponseSchema = agentResponseSchema.extend({
  /** null when the list could not be read: the start page then fetches it itself. */
  openFlows: openFlowsSchema.nullable(),
});
export type SignInResponse = z.infer<typeof signInResponseSchema>;

export const languageRequestSchema = z.object({ language: languageSchema });

/**
 * `details.reason` on a 401: lets the UI say "signed out after 15 minutes
 * without activity" instead of a bare sign-in page.
 */
export const sessionEndReasons = [
  "no-session",
  "idle-timeout",
  "expired",
  "disabled",
  "bad-credentials",
] as const;
export type SessionEndReason = (typeof sessionEndReasons)[number];
