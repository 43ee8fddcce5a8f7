import { z } from "zod";
import { parseFlowReference } from "./flow-reference.ts";
import { mobilePattern, normaliseMobile } from "./mobile.ts";

/**
 * What My activity's search box takes: the customer's mobile in any shape
 * agents paste it, or the reference printed on a slip. Null for anything else.
 */
export function parseActivitySearch(
  input: string,
): { mobile: string } | { reference: string } | null {
  const mobile = normaliseMobile(input);
  if (mobilePattern.test(mobile)) return { mobile };
  const reference = parseFlowReference(input);
  return reference ? { reference } : null;
}

/** The search box's form (web: zodResolver); the same rule the API applies to `search`. */
export const activitySearchFormSchema = z.object({
  search: z
    .string()
    .trim()
    .max(40, { error: "search_invalid" })
    .refine((value) => value === "" || parseActivitySearch(value) !== null, {
      error: "search_invalid",
    }),
});

/**
 * A real calendar day. `Date.parse("2026-02-31")` is 3 March to V8, so the
 * day must survive the round trip unchanged.
 */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "date_invalid" })
  .refine(
    (value) => {
      const time = Date.parse(`${value}T00:00:00Z`);
      return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
    },
    { error: "date_invalid" },
  );

/** One page of My activity; the CSV export is for more. */
export const ACTIVITY_PAGE_SIZE = 50;

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
  /** The customer's mobile (any way agents type it) or a flow reference ("EK-7KQ2-M9PD"). */
  search: filterText(40).optional(),
  /** 1-based page of ACTIVITY_PAGE_SIZE events (the CSV export ignores it). */
  page: z.coerce.number().int().min(1).max(10_000).optional(),
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
  /** contract/flow-reference.ts of flowId: what the slip shows and the agent quotes. */
  flowReference: z.string().nullable(),
  /** As Eko last named the customer in this flow (profile or Aadhaar identity). */
  customerName: z.string().nullable(),
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
  /** Every event that matched; `events` is page `page` of them, ACTIVITY_PAGE_SIZE at most. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
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
