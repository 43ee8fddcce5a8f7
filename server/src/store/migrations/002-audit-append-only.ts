import { type Kysely, sql } from "kysely";
import { engineOf } from "../engine.ts";

/**
 * The audit trail is evidence: once written, a row is never changed or removed,
 * whatever code (or person with a SQL prompt) asks. Enforced in the database on
 * both engines. Also adds `detail` (why a sign-in failed, …) and the index that
 * signing an agent out everywhere needs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("audit_events").addColumn("detail", "text").execute();
  await db.schema.createIndex("sessions_agent").on("sessions").column("agent_id").execute();

  if (engineOf(db) === "postgres") {
    await sql`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`.execute(db);
    await sql`
      CREATE TRIGGER audit_events_append_only
      BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
    await sql`
      CREATE TRIGGER audit_events_no_truncate
      BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`.execute(db);
    return;
  }
  // SQLite has no TRUNCATE; a trigger also disables its DELETE-all shortcut.
  await sql`
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only (UPDATE refused)'); END`.execute(db);
  await sql`
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only (DELETE refused)'); END`.execute(db);
}
