import { sql } from "kysely";
import { describe, expect, test } from "vitest";
import { engines, setUpTestDatabases } from "../test-support/databases.ts";
import { listAuditEvents, recordAuditEvent } from "./audit-events.ts";

const databases = setUpTestDatabases();

const event = (at: string, overrides: Partial<Parameters<typeof recordAuditEvent>[1]> = {}) => ({
  at: new Date(at),
  agentId: "agent-1",
  action: "otp-verify",
  outcome: "success",
  requestId: "req-1",
  ...overrides,
});

describe.each(engines)("audit_events on %s", (engine) => {
  test("is append-only: UPDATE and DELETE are refused by the database", async () => {
    const db = await databases.open(engine);
    await recordAuditEvent(db, event("2025-06-02T06:00:00.000Z", { detail: "first" }));

    await expect(
      db.updateTable("audit_events").set({ outcome: "forged" }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_events").execute()).rejects.toThrow(/append-only/);
    await expect(
      db.deleteFrom("audit_events").where("agent_id", "=", "agent-1").execute(),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(db)).rejects.toThrow(/append-only/);
    if (engine === "postgres") {
      await expect(sql`TRUNCATE audit_events`.execute(db)).rejects.toThrow(/append-only/);
    }
    const rows = await db.selectFrom("audit_events").selectAll().execute();
    expect(rows).toMatchObject([{ outcome: "success", detail: "first" }]);
  });

  test("an insert cannot rewrite a row: REPLACE, upsert and a reused rowid are refused", async () => {
    const db = await databases.open(engine);
    await recordAuditEvent(db, event("2025-06-02T06:00:00.000Z", { detail: "first" }));
    const [original] = await db.selectFrom("audit_events").selectAll().execute();
    const id = original?.id ?? "";
    const forged = sql`(${id}, '2020-01-01T00:00:00.000Z', 'agent-2', 'sign-in', 'forged', 'req-x')`;
    const columns = sql`(id, at, agent_id, action, outcome, request_id)`;

    const attempts = [
      sql`INSERT INTO audit_events ${columns} VALUES ${forged}
          ON CONFLICT (id) DO UPDATE SET outcome = 'forged'`,
    ];
    if (engine === "sqlite") {
      attempts.push(
        sql`INSERT OR REPLACE INTO audit_events ${columns} VALUES ${forged}`,
        sql`REPLACE INTO audit_events ${columns} VALUES ${forged}`,
        sql`INSERT OR REPLACE INTO audit_events (rowid, id, at, agent_id, action, outcome, request_id)
            SELECT rowid, 'other-id', at, agent_id, action, 'forged', request_id FROM audit_events`,
        sql`UPDATE OR REPLACE audit_events SET outcome = 'forged'`,
      );
    }
    for (const attempt of attempts) {
      await expect(attempt.execute(db)).rejects.toThrow(/append-only/);
    }
    expect(await db.selectFrom("audit_events").selectAll().execute()).toEqual([original]);
    // Ordinary appends still work.
    await recordAuditEvent(db, event("2025-06-02T06:01:00.000Z"));
    expect(await db.selectFrom("audit_events").select("id").execute()).toHaveLength(2);
  });

  test("inserts in a rolled-back transaction leave no row", async () => {
    const db = await databases.open(engine);
    await expect(
      db.transaction().execute(async (trx) => {
        await recordAuditEvent(trx, event("2025-06-02T06:00:00.000Z"));
        throw new Error("flow save failed");
      }),
    ).rejects.toThrow("flow save failed");
    expect(await db.selectFrom("audit_events").selectAll().execute()).toHaveLength(0);
  });

  test("lists newest first within [from, to), filtered, with the agent's login", async () => {
    const db = await databases.open(engine);
    await db
      .insertInto("agents")
      .values({
        id: "agent-1",
        login: "asha",
        name: "Asha",
        password_hash: "x",
        eko_user_code: "20810200",
        role: "agent",
        disabled: 0,
        language: "en",
        created_at: "2025-01-01T00:00:00.000Z",
      })
      .execute();
    await recordAuditEvent(db, event("2025-06-01T23:59:59.999Z"));
    await recordAuditEvent(
      db,
      event("2025-06-02T01:00:00.000Z", { ekoResponseTypeId: 300, latencyMs: 12 }),
    );
    await recordAuditEvent(db, event("2025-06-02T02:00:00.000Z", { outcome: "otp_invalid" }));
    await recordAuditEvent(db, event("2025-06-02T03:00:00.000Z", { agentId: "agent-2" }));
    await recordAuditEvent(db, event("2025-06-03T00:00:00.000Z"));

    const window = { fromIso: "2025-06-02T00:00:00.000Z", toIso: "2025-06-03T00:00:00.000Z" };
    const all = await listAuditEvents(db, { ...window, limit: 10 });
    expect(all.events.map((e) => e.at)).toEqual([
      "2025-06-02T03:00:00.000Z",
      "2025-06-02T02:00:00.000Z",
      "2025-06-02T01:00:00.000Z",
    ]);
    expect(all.events[2]).toMatchObject({
      agentLogin: "asha",
      agentName: "Asha",
      ekoResponseTypeId: 300,
      latencyMs: 12,
    });
    expect(all.events[0]).toMatchObject({ agentId: "agent-2", agentLogin: null });

    const mine = await listAuditEvents(db, { ...window, agentId: "agent-1", limit: 10 });
    expect(mine.events).toHaveLength(2);
    const failed = await listAuditEvents(db, { ...window, outcome: "otp_invalid", limit: 10 });
    expect(failed.events.map((e) => e.at)).toEqual(["2025-06-02T02:00:00.000Z"]);
    const page = await listAuditEvents(db, { ...window, limit: 2 });
    expect(page).toMatchObject({ truncated: true });
    expect(page.events).toHaveLength(2);
  });
});
