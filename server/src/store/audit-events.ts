import { randomUUID } from "node:crypto";
import type { Kysely, SelectQueryBuilder, Transaction } from "kysely";
import type { ActivityEvent } from "../contract/activity.ts";
import { flowReference } from "../contract/flow-reference.ts";
import { compiledOnce } from "./db.ts";
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
  /** store/mobile-lookup.ts mobileLookupKey of the full mobile: what search matches on. */
  mobileLookup?: string | null;
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
  await insertAuditEvent(db, {
    id: randomUUID(),
    at: event.at.toISOString(),
    agentId: event.agentId,
    action: event.action,
    outcome: event.outcome,
    requestId: event.requestId,
    detail: event.detail ?? null,
    rail: event.rail ?? null,
    flowId: event.flowId ?? null,
    mobileMasked: event.mobileMasked ?? null,
    mobileLookup: event.mobileLookup ?? null,
    flowReference: event.flowId ? flowReference(event.flowId) : null,
    ekoResponseTypeId: event.ekoResponseTypeId ?? null,
    latencyMs: event.latencyMs ?? null,
  });
}

/** Every flow step writes one or more: compiled once (store/db.ts). */
const insertAuditEvent = compiledOnce(
  [
    "id",
    "at",
    "agentId",
    "action",
    "outcome",
    "requestId",
    "detail",
    "rail",
    "flowId",
    "mobileMasked",
    "mobileLookup",
    "flowReference",
    "ekoResponseTypeId",
    "latencyMs",
  ],
  (db, value) =>
    db.insertInto("audit_events").values({
      id: value.id,
      at: value.at,
      agent_id: value.agentId,
      action: value.action,
      outcome: value.outcome,
      request_id: value.requestId,
      detail: value.detail,
      rail: value.rail,
      flow_id: value.flowId,
      mobile_masked: value.mobileMasked,
      mobile_lookup: value.mobileLookup,
      flow_reference: value.flowReference,
      eko_response_type_id: value.ekoResponseTypeId,
      latency_ms: value.latencyMs,
    }),
);

export type AuditFilter = {
  /** Inclusive, ISO-8601 UTC. */
  fromIso: string;
  /** Exclusive, ISO-8601 UTC. */
  toIso: string;
  agentId?: string | undefined;
  outcome?: string | undefined;
  action?: string | undefined;
  /** Exact match on audit_events.mobile_lookup. */
  mobileLookup?: string | undefined;
  /** Exact match on audit_events.flow_reference ("EK-7KQ2-M9PD"). */
  flowReference?: string | undefined;
  limit: number;
  offset?: number;
  /**
   * The export keeps every row. Lists leave out an "attempted" row (the intent
   * recorded before an Eko write) once the same request wrote the write's
   * outcome: it says nothing the outcome row does not, and doubles each step.
   */
  settledAttempts?: "show" | "hide";
};

type AuditQuery = SelectQueryBuilder<
  Database,
  "audit_events" | "agents" | "flows",
  Record<string, never>
>;

function applyFilter<Q extends AuditQuery>(query: Q, filter: AuditFilter): Q {
  let q = query
    .where("audit_events.at", ">=", filter.fromIso)
    .where("audit_events.at", "<", filter.toIso) as Q;
  if (filter.agentId) q = q.where("audit_events.agent_id", "=", filter.agentId) as Q;
  if (filter.outcome) q = q.where("audit_events.outcome", "=", filter.outcome) as Q;
  if (filter.action) q = q.where("audit_events.action", "=", filter.action) as Q;
  if (filter.mobileLookup) q = q.where("audit_events.mobile_lookup", "=", filter.mobileLookup) as Q;
  if (filter.flowReference) {
    q = q.where("audit_events.flow_reference", "=", filter.flowReference) as Q;
  }
  if (filter.settledAttempts === "hide" && filter.outcome !== "attempted") {
    q = q.where((eb) =>
      eb.or([
        eb("audit_events.outcome", "!=", "attempted"),
        eb.not(
          eb.exists(
            eb
              .selectFrom("audit_events as outcome_row")
              .select("outcome_row.id")
              .whereRef("outcome_row.request_id", "=", "audit_events.request_id")
              .whereRef("outcome_row.action", "=", "audit_events.action")
              .where("outcome_row.outcome", "!=", "attempted"),
          ),
        ),
      ]),
    ) as Q;
  }
  return q;
}

/**
 * The customer's name as the flow last saw it (profile, verified identity, or
 * the identity a PAN step carries); null before Eko has named them.
 */
export function customerNameOf(stepJson: string | null): string | null {
  if (!stepJson) return null;
  try {
    const step = JSON.parse(stepJson) as {
      profile?: { name?: string | null };
      identity?: { name?: string | null } | null;
    };
    return step.profile?.name || step.identity?.name || null;
  } catch {
    return null;
  }
}

/** Newest first, `limit` from `offset`; `total` is every match, for "21–40 of 312". */
export async function listAuditEvents(
  db: Kysely<Database>,
  filter: AuditFilter,
): Promise<{ events: ActivityEvent[]; total: number; truncated: boolean }> {
  const base = db
    .selectFrom("audit_events")
    .leftJoin("agents", "agents.id", "audit_events.agent_id")
    .leftJoin("flows", "flows.id", "audit_events.flow_id");
  const [rows, counted] = await Promise.all([
    applyFilter(base as unknown as AuditQuery, filter)
      .selectAll("audit_events")
      .select([
        "agents.login as agent_login",
        "agents.name as agent_name",
        "flows.step_json as flow_step",
      ])
      .orderBy("audit_events.at", "desc")
      .orderBy("audit_events.id", "desc")
      .limit(filter.limit)
      .offset(filter.offset ?? 0)
      .execute(),
    applyFilter(base as unknown as AuditQuery, filter)
      .select((eb) => eb.fn.countAll().as("total"))
      .executeTakeFirstOrThrow(),
  ]);
  const total = Number(counted.total);
  const events = rows.map(
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
      flowReference: row.flow_id ? flowReference(row.flow_id) : null,
      customerName: customerNameOf(row.flow_step),
      mobileMasked: row.mobile_masked,
      ekoResponseTypeId:
        row.eko_response_type_id === null ? null : Number(row.eko_response_type_id),
      requestId: row.request_id,
      latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
    }),
  );
  return { events, total, truncated: total > (filter.offset ?? 0) + events.length };
}
