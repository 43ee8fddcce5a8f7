import { type Kysely, sql } from "kysely";
import { engineOf } from "../engine.ts";

/**
 * SQLite's `INSERT OR REPLACE` / `REPLACE INTO` resolve a key conflict by
 * deleting the old row, and that implicit delete fires no DELETE trigger
 * (unless `recursive_triggers` is on in that very connection, which a
 * sqlite3 prompt does not have) — so 002's triggers let a client rewrite an
 * audit row. This trigger refuses any insert whose id or rowid is already
 * taken, before the conflict is resolved. PostgreSQL has no REPLACE; its
 * `ON CONFLICT DO UPDATE` is an UPDATE, which 002 refuses already.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === "postgres") return;
  // NEW.rowid is -1 in a BEFORE INSERT trigger when the rowid is left to SQLite,
  // which no audit row has; a rowid given explicitly is checked like the id.
  await sql`
    CREATE TRIGGER audit_events_no_replace BEFORE INSERT ON audit_events
    WHEN EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id OR rowid = NEW.rowid)
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only (REPLACE refused)'); END`.execute(db);
}
