import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("agents")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("login", "text", (col) => col.notNull().unique())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("password_hash", "text", (col) => col.notNull())
    .addColumn("eko_user_code", "text", (col) => col.notNull())
    .addColumn("role", "text", (col) => col.notNull())
    .addColumn("disabled", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("language", "text", (col) => col.notNull().defaultTo("en"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id_hash", "text", (col) => col.primaryKey())
    .addColumn("agent_id", "text", (col) => col.notNull().references("agents.id"))
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("last_seen_at", "text", (col) => col.notNull())
    .addColumn("expires_at", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("flows")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("agent_id", "text", (col) => col.notNull())
    .addColumn("rail", "text", (col) => col.notNull())
    .addColumn("mobile", "text", (col) => col.notNull())
    .addColumn("step_json", "text", (col) => col.notNull())
    .addColumn("sealed_secrets", "text", (col) => col.notNull())
    .addColumn("version", "integer", (col) => col.notNull())
    .addColumn("lock_owner", "text")
    .addColumn("lock_expires_at", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("at", "text", (col) => col.notNull())
    .addColumn("agent_id", "text", (col) => col.notNull())
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("rail", "text")
    .addColumn("flow_id", "text")
    .addColumn("mobile_masked", "text")
    .addColumn("eko_response_type_id", "integer")
    .addColumn("outcome", "text", (col) => col.notNull())
    .addColumn("request_id", "text", (col) => col.notNull())
    .addColumn("latency_ms", "integer")
    .execute();
  await db.schema.createIndex("audit_events_at").on("audit_events").column("at").execute();
  await db.schema
    .createIndex("audit_events_agent_at")
    .on("audit_events")
    .columns(["agent_id", "at"])
    .execute();

  await db.schema
    .createTable("consent_records")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("at", "text", (col) => col.notNull())
    .addColumn("agent_id", "text", (col) => col.notNull())
    .addColumn("flow_id", "text", (col) => col.notNull())
    .addColumn("language", "text", (col) => col.notNull())
    .addColumn("aadhaar_masked", "text", (col) => col.notNull())
    .addColumn("text_version", "text", (col) => col.notNull())
    .execute();

  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (col) => col.primaryKey())
    .addColumn("count", "integer", (col) => col.notNull())
    .addColumn("window_ends_at", "text", (col) => col.notNull())
    .addColumn("locked_until", "text")
    .execute();
}
