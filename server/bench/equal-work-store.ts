import { createHash } from "node:crypto";
import { DatabaseSync, type StatementSync } from "node:sqlite";

/*
 * The equal-work peer's store: node:sqlite (Node 24's built-in SQLite) in WAL
 * with synchronous=NORMAL — the console's own settings — and every statement
 * prepared once at start-up and reused. The file's schema is the console's
 * own: the bench runs the console's migrations on it before the peer starts
 * (peers.ts), so both write the same tables, indexes and audit triggers.
 */

export type SessionRow = {
  agent_id: string;
  eko_user_code: string;
  role: string;
  disabled: number;
  last_seen_at: string;
  expires_at: string;
};
export type LimitRow = { count: number; window_ends_at: string; locked_until: string | null };
export type Slot = { key: string; window: string; limit: number };
export type FlowRow = {
  id: string;
  agentId: string;
  rail: string;
  mobile: string;
  mobileLookup: string;
  stepJson: string;
  sealedSecrets: string;
  secretsReviewAt: string | null;
  at: string;
};
export type AuditRow = {
  id: string;
  agentId: string;
  action: string;
  rail: string;
  flowId: string;
  flowReference: string;
  mobileMasked: string;
  mobileLookup: string;
  responseTypeId: number | null;
  outcome: string;
  requestId: string;
  latencyMs: number | null;
};

export const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** Limit keys name people; the table only needs to tell them apart (as the console stores them). */
export function limitStorageKey(scope: string, subject: string): string {
  return `${scope}:${createHash("sha256").update(subject).digest("base64url").slice(0, 32)}`;
}

export function openEqualWorkStore(path: string) {
  const db = new DatabaseSync(path, { timeout: 5_000 });
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA foreign_keys = ON");

  const prepared = (sql: string): StatementSync => db.prepare(sql);
  const session = prepared(
    `SELECT a.id AS agent_id, a.eko_user_code, a.role, a.disabled, s.last_seen_at, s.expires_at
     FROM sessions s JOIN agents a ON a.id = s.agent_id WHERE s.id_hash = ?`,
  );
  const touch = prepared("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?");
  const limit = prepared(
    "SELECT count, window_ends_at, locked_until FROM rate_limits WHERE key = ?",
  );
  const latestSteps = prepared(
    "SELECT step_json FROM flows WHERE mobile_lookup = ? ORDER BY updated_at DESC LIMIT 5",
  );
  // ?1 key, ?2 the window's end for a new or ended window, ?3 now, ?4 the limit.
  const reserve = prepared(
    `INSERT INTO rate_limits (key, count, window_ends_at) VALUES (?1, 1, ?2)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limits.window_ends_at <= ?3 THEN 1 ELSE rate_limits.count + 1 END,
       window_ends_at = CASE WHEN rate_limits.window_ends_at <= ?3 THEN ?2 ELSE rate_limits.window_ends_at END
     WHERE (rate_limits.locked_until IS NULL OR rate_limits.locked_until <= ?3)
       AND (rate_limits.window_ends_at <= ?3 OR rate_limits.count < ?4)
     RETURNING count, window_ends_at`,
  );
  const release = prepared(
    "UPDATE rate_limits SET count = count - 1 WHERE key = ? AND window_ends_at = ? AND count > 0",
  );
  const insertFlow = prepared(
    `INSERT INTO flows (id, agent_id, rail, mobile, step_json, sealed_secrets, version, created_at,
       updated_at, secrets_review_at, mobile_lookup)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
  );
  const insertAudit = prepared(
    `INSERT INTO audit_events (id, at, agent_id, action, rail, flow_id, mobile_masked,
       eko_response_type_id, outcome, request_id, latency_ms, mobile_lookup, flow_reference)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const begin = prepared("BEGIN IMMEDIATE");
  const commit = prepared("COMMIT");
  const rollback = prepared("ROLLBACK");
  const inTransaction = <T>(work: () => T): T => {
    begin.run();
    try {
      const result = work();
      commit.run();
      return result;
    } catch (error) {
      rollback.run();
      throw error;
    }
  };

  return {
    session: (idHash: string) => session.get(idHash) as SessionRow | undefined,
    touchSession: (idHash: string, at: string) => touch.run(at, idHash),
    limit: (key: string) => limit.get(key) as LimitRow | undefined,
    latestStepsJson: (mobileLookup: string) =>
      (latestSteps.all(mobileLookup) as { step_json: string }[]).map((row) => row.step_json),
    /**
     * Reserve, then act: one slot of each key, all or none, in one
     * transaction before the Eko call (so 20 starts at once cannot all pass
     * a read). Null when a key is full or locked.
     */
    reserveAll(keys: { key: string; limit: number }[], windowEnd: string, now: string) {
      try {
        return inTransaction(() =>
          keys.map(({ key, limit: max }): Slot => {
            const row = reserve.get(key, windowEnd, now, max) as LimitRow | undefined;
            if (!row) throw new SlotRefused();
            return { key, window: row.window_ends_at, limit: max };
          }),
        );
      } catch (error) {
        if (error instanceof SlotRefused) return null;
        throw error;
      }
    },
    releaseAll: (slots: Slot[]) =>
      inTransaction(() => {
        for (const slot of slots) release.run(slot.key, slot.window);
      }),
    /** The flow row and its audit row commit together (with the slots given back), or none does. */
    createFlow(flow: FlowRow, audit: AuditRow, releasing: Slot[]): void {
      inTransaction(() => {
        for (const slot of releasing) release.run(slot.key, slot.window);
        insertFlow.run(
          flow.id,
          flow.agentId,
          flow.rail,
          flow.mobile,
          flow.stepJson,
          flow.sealedSecrets,
          flow.at,
          flow.at,
          flow.secretsReviewAt,
          flow.mobileLookup,
        );
        insertAudit.run(
          audit.id,
          flow.at,
          audit.agentId,
          audit.action,
          audit.rail,
          audit.flowId,
          audit.mobileMasked,
          audit.responseTypeId,
          audit.outcome,
          audit.requestId,
          audit.latencyMs,
          audit.mobileLookup,
          audit.flowReference,
        );
      });
    },
    /** The bench's own set-up: one agent and one live session for `sessionId`. */
    seed(sessionId: string, userCode: string, now: Date): void {
      const at = now.toISOString();
      const expires = new Date(now.getTime() + 12 * 3600_000).toISOString();
      db.prepare(
        `INSERT OR IGNORE INTO agents (id, login, name, password_hash, eko_user_code, role, created_at)
         VALUES ('bench-agent', 'bench', 'Bench Agent', 'not-used', ?, 'agent', ?)`,
      ).run(userCode, at);
      db.prepare(
        `INSERT OR REPLACE INTO sessions (id_hash, agent_id, created_at, last_seen_at, expires_at)
         VALUES (?, 'bench-agent', ?, ?, ?)`,
      ).run(sha256Hex(sessionId), at, at, expires);
    },
    close: () => db.close(),
  };
}

class SlotRefused extends Error {}
