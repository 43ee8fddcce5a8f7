import type { ExpressionBuilder, Transaction } from "kysely";
import type { FlowRecord, FlowSecrets, InFlightWrite } from "../flows/flow-record.ts";
import type { Db } from "./db.ts";
import { FlowConflictError } from "./errors.ts";
import type { AuditEntry, ConsentEntry } from "./flow-repository.ts";
import type { GroupCommit } from "./group-commit.ts";
import type { Database } from "./schema.ts";

/*
 * The flow row's in-flight write (migration 007) and its sealed secrets'
 * review time: the queries the step pipeline and the maintenance run on top
 * of the flow repository's own (flow-repository.ts). Each is one conditional
 * UPDATE on the flow row (version, lock, client_ref_id) with its audit rows in
 * the same transaction, so any number of instances agree on who changed it.
 */

/** How long sealed secrets are useful after the flow was last touched (the purge's clock). */
export type SecretLifetimes = { otpRefSeconds: number; walletTokenSeconds: number };

/** A write's answer never saved: the flow's new state and the audit row that says so. */
export type Resolution = { step: FlowRecord["step"]; secrets: FlowSecrets; audit: AuditEntry };

export const NO_INTENT = {
  inflight_call: null,
  inflight_client_ref_id: null,
  inflight_started_at: null,
  inflight_action: null,
  inflight_unknown_as: null,
  inflight_agent_id: null,
} as const;

/** The earliest end of a held secret's useful life, counted from `at` (the flow's last change). */
export function secretsReviewAt(
  secrets: FlowSecrets,
  at: string,
  lifetimes: SecretLifetimes | undefined,
): string | null {
  if (!lifetimes) return null;
  const ends: number[] = [];
  if (secrets.otpRefId) ends.push(lifetimes.otpRefSeconds);
  if (secrets.walletToken || secrets.walletId) ends.push(lifetimes.walletTokenSeconds);
  if (ends.length === 0) return null;
  return new Date(Date.parse(at) + Math.min(...ends) * 1000).toISOString();
}

/** Nobody holds the flow's lock (free, or its holder's time is up). */
const lockFree = (nowIso: string) => (eb: ExpressionBuilder<Database, "flows">) =>
  eb.or([eb("lock_owner", "is", null), eb("lock_expires_at", "<", nowIso)]);

/** What the repository shares with these queries. */
export type RowWriters = {
  db: Db;
  /** The step's own writes: committed with the other saves of their event-loop turn. */
  commit: GroupCommit;
  iso: () => string;
  sealSecrets: (flowId: string, secrets: FlowSecrets) => string;
  insertAudits: (trx: Transaction<Database>, entries: AuditEntry[], at: string) => Promise<void>;
  insertConsent: (trx: Transaction<Database>, consent: ConsentEntry, at: string) => Promise<void>;
  reviewAt: (secrets: FlowSecrets, at: string) => string | null;
};

