import type { Kysely } from "kysely";

/**
 * Intent before every Eko write (issue #14): before a POST leaves for Eko the
 * flow row says which call is in flight (`inflight_*`, set with an "attempted"
 * audit row in one transaction) and the save of its answer clears it. A row
 * whose intent outlives the lock it was made under (a crash, a restart, an
 * expired lock) moves to status_unknown instead of offering the write again.
 * Columns on the flow row rather than a table: every change of a flow is then
 * one conditional UPDATE of one row (version, lock owner), as before.
 *
 * `secrets_review_at`: when a sealed secret of the row (otp_ref_id, wallet
 * token) reaches the end of its useful life and the purge should look at it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of [
    "inflight_call",
    "inflight_client_ref_id",
    "inflight_started_at",
    "inflight_action",
    "inflight_unknown_as",
    "inflight_agent_id",
    "secrets_review_at",
  ]) {
    await db.schema.alterTable("flows").addColumn(column, "text").execute();
  }
  await db.schema
    .createIndex("flows_inflight")
    .on("flows")
    .column("inflight_client_ref_id")
    .execute();
  await db.schema
    .createIndex("flows_secrets_review")
    .on("flows")
    .column("secrets_review_at")
    .execute();
}
