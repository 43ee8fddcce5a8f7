import { createSecretKey, type KeyObject, randomUUID } from "node:crypto";
import type { ExpressionBuilder, Transaction } from "kysely";
import { stepSchema } from "../contract/flow-view.ts";
import type { Rail } from "../contract/rails.ts";
import type {
  FlowRecord,
  FlowSecrets,
  InFlightWrite,
  UnknownAction,
} from "../flows/flow-record.ts";
import type { AgentContext } from "../middleware/agent-context.ts";
import { type AuditEventInput, recordAuditEvent } from "./audit-events.ts";
import type { Db } from "./db.ts";
import { FlowConflictError } from "./errors.ts";
import { deriveMobileLookupSecret, mobileLookupKey } from "./mobile-lookup.ts";
import type { Database } from "./schema.ts";
import { open, seal } from "./sealed-box.ts";

/**
 * One row of audit_events (the activity page reads them); the time is the save's.
 * `customerMobile` is the full number: only its keyed hash is stored (mobile_lookup).
 */
export type AuditEntry = Omit<AuditEventInput, "at" | "mobileLookup"> & {
  customerMobile?: string | null;
};

/** Aadhaar consent (C.5 / B.7): the number appears only as its last four digits. */
export type ConsentEntry = {
  agentId: string;
  flowId: string;
  language: string;
  aadhaarMasked: string;
  textVersion: string;
  /** DigiKhata: Eko's consentId, the digest of the text shown, whether its audio was played. */
  ekoConsentId: string | null;
  textSha256: string | null;
  audioPlayed: boolean | null;
};

export type FlowRepository = ReturnType<typeof createFlowRepository>;

/** How long sealed secrets are useful after the flow was last touched (the purge's clock). */
export type SecretLifetimes = { otpRefSeconds: number; walletTokenSeconds: number };

/** A write's answer never saved: the flow's new state and the audit row that says so. */
export type Resolution = { step: FlowRecord["step"]; secrets: FlowSecrets; audit: AuditEntry };

const NO_INTENT = {
  inflight_call: null,
  inflight_client_ref_id: null,
  inflight_started_at: null,
  inflight_action: null,
  inflight_unknown_as: null,
  inflight_agent_id: null,
} as const;

/**
 * Flows, their sealed secrets, the per-flow lock and the audit trail. Every
 * change of a flow is written in one transaction with its audit row(s), so
 * the activity log cannot disagree with the flow.
 */
