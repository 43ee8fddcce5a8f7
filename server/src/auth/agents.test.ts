import { describe, expect, test } from "vitest";
import { FAST_SCRYPT, testEnv } from "../test-support/app.ts";
import { engines, setUpTestDatabases } from "../test-support/databases.ts";
import {
  AgentError,
  createAgent,
  findAgentByLogin,
  listAgents,
  resetAgentPassword,
  seedSandboxAgents,
  setAgentDisabled,
} from "./agents.ts";
import { verifyPassword } from "./password.ts";
import { createSession } from "./sessions.ts";

const databases = setUpTestDatabases();
const options = { scrypt: FAST_SCRYPT };
const valid = { login: "Asha.K", name: "Asha K", password: "long-enough-pw", userCode: "20810200" };

describe.each(engines)("agents on %s", (engine) => {
  test("creates an agent with a lower-cased login and a scrypt hash, never the password", async () => {
    const db = await databases.open(engine);
    const agent = await createAgent(db, { ...valid, role: "admin", language: "hi" }, options);
    expect(agent).toMatchObject({
      login: "asha.k",
      name: "Asha K",
      ekoUserCode: "20810200",
      role: "admin",
      language: "hi",
      disabled: false,
    });
    const row = await db
      .selectFrom("agents")
      .selectAll()
      .where("id", "=", agent.id)
      .executeTakeFirst();
    expect(row?.password_hash).toMatch(/^\$scrypt\$/);
    expect(row?.password_hash).not.toContain("long-enough-pw");
    expect(await verifyPassword("long-enough-pw", row?.password_hash ?? "")).toBe(true);
    expect(await findAgentByLogin(db, " ASHA.K ")).toMatchObject({ id: agent.id });
  });

  test("refuses duplicate logins, weak passwords and bad user codes with clear reasons", async () => {
    const db = await databases.open(engine);
    await createAgent(db, valid, options);
    await expect(createAgent(db, { ...valid, login: "asha.k" }, options)).rejects.toMatchObject({
      code: "duplicate_login",
      message: "An agent with login 'asha.k' already exists",
    });
    await expect(
      createAgent(db, { ...valid, login: "b", password: "short" }, options),
    ).rejects.toThrow(AgentError);
    await expect(
      createAgent(db, { ...valid, login: "bee", password: "123456789" }, options),
    ).rejects.toThrow(/at least 10 characters/);
    await expect(
      createAgent(db, { ...valid, login: "bee", userCode: "2081" }, options),
    ).rejects.toThrow(/user_code/);
    await expect(createAgent(db, { ...valid, login: "bad login!" }, options)).rejects.toThrow(
      /login/,
    );
    expect(await listAgents(db)).toHaveLength(1);
  });

  test("disabling and resetting the password end the agent's sessions", async () => {
    const db = await databases.open(engine);
    const agent = await createAgent(db, valid, options);
    const settings = { idleSeconds: 900, absoluteSeconds: 43_200 };
    await createSession(db, agent.id, new Date(), settings);
    await setAgentDisabled(db, "asha.k", true);
    expect(await findAgentByLogin(db, "asha.k")).toMatchObject({ disabled: true });
    expect(await db.selectFrom("sessions").selectAll().execute()).toHaveLength(0);

    await createSession(db, agent.id, new Date(), settings);
    await resetAgentPassword(db, "asha.k", "a-new-long-password", options);
    expect(await db.selectFrom("sessions").selectAll().execute()).toHaveLength(0);
    const updated = await findAgentByLogin(db, "asha.k");
    expect(await verifyPassword("a-new-long-password", updated?.passwordHash ?? "")).toBe(true);
    expect(await verifyPassword("long-enough-pw", updated?.passwordHash ?? "")).toBe(false);

    await expect(setAgentDisabled(db, "nobody", true)).rejects.toMatchObject({
      code: "unknown_login",
    });
    await expect(resetAgentPassword(db, "asha.k", "short", options)).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  test("sandbox seeding creates demo and admin once, and is refused outside sandbox mode", async () => {
    const db = await databases.open(engine);
    expect(await seedSandboxAgents(db, testEnv(), options)).toEqual(["demo", "admin"]);
    expect(await seedSandboxAgents(db, testEnv(), options)).toEqual([]);
    const agents = await listAgents(db);
    expect(agents.map((a) => [a.login, a.role, a.ekoUserCode])).toEqual([
      ["admin", "admin", "20810200"],
      ["demo", "agent", "20810200"],
    ]);
    const demo = agents.find((a) => a.login === "demo");
    expect(await verifyPassword("demo-password", demo?.passwordHash ?? "")).toBe(true);

    await expect(seedSandboxAgents(db, testEnv({ EKO_ENV: "uat" }), options)).rejects.toThrow(
      /outside sandbox mode/,
    );
  });
});
