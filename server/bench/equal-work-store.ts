import { createHash } from "node:crypto";
import { DatabaseSync, type StatementSync } from "node:sqlite";

/*
 * The equal-work peer's store: node:sqlite (Node 24's built-in SQLite) in WAL
 * with synchronous=NORMAL — the console's own settings — the console's tables
 * and indexes, and every statement prepared once at start-up and reused.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS agents (
  id TEXT PRIMARY KEY, login TEXT NOT NULL UNIQUE, name TEXT NOT NULL, password_hash TEXT NOT NULL,
  eko_user_code TEXT NOT NULL, role TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL DEFAULT 'en', created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  id_hash TEXT PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES agents(id), created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_agent ON sessions(agent_id);
CREATE TABLE IF NOT EXISTS flows (
  id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, rail TEXT NOT NULL, mobile TEXT NOT NULL,
  step_json TEXT NOT NULL, sealed_secrets TEXT NOT NULL, version INTEGER NOT NULL,
  lock_owner TEXT, lock_expires_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_events (
  id TEXT PRIMARY KEY, at TEXT NOT NULL, agent_id TEXT NOT NULL, action TEXT NOT NULL, rail TEXT,
  flow_id TEXT, mobile_masked TEXT, eko_response_type_id INTEGER, outcome TEXT NOT NULL,
  request_id TEXT NOT NULL, latency_ms INTEGER, detail TEXT);
CREATE INDEX IF NOT EXISTS audit_events_at ON audit_events(at);
CREATE INDEX IF NOT EXISTS audit_events_agent_at ON audit_events(agent_id, at);
CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TABLE IF NOT EXISTS rate_limits (
  key TEXT PRIMARY KEY, count INTEGER NOT NULL, window_ends_at TEXT NOT NULL, locked_until TEXT);
`;

export type SessionRow = {
  agent_id: string;
  eko_user_code: string;
  role: string;
  disabled: number;
  last_seen_at: string;
  expires_at: string;
};
export type LimitRow = { count: number; window_ends_at: string; locked_until: string | null };
export type FlowRow = {
  id: string;
  agentId: string;
  rail: string;
  mobile: string;
  stepJson: string;
  sealedSecrets: string;
  at: string;
};
export type AuditRow = {
  id: string;
  agentId: string;
  action: string;
  rail: string;
  flowId: string;
  mobileMasked: string;
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
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA busy_timeout = 5000");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec(SCHEMA);

  const prepared = (sql: string): StatementSync => db.prepare(sql);
  const session = prepared(
    `SELECT a.id AS agent_id, a.eko_user_code, a.role, a.disabled, s.last_seen_at, s.expires_at
     FROM sessions s JOIN agents a ON a.id = s.agent_id WHERE s.id_hash = ?`,
  );
  const touch = prepared("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?");
  const limit = prepared(
    "SELECT count, window_ends_at, locked_until FROM rate_limits WHERE key = ?",
  );
  const consume = prepared(
    `INSERT INTO rate_limits (key, count, window_ends_at) VALUES (?, 1, ?)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limits.window_ends_at <= ?3 THEN 1 ELSE rate_limits.count + 1 END,
       window_ends_at = CASE WHEN rate_limits.window_ends_at <= ?3 THEN ?2 ELSE rate_limits.window_ends_at END`,
  );
  const insertFlow = prepared(
    `INSERT INTO flows (id, agent_id, rail, mobile, step_json, sealed_secrets, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const insertAudit = prepared(
    `INSERT INTO audit_events (id, at, agent_id, action, rail, flow_id, mobile_masked,
       eko_response_type_id, outcome, request_id, latency_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const begin = prepared("BEGIN IMMEDIATE");
  const commit = prepared("COMMIT");
  const rollback = prepared("ROLLBACK");

  return {
    session: (idHash: string) => session.get(idHash) as SessionRow | undefined,
    touchSession: (idHash: string, at: string) => touch.run(at, idHash),
    limit: (key: string) => limit.get(key) as LimitRow | undefined,
    /** Counts one OTP send (`?3` is now, `?2` the window's end for a new or expired window). */
    consume: (key: string, windowEnd: string, now: string) => consume.run(key, windowEnd, now),
    /** The flow row and its audit row commit together, or neither does. */
    createFlow(flow: FlowRow, audit: AuditRow): void {
      begin.run();
      try {
        insertFlow.run(
          flow.id,
          flow.agentId,
          flow.rail,
          flow.mobile,
          flow.stepJson,
          flow.sealedSecrets,
          flow.at,
          flow.at,
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
        );
        commit.run();
      } catch (error) {
        rollback.run();
        throw error;
      }
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
