import { randomUUID } from "node:crypto";
import type { Selectable, Transaction } from "kysely";
import { z } from "zod";
import {
  LOGIN_PATTERN,
  MAX_AGENT_NAME_LENGTH,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  USER_CODE_PATTERN,
} from "../contract/agents.ts";
import { type AgentRole, agentRoles, type Language, languages } from "../contract/auth.ts";
import { type Env, UAT_CREDENTIALS } from "../env.ts";
import type { AgentContext } from "../middleware/agent-context.ts";
import type { Db } from "../store/db.ts";
import type { Database } from "../store/schema.ts";
import { guardLastActiveAdmin } from "./last-admin.ts";
import { hashPassword, type ScryptParams } from "./password.ts";

export { MIN_PASSWORD_LENGTH };

export const loginSchema = z.string().trim().toLowerCase().regex(LOGIN_PATTERN, {
  error: "login must be 2–32 characters: letters, digits, '.', '_' or '-'",
});
/** Eko's retailer code: digits, 8–11 long (eko-api.md §5.1, e.g. 20810200). */
export const userCodeSchema = z
  .string()
  .trim()
  .regex(USER_CODE_PATTERN, { error: "user_code must be Eko's 8–11 digit retailer code" });
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, {
    error: `password must be at least ${MIN_PASSWORD_LENGTH} characters`,
  })
  .max(MAX_PASSWORD_LENGTH, {
    error: `password must be at most ${MAX_PASSWORD_LENGTH} characters`,
  });
export const agentNameSchema = z
  .string()
  .trim()
  .min(1, { error: "name is required" })
  .max(MAX_AGENT_NAME_LENGTH, {
    error: `name must be at most ${MAX_AGENT_NAME_LENGTH} characters`,
  });

export const newAgentSchema = z.object({
  login: loginSchema,
  name: agentNameSchema,
  password: passwordSchema,
  userCode: userCodeSchema,
  role: z.enum(agentRoles).default("agent"),
  language: z.enum(languages).default("en"),
});
export type NewAgent = z.input<typeof newAgentSchema>;

export type AgentRecord = {
  id: string;
  login: string;
  name: string;
  passwordHash: string;
  ekoUserCode: string;
  role: AgentRole;
  disabled: boolean;
  language: Language;
  /** Signed in with a one-time password: must choose a new one before anything else. */
  mustChangePassword: boolean;
  createdAt: string;
};

/** A refusal the CLI and the Agents page can show as is. */
export class AgentError extends Error {
  override name = "AgentError";
  readonly code: "duplicate_login" | "unknown_login" | "invalid_input" | "last_admin";
  constructor(code: AgentError["code"], message: string) {
    super(message);
    this.code = code;
  }
}

export function toAgentRecord(row: Selectable<Database["agents"]>): AgentRecord {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    passwordHash: row.password_hash,
    ekoUserCode: row.eko_user_code,
    role: row.role,
    disabled: Boolean(row.disabled),
    language: row.language === "hi" ? "hi" : "en",
    mustChangePassword: Boolean(row.must_change_password),
    createdAt: row.created_at,
  };
}

export function toAgentContext(agent: AgentRecord): AgentContext {
  return {
    id: agent.id,
    login: agent.login,
    name: agent.name,
    role: agent.role,
    ekoUserCode: agent.ekoUserCode,
    language: agent.language,
    mustChangePassword: agent.mustChangePassword,
  };
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AgentError("invalid_input", parsed.error.issues.map((i) => i.message).join("; "));
  }
  return parsed.data;
}

export async function createAgent(
  db: Db,
  input: NewAgent,
  options: {
    now?: Date;
    scrypt?: ScryptParams;
    mustChangePassword?: boolean;
    /** Runs in the insert's transaction (the Agents page writes its audit row there). */
    withinChange?: (trx: Transaction<Database>, agent: AgentRecord) => Promise<void>;
  } = {},
): Promise<AgentRecord> {
  const agent = parseOrThrow(newAgentSchema, input);
  if (await findAgentByLogin(db, agent.login)) {
    throw new AgentError("duplicate_login", `An agent with login '${agent.login}' already exists`);
  }
  const row = {
    id: randomUUID(),
    login: agent.login,
    name: agent.name,
    password_hash: await hashPassword(agent.password, options.scrypt),
    eko_user_code: agent.userCode,
    role: agent.role,
    disabled: 0,
    language: agent.language,
    must_change_password: options.mustChangePassword ? 1 : 0,
    created_at: (options.now ?? new Date()).toISOString(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("agents").values(row).execute();
      await options.withinChange?.(trx, toAgentRecord(row));
    });
  } catch (error) {
    // Two concurrent adds of one login: the unique index decides.
    if (await findAgentByLogin(db, agent.login)) {
      throw new AgentError(
        "duplicate_login",
        `An agent with login '${agent.login}' already exists`,
      );
    }
    throw error;
  }
  return toAgentRecord(row);
}

