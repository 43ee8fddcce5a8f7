import type { KeyObject } from "node:crypto";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { listAgents } from "../auth/agents.ts";
import {
  ACTIVITY_PAGE_SIZE,
  type ActivityEvent,
  type ActivityQuery,
  activityQuerySchema,
  activityResponseSchema,
  agentListResponseSchema,
  parseActivitySearch,
} from "../contract/activity.ts";
import { apiErrorSchema } from "../contract/errors.ts";
import { ApiProblem } from "../http/problem.ts";
import type { AgentContext, AgentVariables } from "../middleware/agent-context.ts";
import { requireAdmin } from "../middleware/session.ts";
import { type AuditFilter, listAuditEvents, recordAuditEvent } from "../store/audit-events.ts";
import type { Db } from "../store/db.ts";
import { mobileLookupKey } from "../store/mobile-lookup.ts";

export type ActivityRouteDeps = {
  db: Db;
  now: () => Date;
  /** store/mobile-lookup.ts deriveMobileLookupSecret(STATE_KEY): read on the first mobile search. */
  mobileLookupSecret: () => KeyObject;
};

const EXPORT_LIMIT = 50_000;
/** Agents work in India: "today" and the date filters are IST calendar days (UTC+05:30, no DST). */
const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;
const DAY_MS = 24 * 60 * 60_000;

const json = <T>(schema: T) => ({ "application/json": { schema } });
const problem = (description: string) => ({ content: json(apiErrorSchema), description });

const listRoute = createRoute({
  method: "get",
  path: "/activity",
  request: { query: activityQuerySchema },
  responses: {
    200: { content: json(activityResponseSchema), description: "Audit events, newest first" },
    401: problem("No session"),
    422: problem("Bad date or filter"),
  },
});

const exportRoute = createRoute({
  method: "get",
  path: "/activity/export.csv",
  request: { query: activityQuerySchema },
  middleware: [requireAdmin] as const,
  responses: {
    200: {
      content: { "text/csv": { schema: z.string() } },
      description: "The same events as CSV (attachment), admins only",
    },
    401: problem("No session"),
    403: problem("Not an admin"),
    422: problem("Bad date or filter"),
  },
});

const agentsRoute = createRoute({
  method: "get",
  path: "/agents",
  middleware: [requireAdmin] as const,
  responses: {
    200: { content: json(agentListResponseSchema), description: "Every agent, for the filter" },
    401: problem("No session"),
    403: problem("Not an admin"),
  },
});

