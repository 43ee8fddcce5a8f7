import { randomInt } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { ManagedAgent, NewAgentRequest, UpdateAgentRequest } from "../contract/agents.ts";
import { recordAuditEvent } from "../store/audit-events.ts";
import type { Db } from "../store/db.ts";
import type { Database } from "../store/schema.ts";
import {
  AgentError,
  type AgentRecord,
  createAgent,
  findAgentById,
  resetAgentPassword,
  setAgentDisabled,
  toAgentRecord,
} from "./agents.ts";
import { guardLastActiveAdmin } from "./last-admin.ts";
import { hashPassword, type ScryptParams, verifyPassword } from "./password.ts";
import { hashSessionId } from "./sessions.ts";

/*
 * What the Agents page does, on the same functions and rules as the agent
 * CLI (auth/agents.ts). Every change writes its audit row — who (the admin),
 * what (action + the agent's login and the fields changed), when — in the
 * transaction that makes the change.
 */

/** Who is acting, for the audit row. */
export type AdminActor = { agentId: string; requestId: string; at: Date };

export type AgentAdminOptions = { scrypt?: ScryptParams };

/** No 0/O, 1/l/I: read aloud at a shop counter or copied from a screen. */
const ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
const ONE_TIME_LENGTH = 12;

/** 12 characters of a 54-letter alphabet ≈ 69 bits; meets the password policy (≥ 10). */
export function generateOneTimePassword(): string {
  let password = "";
  for (let i = 0; i < ONE_TIME_LENGTH; i++) {
    password += ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)];
  }
  return password;
}

/** Migration 009's index of successful sign-ins has this WHERE (store/query-plans.test.ts). */
const SUCCESSFUL_SIGN_IN = sql<boolean>`audit_events.action = 'sign-in' and audit_events.outcome = 'success'`;

export async function listManagedAgents(db: Db): Promise<ManagedAgent[]> {
  // One read: each agent with its latest successful sign-in, one seek per agent
  // in the index of sign-ins (migration 009), not a pass over the whole audit
  // trail. The two conditions are that index's own WHERE, written as literals:
  // SQLite uses a partial index only for a query it can see implies it.
  const rows = await db
    .selectFrom("agents")
    .selectAll("agents")
    .select((eb) =>
      eb
        .selectFrom("audit_events")
        .select((inner) => inner.fn.max("audit_events.at").as("at"))
        .whereRef("audit_events.agent_id", "=", "agents.id")
        .where(SUCCESSFUL_SIGN_IN)
        .as("last_sign_in_at"),
    )
    .orderBy("agents.login")
    .execute();
  // An agent who has never signed in has no row to take the max of: null (the page says "never").
  return rows.map(({ last_sign_in_at, ...agent }) =>
    toManagedAgent(toAgentRecord(agent), last_sign_in_at),
  );
}

export function toManagedAgent(agent: AgentRecord, lastSignInAt: string | null): ManagedAgent {
  return {
    id: agent.id,
    login: agent.login,
    name: agent.name,
    userCode: agent.ekoUserCode,
    role: agent.role,
    language: agent.language,
    disabled: agent.disabled,
    mustChangePassword: agent.mustChangePassword,
    lastSignInAt,
    createdAt: agent.createdAt,
  };
}

function auditWith(actor: AdminActor, action: string, detail: string) {
  return (trx: Transaction<Database>) =>
    recordAuditEvent(trx, {
      at: actor.at,
      agentId: actor.agentId,
      action,
      outcome: "success",
      requestId: actor.requestId,
      detail,
    });
}

async function requireById(db: Db, agentId: string): Promise<AgentRecord> {
  const agent = await findAgentById(db, agentId);
  if (!agent) throw new AgentError("unknown_login", "No such agent");
  return agent;
}

