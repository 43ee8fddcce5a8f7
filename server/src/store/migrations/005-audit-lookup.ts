import type { Kysely } from "kysely";

/**
 * My activity searches by the customer's mobile and by the flow's reference.
 * The audit row keeps only a masked mobile, so `mobile_lookup` holds a keyed
 * hash of the full one (store/mobile-lookup.ts: HMAC, the key outside the
 * database — a plain hash of a 10-digit number whose last four are shown
 * would be reversed in seconds). `flow_reference` is contract/flow-reference.ts
 * of `flow_id`. Older rows have neither: they are found by date only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("audit_events").addColumn("mobile_lookup", "text").execute();
  await db.schema.alterTable("audit_events").addColumn("flow_reference", "text").execute();
  await db.schema
    .createIndex("audit_events_mobile_lookup")
    .on("audit_events")
    .columns(["mobile_lookup", "at"])
    .execute();
  await db.schema
    .createIndex("audit_events_flow_reference")
    .on("audit_events")
    .column("flow_reference")
    .execute();
}
