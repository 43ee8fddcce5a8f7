import { type Kysely, sql, type Transaction } from "kysely";
import { engineOf } from "../store/engine.ts";
import type { Database } from "../store/schema.ts";
import { AgentError } from "./agents.ts";

/** pg_advisory_xact_lock key for "who may still be an admin" (any constant; ours alone use it). */
const ADMIN_SET_LOCK = 0x61646d696e; // "admin"

/**
 * Throws `last_admin` when `agentId` is the only enabled admin. Called inside
 * the transaction that disables or demotes them. On PostgreSQL those
 * transactions first take one transaction-scoped advisory lock, so two admins
 * disabling each other at the same moment run one after the other and the
 * second sees the first's change. (Row locks on the admin rows, FOR UPDATE,
 * deadlocked under 20 parallel requests: the rows come back in a different
 * order once one of them has a new version.) SQLite runs one transaction at a
 * time on the console's single connection.
 */
export async function guardLastActiveAdmin(
  trx: Transaction<Database>,
  agentId: string,
): Promise<void> {
  if (engineOf(trx as unknown as Kysely<unknown>) === "postgres") {
    await sql`SELECT pg_advisory_xact_lock(${ADMIN_SET_LOCK})`.execute(trx);
  }
  const admins = await trx
    .selectFrom("agents")
    .select("id")
    .where("role", "=", "admin")
    .where("disabled", "=", 0)
    .execute();
  if (admins.length === 1 && admins[0]?.id === agentId) {
    throw new AgentError(
      "last_admin",
      "This is the last active admin; make another agent an admin first",
    );
  }
}