export async function findAgentByLogin(db: Db, login: string): Promise<AgentRecord | null> {
  const row = await db
    .selectFrom("agents")
    .selectAll()
    .where("login", "=", login.trim().toLowerCase())
    .executeTakeFirst();
  return row ? toAgentRecord(row) : null;
}

export async function findAgentById(db: Db, id: string): Promise<AgentRecord | null> {
  const row = await db.selectFrom("agents").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toAgentRecord(row) : null;
}

export async function listAgents(db: Db): Promise<AgentRecord[]> {
  const rows = await db.selectFrom("agents").selectAll().orderBy("login").execute();
  return rows.map(toAgentRecord);
}

export async function requireAgent(db: Db, login: string): Promise<AgentRecord> {
  const agent = await findAgentByLogin(db, login);
  if (!agent) throw new AgentError("unknown_login", `No agent with login '${login}'`);
  return agent;
}

/**
 * Disabling also ends the agent's sessions at once (the session check would
 * refuse them anyway). The last active admin cannot be disabled: nobody could
 * manage agents in the browser any more. `withinChange` runs in the same
 * transaction (the Agents page writes its audit row there).
 */
export async function setAgentDisabled(
  db: Db,
  login: string,
  disabled: boolean,
  withinChange?: (trx: Transaction<Database>, agent: AgentRecord) => Promise<void>,
): Promise<AgentRecord> {
  const agent = await requireAgent(db, login);
  await db.transaction().execute(async (trx) => {
    if (disabled) await guardLastActiveAdmin(trx, agent.id);
    await trx
      .updateTable("agents")
      .set({ disabled: disabled ? 1 : 0 })
      .where("id", "=", agent.id)
      .execute();
    if (disabled) await trx.deleteFrom("sessions").where("agent_id", "=", agent.id).execute();
    await withinChange?.(trx, { ...agent, disabled });
  });
  return { ...agent, disabled };
}

/**
 * A new password signs the agent out everywhere: whoever knew the old one
 * loses their session. `mustChangePassword`: a one-time password an admin
 * hands over, replaced by the agent at their next sign-in.
 */
export async function resetAgentPassword(
  db: Db,
  login: string,
  password: string,
  options: {
    scrypt?: ScryptParams;
    mustChangePassword?: boolean;
    withinChange?: (trx: Transaction<Database>, agent: AgentRecord) => Promise<void>;
  } = {},
): Promise<AgentRecord> {
  const valid = parseOrThrow(passwordSchema, password);
  const agent = await requireAgent(db, login);
  const passwordHash = await hashPassword(valid, options.scrypt);
  const mustChangePassword = options.mustChangePassword ?? false;
  const changed = { ...agent, passwordHash, mustChangePassword };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("agents")
      .set({ password_hash: passwordHash, must_change_password: mustChangePassword ? 1 : 0 })
      .where("id", "=", agent.id)
      .execute();
    await trx.deleteFrom("sessions").where("agent_id", "=", agent.id).execute();
    await options.withinChange?.(trx, changed);
  });
  return changed;
}

export async function setAgentLanguage(db: Db, id: string, language: Language): Promise<void> {
  await db.updateTable("agents").set({ language }).where("id", "=", id).execute();
}

/** The accounts the README and the e2e tests sign in with. They exist only in sandbox mode. */
export const SANDBOX_AGENTS = [
  { login: "demo", password: "demo-password", name: "Demo Agent", role: "agent" },
  { login: "admin", password: "admin-password", name: "Demo Admin", role: "admin" },
] as const;

/**
 * Creates the sandbox's demo agent and admin if they are missing (idempotent;
 * existing accounts are left as they are). Throws outside sandbox mode: a
 * public password must never open a console that talks to Eko.
 */
export async function seedSandboxAgents(
  db: Db,
  env: Pick<Env, "sandbox" | "eko">,
  options: { now?: Date; scrypt?: ScryptParams } = {},
): Promise<string[]> {
  if (!env.sandbox || env.eko.env !== "sandbox") {
    throw new Error("Refusing to seed demo agents outside sandbox mode (EKO_ENV=sandbox)");
  }
  const created: string[] = [];
  for (const seed of SANDBOX_AGENTS) {
    if (await findAgentByLogin(db, seed.login)) continue;
    try {
      await createAgent(db, { ...seed, userCode: UAT_CREDENTIALS.userCode }, options);
      created.push(seed.login);
    } catch (error) {
      // Another instance seeded it between our look-up and insert.
      if (!(error instanceof AgentError && error.code === "duplicate_login")) throw error;
    }
  }
  return created;
}
