import type { Kysely } from "kysely";

/** A password an admin reset is one-time: the agent must replace it at the next sign-in. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("agents")
    .addColumn("must_change_password", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
}