export function createFlowRepository(
  db: Db,
  /** `stateKey` is read when first needed (a generated key file is only created then). */
  options: { stateKey: () => Buffer; now: () => Date; secretLifetimes?: SecretLifetimes },
) {
  const iso = () => options.now().toISOString();
  // One KeyObject: a raw Buffer key is re-imported by every cipher call.
  let key: KeyObject | undefined;
  const sealingKey = () => {
    key ??= createSecretKey(options.stateKey());
    return key;
  };

  let lookupSecret: Buffer | undefined;
  const mobileLookup = (mobile: string | null | undefined) => {
    if (!mobile) return null;
    lookupSecret ??= deriveMobileLookupSecret(options.stateKey());
    return mobileLookupKey(mobile, lookupSecret);
  };

  async function insertAudits(trx: Transaction<Database> | Db, entries: AuditEntry[], at: string) {
    for (const { customerMobile, ...entry } of entries) {
      await recordAuditEvent(trx, {
        ...entry,
        mobileLookup: mobileLookup(customerMobile),
        at: new Date(at),
      });
    }
  }

  async function insertConsent(trx: Transaction<Database>, consent: ConsentEntry, at: string) {
    await trx
      .insertInto("consent_records")
      .values({
        id: randomUUID(),
        at,
        agent_id: consent.agentId,
        flow_id: consent.flowId,
        language: consent.language,
        aadhaar_masked: consent.aadhaarMasked,
        text_version: consent.textVersion,
        eko_consent_id: consent.ekoConsentId,
        text_sha256: consent.textSha256,
        audio_played: consent.audioPlayed === null ? null : consent.audioPlayed ? 1 : 0,
      })
      .execute();
  }

  const sealSecrets = (flowId: string, secrets: FlowSecrets) =>
    seal(sealingKey(), JSON.stringify(secrets), flowId);

  /** The earliest end of a held secret's useful life, counted from `at` (the flow's last change). */
  const reviewAt = (secrets: FlowSecrets, at: string): string | null => {
    const lifetimes = options.secretLifetimes;
    if (!lifetimes) return null;
    const ends: number[] = [];
    if (secrets.otpRefId) ends.push(lifetimes.otpRefSeconds);
    if (secrets.walletToken || secrets.walletId) ends.push(lifetimes.walletTokenSeconds);
    if (ends.length === 0) return null;
    return new Date(Date.parse(at) + Math.min(...ends) * 1000).toISOString();
  };

  /** Nobody holds the flow's lock (free, or its holder's time is up). */
  const lockFree = (nowIso: string) => (eb: ExpressionBuilder<Database, "flows">) =>
    eb.or([eb("lock_owner", "is", null), eb("lock_expires_at", "<", nowIso)]);

  return {
    async create(record: FlowRecord, audits: AuditEntry[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("flows")
          .values({
            id: record.id,
            agent_id: record.agentId,
            rail: record.rail,
            mobile: record.mobile,
            step_json: JSON.stringify(record.step),
            sealed_secrets: sealSecrets(record.id, record.secrets),
            version: record.version,
            lock_owner: null,
            lock_expires_at: null,
            created_at: record.createdAt,
            updated_at: record.updatedAt,
            secrets_review_at: reviewAt(record.secrets, record.createdAt),
          })
          .execute();
        await insertAudits(trx, audits, record.createdAt);
      });
    },

    /** Agents see their own flows; admins any. Someone else's flow is simply not found. */
    async get(id: string, agent: Pick<AgentContext, "id" | "role">): Promise<FlowRecord | null> {
      const row = await db.selectFrom("flows").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row || (row.agent_id !== agent.id && agent.role !== "admin")) return null;
      return {
        id: row.id,
        agentId: row.agent_id,
        rail: row.rail as Rail,
        mobile: row.mobile,
        step: stepSchema.parse(JSON.parse(row.step_json)),
        secrets: JSON.parse(open(sealingKey(), row.sealed_secrets, row.id)) as FlowSecrets,
        version: Number(row.version),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        ...(row.inflight_client_ref_id
          ? {
              inFlight: {
                call: row.inflight_call ?? "",
                clientRefId: row.inflight_client_ref_id,
                startedAt: row.inflight_started_at ?? "",
                action: row.inflight_action ?? "",
                unknownAs: row.inflight_unknown_as as UnknownAction,
                agentId: row.inflight_agent_id ?? row.agent_id,
              } satisfies InFlightWrite,
            }
          : {}),
      };
    },

    /**
     * Saves `record` if nobody saved since it was read (optimistic version
     * check), with its audit rows and consent record, and releases the lock.
     */
    async save(
      record: FlowRecord,
      changes: { audits: AuditEntry[]; consent?: ConsentEntry },
    ): Promise<FlowRecord> {
      const at = iso();
      await db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable("flows")
          .set({
            step_json: JSON.stringify(record.step),
            sealed_secrets: sealSecrets(record.id, record.secrets),
            version: record.version + 1,
            updated_at: at,
            lock_owner: null,
            lock_expires_at: null,
            // The answer is saved: the write is no longer in flight.
            ...NO_INTENT,
            secrets_review_at: reviewAt(record.secrets, at),
          })
          .where("id", "=", record.id)
          .where("version", "=", record.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) {
          throw new FlowConflictError(record.id);
        }
        await insertAudits(trx, changes.audits, at);
        if (changes.consent) await insertConsent(trx, changes.consent, at);
      });
      const { inFlight: _done, ...saved } = record;
      return { ...saved, version: record.version + 1, updatedAt: at };
    },

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
      await db.transaction().execute(async (trx) => {
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
      await db.transaction().execute(async (trx) => {
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

    /** Audit rows (and a consent record) on their own: a refused or failed step that changed nothing. */
    async record(audits: AuditEntry[], consent?: ConsentEntry): Promise<void> {
      const at = iso();
      await db.transaction().execute(async (trx) => {
        await insertAudits(trx, audits, at);
        if (consent) await insertConsent(trx, consent, at);
      });
    },

    /**
     * Takes the flow's lock if it is free or expired — one conditional UPDATE,
     * so of two racing requests (two tabs, two instances) exactly one wins.
     */
    async lock(id: string, owner: string, ttlMs: number): Promise<boolean> {
      const now = options.now();
      const result = await db
        .updateTable("flows")
        .set({ lock_owner: owner, lock_expires_at: new Date(now.getTime() + ttlMs).toISOString() })
        .where("id", "=", id)
        .where((eb) =>
          eb.or([eb("lock_owner", "is", null), eb("lock_expires_at", "<", now.toISOString())]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async unlock(id: string, owner: string): Promise<void> {
      await db
        .updateTable("flows")
        .set({ lock_owner: null, lock_expires_at: null })
        .where("id", "=", id)
        .where("lock_owner", "=", owner)
        .execute();
    },
  };
}
