import type { Kysely, Transaction } from "kysely";
import { engineOf } from "../store/engine.ts";
import type { Database } from "../store/schema.ts";
import { AgentError } from "./agents.ts";

/**
 * Throws `last_admin` when `agentId` is the only enabled admin. Called inside
 * the transaction that disables or demotes them. On PostgreSQL the enabled
 * admins' rows are locked (FOR UPDATE), so two admins disabling each other at
 * the same moment cannot both pass the check; SQLite runs one transaction at
 * a time on the console's single connection.
 */
export async function guardLastActiveAdmin(
  trx: Transaction<Database>,
  agentId: string,
): Promise<void> {
  let query = trx
    .selectFrom("agents")
    .select("id")
    .where("role", "=", "admin")
    .where("disabled", "=", 0);
  if (engineOf(trx as unknown as Kysely<unknown>) === "postgres") query = query.forUpdate();
  const admins = await query.execute();
  if (admins.length === 1 && admins[0]?.id === agentId) {
    throw new AgentError(
      "last_admin",
      "This is the last active admin; make another agent an admin first",
    );
  }
}
