import { createHash, randomBytes } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { SessionEndReason } from "../contract/auth.ts";
import type { Env } from "../env.ts";
import { compiledOnce, type Db } from "../store/db.ts";
import { type AgentRecord, toAgentRecord } from "./agents.ts";

export type SessionSettings = Env["session"];

/**
 * last_seen_at is written at most this often: a request per second from a busy
 * agent should not be a database write per second. The idle timeout is
 * therefore exact to within this many seconds.
 */
const TOUCH_INTERVAL_SECONDS = 30;

/** The cookie holds 32 random bytes; the store holds only their SHA-256. */
export function hashSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

export async function createSession(
  db: Db,
  agentId: string,
  now: Date,
  settings: SessionSettings,
): Promise<string> {
  const sessionId = randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({
      id_hash: hashSessionId(sessionId),
      agent_id: agentId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + settings.absoluteSeconds * 1000).toISOString(),
    })
    .execute();
  return sessionId;
}

/** Every API request runs it: compiled once (store/db.ts). */
const sessionLookup = compiledOnce(["idHash"], (db, { idHash }) =>
  db
    .selectFrom("sessions")
    .innerJoin("agents", "agents.id", "sessions.agent_id")
    .selectAll("agents")
    .select(["sessions.last_seen_at", "sessions.expires_at"])
    .where("sessions.id_hash", "=", idHash),
);

export type SessionLookup =
  | { ok: true; agent: AgentRecord }
  | { ok: false; reason: Exclude<SessionEndReason, "bad-credentials"> };

/**
 * The agent behind a session cookie, or why there is none. An idle, expired
 * or disabled agent's session is deleted on the spot, so it answers
 * `no-session` from then on.
 */
export async function resolveSession(
  db: Db,
  sessionId: string | undefined,
  now: Date,
  settings: SessionSettings,
): Promise<SessionLookup> {
  if (!sessionId || sessionId.length > 128) return { ok: false, reason: "no-session" };
  const idHash = hashSessionId(sessionId);
  const [row] = (await sessionLookup(db, { idHash })).rows;
  if (!row) return { ok: false, reason: "no-session" };

  const nowMs = now.getTime();
  const idleMs = nowMs - Date.parse(row.last_seen_at);
  const reason =
    nowMs >= Date.parse(row.expires_at)
      ? "expired"
      : idleMs >= settings.idleSeconds * 1000
        ? "idle-timeout"
        : row.disabled
          ? "disabled"
          : null;
  if (reason) {
    await deleteSession(db, sessionId);
    return { ok: false, reason };
  }
  if (idleMs >= TOUCH_INTERVAL_SECONDS * 1000) {
    await db
      .updateTable("sessions")
      .set({ last_seen_at: now.toISOString() })
      .where("id_hash", "=", idHash)
      .execute();
  }
  const { last_seen_at: _seen, expires_at: _expires, ...agent } = row;
  return { ok: true, agent: toAgentRecord(agent) };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", hashSessionId(sessionId)).execute();
}

/**
 * Drops sessions past their absolute lifetime. Idle ones are kept until then,
 * so a returning agent still learns they were signed out for inactivity.
 */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).execute();
}

const SESSION_COOKIE = "eko_session";
// `__Host-` makes the browser refuse the cookie unless it is Secure, host-only and Path=/.
const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

function cookieSettings(env: Pick<Env, "publicOrigin">) {
  const secure = env.publicOrigin?.startsWith("https:") ?? false;
  return { name: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, secure };
}

/**
 * Whether the request carries a session cookie at all (under either name),
 * live or not. Not an authentication check: it picks which first screen the
 * web app's HTML shows (web-assets.ts); a request without one is signed out.
 */
export function hasSessionCookie(c: Context): boolean {
  const cookies = getCookie(c);
  return SESSION_COOKIE in cookies || SECURE_SESSION_COOKIE in cookies;
}

export function readSessionCookie(c: Context, env: Pick<Env, "publicOrigin">): string | undefined {
  return getCookie(c, cookieSettings(env).name);
}

/**
 * HttpOnly: scripts cannot read it. SameSite=Strict: no other site's page
 * can make the browser send it. No Max-Age: it dies with the browser; the
 * server enforces idle and absolute expiry.
 */
export function writeSessionCookie(
  c: Context,
  env: Pick<Env, "publicOrigin">,
  sessionId: string,
): void {
  const { name, secure } = cookieSettings(env);
  setCookie(c, name, sessionId, { httpOnly: true, sameSite: "Strict", path: "/", secure });
}

export function clearSessionCookie(c: Context, env: Pick<Env, "publicOrigin">): void {
  const { name, secure } = cookieSettings(env);
  deleteCookie(c, name, { httpOnly: true, sameSite: "Strict", path: "/", secure });
}
