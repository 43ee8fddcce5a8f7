import { z } from "zod";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "date_invalid" })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: "date_invalid" });

/**
 * Filters for the activity list and its CSV export. Dates are calendar days
 * in India (IST), inclusive; both default to today. `agentId` is honoured for
 * admins only: an agent always sees their own events.
 */
/** Control characters never name an agent or an outcome; PostgreSQL refuses NUL in text (a 500). */
const filterText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^\P{Cc}*$/u);

export const activityQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  agentId: filterText(64).optional(),
  outcome: filterText(40).optional(),
  action: filterText(60).optional(),
});
export type ActivityQuery = z.infer<typeof activityQuerySchema>;

export const activityEventSchema = z.object({
  id: z.string(),
  /** ISO-8601 UTC. */
  at: z.string(),
  agentId: z.string(),
  /** Null when the event names no known agent (a sign-in attempt for an unknown login). */
  agentLogin: z.string().nullable(),
  agentName: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  detail: z.string().nullable(),
  rail: z.string().nullable(),
  flowId: z.string().nullable(),
  mobileMasked: z.string().nullable(),
  ekoResponseTypeId: z.number().int().nullable(),
  requestId: z.string(),
  latencyMs: z.number().int().nullable(),
});
export type ActivityEvent = z.infer<typeof activityEventSchema>;

export const activityResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  events: z.array(activityEventSchema),
  /** True when more events matched than one page holds; narrow the dates or export CSV. */
  truncated: z.boolean(),
});
export type ActivityResponse = z.infer<typeof activityResponseSchema>;

export const agentSummarySchema = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  disabled: z.boolean(),
});
export const agentListResponseSchema = z.object({ agents: z.array(agentSummarySchema) });
export type AgentSummary = z.infer<typeof agentSummarySchema>;
