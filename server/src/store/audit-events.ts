import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { ActivityEvent } from "../contract/activity.ts";
import type { Database } from "./schema.ts";

/** `agent_id` of an event that names no agent: a sign-in attempt for a login that does not exist. */
export const UNKNOWN_AGENT_ID = "unknown";

export type AuditEventInput = {
  at: Date;
  agentId: string;
  action: string;
  outcome: string;
  requestId: string;
  detail?: string | null;
  rail?: string | null;
  flowId?: string | null;
  mobileMasked?: string | null;
  ekoResponseTypeId?: number | null;
  latencyMs?: number | null;
};

/**
 * Appends one event (the table refuses UPDATE and DELETE, migration 002).
 * Takes a transaction too, so a flow step and its event commit together.
 */
export async function recordAuditEvent(
  db: Kysely<Database> | Transaction<Database>,
  event: AuditEventInput,
): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      id: randomUUID(),
      at: event.at.toISOString(),
      agent_id: event.agentId,
      action: event.action,
      outcome: event.outcome,
      request_id: event.requestId,
      detail: event.detail ?? null,
      rail: event.rail ?? null,
      flow_id: event.flowId ?? null,
      mobile_masked: event.mobileMasked ?? null,
      eko_response_type_id: event.ekoResponseTypeId ?? null,
      latency_ms: event.latencyMs ?? null,
    })
    .execute();
}

export type AuditFilter = {
  /** Inclusive, ISO-8601 UTC. */
  fromIso: string;
  /** Exclusive, ISO-8601 UTC. */
  toIso: string;
  agentId?: string;
  outcome?: string;
  action?: string;
  limit: number;
};

/** Newest first. Fetches one row more than `limit` to tell whether the list was cut. */
export async function listAuditEvents(
  db: Kysely<Database>,
  filter: AuditFilter,
): Promise<{ events: ActivityEvent[]; truncated: boolean }> {
  let query = db
    .selectFrom("audit_events")
    .leftJoin("agents", "agents.id", "audit_events.agent_id")
    .selectAll("audit_events")
    .select(["agents.login as agent_login", "agents.name as agent_name"])
    .where("audit_events.at", ">=", filter.fromIso)
    .where("audit_events.at", "<", filter.toIso);
  if (filter.agentId) query = query.where("audit_events.agent_id", "=", filter.agentId);
  if (filter.outcome) query = query.where("audit_events.outcome", "=", filter.outcome);
  if (filter.action) query = query.where("audit_events.action", "=", filter.action);
  const rows = await query
    .orderBy("audit_events.at", "desc")
    .orderBy("audit_events.id", "desc")
    .limit(filter.limit + 1)
    .execute();
  const truncated = rows.length > filter.limit;
  const events = rows.slice(0, filter.limit).map(
    (row): ActivityEvent => ({
      id: row.id,
      at: row.at,
      agentId: row.agent_id,
      agentLogin: row.agent_login,
      agentName: row.agent_name,
      action: row.action,
      outcome: row.outcome,
      detail: row.detail,
      rail: row.rail,
      flowId: row.flow_id,
      mobileMasked: row.mobile_masked,
      ekoResponseTypeId:
        row.eko_response_type_id === null ? null : Number(row.eko_response_type_id),
      requestId: row.request_id,
      latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
    }),
  );
  return { events, truncated };
}
