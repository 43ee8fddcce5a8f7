import { type Kysely, sql } from "kysely";

/**
 * A start first checks the latest flows for the mobile, any agent's (the
 * locked-number pre-check, flows/abuse-limits.ts). Migration 008's index leads
 * with agent_id, so that search read every flow row: on the bench's store the
 * start's cost grew with the table, 1.1 → 4 ms CPU a request within a minute
 * of load (README, Benchmarks). An index on the mobile's key alone answers
 * it with a seek (a mobile has a handful of flows, so sorting them is
 * nothing) and, unlike one that adds `updated_at`, is not rewritten by every
 * save. It also serves the start page's search by full mobile, so 008's
 * (agent_id, mobile_lookup) index goes: every flow insert paid for both.
 *
 * The maintenance sweep's "writes left in flight" search had the same fault:
 * SQLite's planner does not use migration 007's plain index for `IS NOT NULL`
 * (without statistics it expects most rows to match), so it read every flow.
 * A partial index holds only the rows in flight — a handful — and matches
 * that condition exactly, on both engines. It replaces 007's plain index,
 * which held an entry for every flow (all but a few with NULL).
 *
 * The activity list hides an "attempted" row once its request wrote the
 * outcome: a correlated search by request id for every row listed, which
 * read the whole audit trail each time (quadratic in the page's rows).
 *
 * The agents page showed each agent's last sign-in by grouping every
 * successful sign-in in the audit trail, read in full at each visit. A partial
 * index of just those rows, by agent, turns it into one seek per agent.
 *
 * store/query-plans.test.ts fails if a statement of a flow's life scans.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("flows_mobile_lookup").on("flows").column("mobile_lookup").execute();
  await db.schema.dropIndex("flows_agent_mobile_lookup").execute();
  await db.schema
    .createIndex("flows_inflight_open")
    .on("flows")
    .column("inflight_client_ref_id")
    .where(sql.ref("inflight_client_ref_id"), "is not", null)
    .execute();
  await db.schema.dropIndex("flows_inflight").execute();
  await db.schema
    .createIndex("audit_events_request")
    .on("audit_events")
    .columns(["request_id", "action"])
    .execute();
  await db.schema
    .createIndex("audit_events_sign_ins")
    .on("audit_events")
    .columns(["agent_id", "at"])
    .where(sql<boolean>`action = 'sign-in' and outcome = 'success'`)
    .execute();
}