export function createInFlightQueries({
  db,
  commit,
  iso,
  sealSecrets,
  insertAudits,
  insertConsent,
  reviewAt,
}: RowWriters) {
  return {
    /**
     * Before an Eko write leaves: records it as in flight on the flow, with its
     * "attempted" audit row, in one transaction — only while `owner` still
     * holds the lock on this version (else FlowConflictError, and nothing is sent).
     */
    async markInFlight(
      record: FlowRecord,
      owner: string,
      intent: InFlightWrite,
      attempted: AuditEntry,
    ): Promise<void> {
      const at = iso();
      await commit(async (trx) => {
        const result = await trx
          .updateTable("flows")
          .set({
            inflight_call: intent.call,
            inflight_client_ref_id: intent.clientRefId,
            inflight_started_at: intent.startedAt,
            inflight_action: intent.action,
            inflight_unknown_as: intent.unknownAs,
            inflight_agent_id: intent.agentId,
          })
          .where("id", "=", record.id)
          .where("version", "=", record.version)
          .where("lock_owner", "=", owner)
          .where("lock_expires_at", ">", at)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw new FlowConflictError(record.id);
        await insertAudits(trx, [attempted], at);
      });
    },

    /**
     * A write that changed nothing (Eko refused it, or it provably never
     * arrived): its audit rows, and the flow no longer has it in flight.
     */
    async settleRefused(
      flowId: string,
      owner: string,
      audits: AuditEntry[],
      consent?: ConsentEntry,
    ): Promise<void> {
      const at = iso();
      await commit(async (trx) => {
        await trx
          .updateTable("flows")
          .set(NO_INTENT)
          .where("id", "=", flowId)
          .where("lock_owner", "=", owner)
          .execute();
        await insertAudits(trx, audits, at);
        if (consent) await insertConsent(trx, consent, at);
      });
    },

    /**
     * Settles a write whose answer was never saved: the new state and its
     * audit row, if the flow still has that write in flight on this version and
     * its lock is no longer held by the request that sent it — `heldBy` is the
     * caller's own lock (taken after the old one ended), or null: then only a
     * free or expired lock, which is released. Null when another request got
     * there first or the write may still be answered.
     */
    async resolveInFlight(
      record: FlowRecord,
      resolution: Resolution,
      heldBy: string | null,
    ): Promise<FlowRecord | null> {
      const intent = record.inFlight;
      if (!intent) return null;
      const at = iso();
      const resolved = await db.transaction().execute(async (trx) => {
        let update = trx
          .updateTable("flows")
          .set({
            step_json: JSON.stringify(resolution.step),
            sealed_secrets: sealSecrets(record.id, resolution.secrets),
            version: record.version + 1,
            updated_at: at,
            ...NO_INTENT,
            secrets_review_at: reviewAt(resolution.secrets, at),
            ...(heldBy ? {} : { lock_owner: null, lock_expires_at: null }),
          })
          .where("id", "=", record.id)
          .where("version", "=", record.version)
          .where("inflight_client_ref_id", "=", intent.clientRefId);
        update = heldBy ? update.where("lock_owner", "=", heldBy) : update.where(lockFree(at));
        const result = await update.executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        await insertAudits(trx, [resolution.audit], at);
        return true;
      });
      if (!resolved) return null;
      const { inFlight: _lost, ...rest } = record;
      return {
        ...rest,
        step: resolution.step,
        secrets: resolution.secrets,
        version: record.version + 1,
        updatedAt: at,
      };
    },

    /** Flows with a write in flight whose lock is gone: the crash leftovers (maintenance). */
    async abandonedWrites(limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom("flows")
        .select("id")
        .where("inflight_client_ref_id", "is not", null)
        .where(lockFree(iso()))
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },

    /** Flows whose sealed secrets are due for the purge, not locked and with no write in flight. */
    async secretsDue(limit: number): Promise<string[]> {
      const at = iso();
      const rows = await db
        .selectFrom("flows")
        .select("id")
        .where("secrets_review_at", "<=", at)
        .where("inflight_client_ref_id", "is", null)
        .where(lockFree(at))
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },

    /**
     * The purge's write: the flow without its spent secrets (and the step
     * that no longer needs them), if nobody changed or locked it since it was read.
     * `updated_at` stays: the flow was not touched by anyone. False if it moved.
     */
    async purgeSecrets(
      record: FlowRecord,
      change: { step: FlowRecord["step"]; secrets: FlowSecrets; audits: AuditEntry[] },
    ): Promise<boolean> {
      const at = iso();
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable("flows")
          .set({
            step_json: JSON.stringify(change.step),
            sealed_secrets: sealSecrets(record.id, change.secrets),
            version: record.version + 1,
            secrets_review_at: reviewAt(change.secrets, record.updatedAt),
          })
          .where("id", "=", record.id)
          .where("version", "=", record.version)
          .where("inflight_client_ref_id", "is", null)
          .where(lockFree(at))
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        await insertAudits(trx, change.audits, at);
        return true;
      });
    },
  };
}
