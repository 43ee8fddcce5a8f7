import type { Kysely } from "kysely";

/**
 * The start page lists an agent's open flows and finds one by the customer's
 * full mobile (issue #15 §2). The row keeps a keyed hash of the number
 * (store/mobile-lookup.ts, the audit trail's key) for that equality search;
 * flows started before this migration have none and drop off the list by age.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("flows").addColumn("mobile_lookup", "text").execute();
  await db.schema
    .createIndex("flows_agent_created")
    .on("flows")
    .columns(["agent_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("flows_agent_mobile_lookup")
    .on("flows")
    .columns(["agent_id", "mobile_lookup"])
    .execute();
}
