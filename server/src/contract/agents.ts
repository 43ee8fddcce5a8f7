import { z } from "zod";
import { agentRoles, languages } from "./auth.ts";

/*
 * Agent management (admins) and the agent's own password change. One set of
 * rules for the browser, the API and the agent CLI (auth/agents.ts reuses
 * these patterns with its own English messages). Messages here are error keys
 * the web translates.
 */

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
/** Eko's retailer code: digits, 8–11 long (eko-api.md §5.1, e.g. 20810200). */
export const USER_CODE_PATTERN = /^\d{8,11}$/;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
export const MAX_AGENT_NAME_LENGTH = 100;

const login = z
  .string({ error: "login_required" })
  .trim()
  .toLowerCase()
  .min(1, { error: "login_required" })
  .regex(LOGIN_PATTERN, { error: "agent_login_invalid" });
const name = z
  .string({ error: "agent_name_required" })
  .trim()
  .min(1, { error: "agent_name_required" })
  .max(MAX_AGENT_NAME_LENGTH, { error: "agent_name_too_long" })
  .regex(/^\P{Cc}*$/u, { error: "name_invalid" });
const userCode = z
  .string({ error: "user_code_required" })
  .trim()
  .min(1, { error: "user_code_required" })
  .regex(USER_CODE_PATTERN, { error: "user_code_invalid" });
const role = z.enum(agentRoles);

export const newAgentRequestSchema = z.object({
  login,
  name,
  userCode,
  role,
  language: z.enum(languages),
});
export type NewAgentRequest = z.input<typeof newAgentRequestSchema>;

export const updateAgentRequestSchema = z.object({ name, userCode, role });
export type UpdateAgentRequest = z.input<typeof updateAgentRequestSchema>;

/** Agent ids are UUIDs; anything else (a NUL, which PostgreSQL refuses) is not one. */
export const agentIdParamSchema = z.object({ agentId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export const managedAgentSchema = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  userCode: z.string(),
  role: role,
  language: z.enum(languages),
  disabled: z.boolean(),
  /** A one-time password was issued and not yet replaced. */
  mustChangePassword: z.boolean(),
  /** ISO-8601 UTC of the last successful sign-in, from the audit trail. */
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ManagedAgent = z.infer<typeof managedAgentSchema>;

export const managedAgentListSchema = z.object({ agents: z.array(managedAgentSchema) });
export const managedAgentResponseSchema = z.object({ agent: managedAgentSchema });
/** The one-time password is in this answer only: it is never stored in clear nor shown again. */
export const oneTimePasswordResponseSchema = z.object({
  agent: managedAgentSchema,
  oneTimePassword: z.string(),
});

export const newPasswordSchema = z
  .string({ error: "password_required" })
  .min(1, { error: "password_required" })
  .min(MIN_PASSWORD_LENGTH, { error: "password_too_short" })
  .max(MAX_PASSWORD_LENGTH, { error: "password_invalid" });

export const changePasswordRequestSchema = z
  .object({
    currentPassword: z
      .string({ error: "password_required" })
      .min(1, { error: "password_required" })
      .max(MAX_PASSWORD_LENGTH, { error: "password_invalid" }),
    newPassword: newPasswordSchema,
  })
  .refine((value) => value.newPassword !== value.currentPassword, {
    error: "password_unchanged",
    path: ["newPassword"],
  });
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;
