import { sql } from "kysely";
import type { Db } from "./db.ts";
import { pendingMigrations } from "./migrate.ts";

export type Readiness =
  | { ready: true }
  | {
      ready: false;
      reason: "store_unreachable" | "store_timeout" | "migrations_pending";
      detail?: string;
    };

/** A store that takes longer than this to answer `SELECT 1` is as good as down for a load balancer. */
const READINESS_TIMEOUT_MS = 2_000;

/**
 * Whether this instance can serve agents: the store answers, and its schema is
 * the one this build expects (an instance started on a store another build
 * has not migrated yet would fail on its first write).
 */
export async function checkReadiness(db: Db): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), READINESS_TIMEOUT_MS);
  });
  try {
    const answered = await Promise.race([sql`SELECT 1`.execute(db), timeout]);
    if (answered === "timeout") return { ready: false, reason: "store_timeout" };
    const pending = await pendingMigrations(db);
    if (pending.length > 0) {
      return { ready: false, reason: "migrations_pending", detail: pending.join(", ") };
    }
    return { ready: true };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      ready: false,
      reason: "store_unreachable",
      // The driver's code (ECONNREFUSED, 57P01…), never its message: that can name hosts.
      ...(typeof code === "string" ? { detail: code } : {}),
    };
  } finally {
    clearTimeout(timer);
  }
}