/** A new agent signs in first with a one-time password, shown to the admin once. */
export async function addAgentByAdmin(
  db: Db,
  actor: AdminActor,
  input: NewAgentRequest,
  options: AgentAdminOptions = {},
): Promise<{ agent: AgentRecord; oneTimePassword: string }> {
  const oneTimePassword = generateOneTimePassword();
  const agent = await createAgent(
    db,
    { ...input, password: oneTimePassword },
    {
      now: actor.at,
      scrypt: options.scrypt,
      mustChangePassword: true,
      withinChange: (trx, added) =>
        auditWith(actor, "agent.add", `${added.login} (${added.role})`)(trx),
    },
  );
  return { agent, oneTimePassword };
}

export async function updateAgentByAdmin(
  db: Db,
  actor: AdminActor,
  agentId: string,
  input: UpdateAgentRequest,
): Promise<AgentRecord> {
  const agent = await requireById(db, agentId);
  const changes = {
    name: input.name !== agent.name,
    userCode: input.userCode !== agent.ekoUserCode,
    role: input.role !== agent.role,
  };
  const changed = Object.entries(changes)
    .filter(([, isChanged]) => isChanged)
    .map(([field]) => field);
  if (changed.length === 0) return agent;
  await db.transaction().execute(async (trx) => {
    if (changes.role && agent.role === "admin" && !agent.disabled) {
      await guardLastActiveAdmin(trx, agent.id);
    }
    await trx
      .updateTable("agents")
      .set({ name: input.name, eko_user_code: input.userCode, role: input.role })
      .where("id", "=", agent.id)
      .execute();
    await auditWith(actor, "agent.update", `${agent.login} (${changed.join(", ")})`)(trx);
  });
  return { ...agent, name: input.name, ekoUserCode: input.userCode, role: input.role };
}

export async function setAgentEnabledByAdmin(
  db: Db,
  actor: AdminActor,
  agentId: string,
  enabled: boolean,
): Promise<AgentRecord> {
  const agent = await requireById(db, agentId);
  const action = enabled ? "agent.enable" : "agent.disable";
  return setAgentDisabled(db, agent.login, !enabled, (trx) =>
    auditWith(actor, action, agent.login)(trx),
  );
}

export async function resetPasswordByAdmin(
  db: Db,
  actor: AdminActor,
  agentId: string,
  options: AgentAdminOptions = {},
): Promise<{ agent: AgentRecord; oneTimePassword: string }> {
  const target = await requireById(db, agentId);
  const oneTimePassword = generateOneTimePassword();
  const agent = await resetAgentPassword(db, target.login, oneTimePassword, {
    scrypt: options.scrypt,
    mustChangePassword: true,
    withinChange: (trx) => auditWith(actor, "agent.reset-password", target.login)(trx),
  });
  return { agent, oneTimePassword };
}

/**
 * The agent's own change (required after a one-time password). Needs the
 * current password; ends the agent's other sessions, keeps this one.
 */
export async function changeOwnPassword(
  db: Db,
  input: {
    agentId: string;
    sessionId: string;
    currentPassword: string;
    newPassword: string;
    requestId: string;
    at: Date;
  },
  options: AgentAdminOptions = {},
): Promise<AgentRecord | null> {
  const agent = await requireById(db, input.agentId);
  if (!(await verifyPassword(input.currentPassword, agent.passwordHash))) return null;
  const passwordHash = await hashPassword(input.newPassword, options.scrypt);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("agents")
      .set({ password_hash: passwordHash, must_change_password: 0 })
      .where("id", "=", agent.id)
      .execute();
    await trx
      .deleteFrom("sessions")
      .where("agent_id", "=", agent.id)
      .where("id_hash", "<>", hashSessionId(input.sessionId))
      .execute();
    await recordAuditEvent(trx, {
      at: input.at,
      agentId: agent.id,
      action: "password.change",
      outcome: "success",
      requestId: input.requestId,
      detail: agent.mustChangePassword ? "one_time_replaced" : null,
    });
  });
  return { ...agent, passwordHash, mustChangePassword: false };
}