export function istDate(at: Date): string {
  return new Date(at.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Inclusive IST days → [from, to) as ISO-8601 UTC, the form audit_events.at is stored in. */
export function istRange(query: ActivityQuery, now: Date) {
  const today = istDate(now);
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  const from = query.from ?? to;
  if (from > to) {
    throw new ApiProblem("validation_failed", "`from` is after `to`", {
      fields: { from: "date_range_invalid" },
    });
  }
  const startOf = (day: string) => Date.parse(`${day}T00:00:00Z`) - IST_OFFSET_MS;
  return {
    from,
    to,
    fromIso: new Date(startOf(from)).toISOString(),
    toIso: new Date(startOf(to) + DAY_MS).toISOString(),
  };
}

/** An agent sees only their own events, whatever agentId they ask for. */
function agentFilter(agent: AgentContext, query: ActivityQuery): string | undefined {
  return agent.role === "admin" ? query.agentId : agent.id;
}

/**
 * The search box takes what an agent has at hand: the customer's mobile in
 * any shape they paste it, or the reference on a slip. Anything else is a 422
 * rather than an empty list that would read as "no such customer".
 */
function searchFilter(
  search: string | undefined,
  secret: () => KeyObject,
): Pick<AuditFilter, "mobileLookup" | "flowReference"> {
  if (!search) return {};
  const parsed = parseActivitySearch(search);
  if (parsed && "mobile" in parsed) {
    return { mobileLookup: mobileLookupKey(parsed.mobile, secret()) };
  }
  if (parsed) return { flowReference: parsed.reference };
  throw new ApiProblem("validation_failed", "`search` is neither a mobile nor a reference", {
    fields: { search: "search_invalid" },
  });
}

/** /api/activity, /api/activity/export.csv, /api/agents. */
export function createActivityRoutes({ db, now, mobileLookupSecret }: ActivityRouteDeps) {
  const filterOf = (query: ActivityQuery, agentId: string | undefined) => {
    const range = istRange(query, now());
    return {
      range,
      filter: {
        ...range,
        ...searchFilter(query.search, mobileLookupSecret),
        agentId,
        outcome: query.outcome,
        action: query.action,
      },
    };
  };
  return new OpenAPIHono<{ Variables: AgentVariables }>()
    .openapi(listRoute, async (c) => {
      const query = c.req.valid("query");
      const { range, filter } = filterOf(query, agentFilter(c.var.agent, query));
      const page = query.page ?? 1;
      const { events, total } = await listAuditEvents(db, {
        ...filter,
        settledAttempts: "hide",
        limit: ACTIVITY_PAGE_SIZE,
        offset: (page - 1) * ACTIVITY_PAGE_SIZE,
      });
      return c.json(
        { from: range.from, to: range.to, events, total, page, pageSize: ACTIVITY_PAGE_SIZE },
        200,
      );
    })
    .openapi(exportRoute, async (c) => {
      const query = c.req.valid("query");
      const { range, filter } = filterOf(query, query.agentId);
      const { events } = await listAuditEvents(db, { ...filter, limit: EXPORT_LIMIT });
      await recordAuditEvent(db, {
        at: now(),
        agentId: c.var.agent.id,
        action: "activity-export",
        outcome: "success",
        detail: `${events.length} rows`,
        requestId: c.var.requestId,
      });
      return c.body(toCsv(events), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="activity-${range.from}-to-${range.to}.csv"`,
        "Cache-Control": "no-store",
      });
    })
    .openapi(agentsRoute, async (c) => {
      const agents = await listAgents(db);
      return c.json(
        {
          agents: agents.map(({ id, login, name, disabled }) => ({ id, login, name, disabled })),
        },
        200,
      );
    });
}

const csvColumns: Array<[string, (event: ActivityEvent) => string | number | null]> = [
  ["time_ist", (e) => istTimestamp(e.at)],
  ["at_utc", (e) => e.at],
  ["agent_login", (e) => e.agentLogin],
  ["agent_name", (e) => e.agentName],
  ["agent_id", (e) => e.agentId],
  ["action", (e) => e.action],
  ["outcome", (e) => e.outcome],
  ["detail", (e) => e.detail],
  ["rail", (e) => e.rail],
  ["flow_id", (e) => e.flowId],
  ["flow_reference", (e) => e.flowReference],
  ["customer_name", (e) => e.customerName],
  ["mobile", (e) => e.mobileMasked],
  ["eko_response_type_id", (e) => e.ekoResponseTypeId],
  ["latency_ms", (e) => e.latencyMs],
  ["request_id", (e) => e.requestId],
];

/** RFC 4180 with CRLF, plus a BOM so Excel reads the UTF-8 (the masked mobile's "•"). */
export function toCsv(events: ActivityEvent[]): string {
  const lines = [csvColumns.map(([name]) => name).join(",")];
  for (const event of events)
    lines.push(csvColumns.map(([, get]) => csvCell(get(event))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * OWASP "CSV injection": a text cell that a spreadsheet would run as a
 * formula (= + - @, tab, CR — also after leading spaces, or as the full-width
 * forms Excel folds to them) gets a leading apostrophe and is always quoted.
 * Quotes a cell holding a quote, a line break, a comma or a semicolon (the
 * list separator of Excel set to many locales), so no cell splits in two.
 * Names come from agents' own input.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  const formula =
    typeof value === "string" && /^[\s\u3000]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text);
  if (formula) text = `'${text}`;
  return formula || /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function istTimestamp(iso: string): string {
  return new Date(Date.parse(iso) + IST_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}
