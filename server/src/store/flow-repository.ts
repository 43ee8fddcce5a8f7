import { createSecretKey, type KeyObject, randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { type Step, stepSchema } from "../contract/flow-view.ts";
import type { Rail } from "../contract/rails.ts";
import type {
  FlowRecord,
  FlowSecrets,
  InFlightWrite,
  UnknownAction,
} from "../flows/flow-record.ts";
import type { AgentContext } from "../middleware/agent-context.ts";
import { type AuditEventInput, recordAuditEvent } from "./audit-events.ts";
import { compiledOnce, type Db } from "./db.ts";
import { FlowConflictError } from "./errors.ts";
import {
  createInFlightQueries,
  NO_INTENT,
  type SecretLifetimes,
  secretsReviewAt,
} from "./flow-intents.ts";
import { groupCommitOf } from "./group-commit.ts";
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

export type { Resolution, SecretLifetimes } from "./flow-intents.ts";
/** What the open-flows list needs of a flow: no secrets. */
export type OpenFlowRow = Pick<
  FlowRecord,
  "id" | "rail" | "mobile" | "step" | "createdAt" | "updatedAt"
>;

/**
 * Flows, their sealed secrets, the per-flow lock and the audit trail. Every
 * change of a flow is written in one transaction with its audit row(s), so
 * the activity log cannot disagree with the flow.
 */
/**
 * Flows sealed before migration 007 may hold Levin's full Aadhaar (`aadhaar`):
 * dropped on read, so the flow's next save no longer carries it.
 */
/** Every flow start writes one: compiled once (store/db.ts). */
const insertFlow = compiledOnce(
  [
    "id",
    "agentId",
    "rail",
    "mobile",
    "stepJson",
    "sealedSecrets",
    "version",
    "createdAt",
    "updatedAt",
    "secretsReviewAt",
    "mobileLookup",
  ],
  (db, value) =>
    db.insertInto("flows").values({
      id: value.id,
      agent_id: value.agentId,
      rail: value.rail,
      mobile: value.mobile,
      step_json: value.stepJson,
      sealed_secrets: value.sealedSecrets,
      version: value.version,
      lock_owner: null,
      lock_expires_at: null,
      created_at: value.createdAt,
      updated_at: value.updatedAt,
      secrets_review_at: value.secretsReviewAt,
      mobile_lookup: value.mobileLookup,
    }),
);

function withoutLegacyAadhaar(secrets: FlowSecrets & { aadhaar?: string }): FlowSecrets {
  const { aadhaar: _legacy, ...rest } = secrets;
  return rest;
}

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

  let lookupSecret: KeyObject | undefined;
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

  const reviewAt = (secrets: FlowSecrets, at: string) =>
    secretsReviewAt(secrets, at, options.secretLifetimes);

  // A step's final save (and the intent before an Eko write) commits with the
  // other saves of its event-loop turn: one COMMIT for the batch (group-commit.ts).
  const commit = groupCommitOf(db);
  const shared = { db, commit, iso, sealSecrets, insertAudits, insertConsent, reviewAt };
  return {
    ...createInFlightQueries(shared),
    async create(record: FlowRecord, audits: AuditEntry[]): Promise<void> {
      await commit(async (trx) => {
        await insertFlow(trx, {
          id: record.id,
          agentId: record.agentId,
          rail: record.rail,
          mobile: record.mobile,
          stepJson: JSON.stringify(record.step),
          sealedSecrets: sealSecrets(record.id, record.secrets),
          version: record.version,
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
          secretsReviewAt: reviewAt(record.secrets, record.createdAt),
          // For the open-flows search by full mobile (openFlows below).
          mobileLookup: mobileLookup(record.mobile),
        });
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
        secrets: withoutLegacyAadhaar(
          JSON.parse(open(sealingKey(), row.sealed_secrets, row.id)) as FlowSecrets,
        ),
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
      await commit(async (trx) => {
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

    /** Audit rows (and a consent record) on their own: a refused or failed step that changed nothing. */
    async record(audits: AuditEntry[], consent?: ConsentEntry): Promise<void> {
      const at = iso();
      await commit(async (trx) => {
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

    // ── Open flows (issue #15 §2): the start page's "customers in progress". ──

    /**
     * The agent's own flows started after `since`, newest first, optionally
     * only those for one full mobile (matched by its keyed hash). Which of
     * them are still open is the caller's call: it depends on the step.
     */
    async listRecent(
      agentId: string,
      filter: { since: Date; mobile?: string; limit: number },
    ): Promise<OpenFlowRow[]> {
      let query = db
        .selectFrom("flows")
        .select(["id", "rail", "mobile", "step_json", "created_at", "updated_at"])
        .where("agent_id", "=", agentId)
        .where("created_at", ">=", filter.since.toISOString());
      if (filter.mobile) query = query.where("mobile_lookup", "=", mobileLookup(filter.mobile));
      const rows = await query.orderBy("created_at", "desc").limit(filter.limit).execute();
      return rows.map((row) => ({
        id: row.id,
        rail: row.rail as Rail,
        mobile: row.mobile,
        step: stepSchema.parse(JSON.parse(row.step_json)),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }));
    },

    /** The steps of the latest flows for this mobile, any agent's (the start's lock pre-check). */
    async latestStepsForMobile(mobile: string, filter: { limit: number }): Promise<Step[]> {
      const rows = await db
        .selectFrom("flows")
        .select("step_json")
        .where("mobile_lookup", "=", mobileLookup(mobile))
        .orderBy("updated_at", "desc")
        .limit(filter.limit)
        .execute();
      return rows.map((row) => stepSchema.parse(JSON.parse(row.step_json)));
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
