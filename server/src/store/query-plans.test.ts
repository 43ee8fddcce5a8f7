import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { afterAll, beforeAll, expect, test } from "vitest";
import { listManagedAgents } from "../auth/agent-admin.ts";
import { createAgent } from "../auth/agents.ts";
import type { FlowRecord } from "../flows/flow-record.ts";
import { FAST_SCRYPT } from "../test-support/app.ts";
import { listAuditEvents } from "./audit-events.ts";
import { createDb } from "./db.ts";
import { createFlowRepository } from "./flow-repository.ts";
import { migrateToLatest } from "./migrate.ts";
import { createRateLimiter } from "./rate-limiter.ts";

/*
 * Every statement a flow's life runs — the start's lock pre-check, the limits,
 * saves, locks, the in-flight write, the start page's lists, the maintenance
 * sweeps — must reach its rows through an index. A full scan of `flows` or
 * `audit_events` costs nothing on a test's few rows and grows with the store:
 * the start's pre-check once read every flow row, and the console's CPU per
 * start went 1.1 → 4 ms within a minute of the bench's load (README, Benchmarks).
 */

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "eko-plans-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const agent = { id: "agent-1", role: "agent" as const };
const limit = { limit: 5, windowSeconds: 600, lockSeconds: 900 };

function flow(mobile: string): FlowRecord {
  return {
    id: `flow-${randomBytes(6).toString("hex")}`,
    agentId: agent.id,
    rail: "levin",
    mobile,
    step: { kind: "aadhaar", consentVersion: "aadhaar-consent-v1", rejected: false },
    secrets: { walletToken: "eyJ.wallet", otpRefId: "ref", aadhaarLast4: "2346" },
    version: 1,
    createdAt: "2026-03-01T10:00:00.000Z",
    updatedAt: "2026-03-01T10:00:00.000Z",
  };
}

const audit = (outcome: string) => ({
  agentId: agent.id,
  action: "aadhaar.submit",
  outcome,
  requestId: "req-1",
  rail: "levin" as const,
  mobileMasked: "••••••0001",
});

/**
 * Reads of a whole table by design, each allowed for its statement and that
 * table only. The sign-in's sweep of ended limit windows: `rate_limits` holds
 * only live windows, and an index on their end would be rewritten by every
 * reservation, the hottest write. The agents page lists every agent.
 */
const SCANS_BY_DESIGN: { statement: RegExp; table: string }[] = [
  { statement: /^delete from "rate_limits" where "window_ends_at" <= \?/, table: "rate_limits" },
  // The agents page lists every agent; its last-sign-in subquery must still seek.
  { statement: /^select .* from "agents"( order by "(agents"\.")?login")?$/, table: "agents" },
];

/** The plan's steps that read a whole table (or a whole index) instead of seeking. */
function fullScans(file: string, sql: string, parameters: readonly unknown[]): string[] {
  const reader = new DatabaseSync(file, { readOnly: true });
  try {
    const plan = reader
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...(parameters as SQLInputValue[])) as { detail: string }[];
    return plan
      .map((row) => row.detail)
      .filter((detail) => /^SCAN \w+/.test(detail))
      .filter(
        (detail) =>
          !SCANS_BY_DESIGN.some(
            (allowed) =>
              allowed.statement.test(sql) && new RegExp(`^SCAN ${allowed.table}\\b`).test(detail),
          ),
      );
  } finally {
    reader.close();
  }
}

test("every statement of a flow's life, and the activity and agents pages, seeks through an index on SQLite", async () => {
  const file = path.join(dir, "plans.db");
  const statements = new Map<string, readonly unknown[]>();
  let watching = false;
  const db = await createDb(
    { kind: "sqlite", path: file },
    {
      log: (event) => {
        if (watching) statements.set(event.query.sql, event.query.parameters);
      },
    },
  );
  try {
    await migrateToLatest(db);
    const now = () => new Date("2026-03-01T10:05:00.000Z");
    const repo = createFlowRepository(db, { stateKey: () => Buffer.alloc(32, 7), now });
    const limits = createRateLimiter(db, now);
    // Enough rows that SQLite's planner prefers an index wherever one fits.
    for (let index = 0; index < 200; index++)
      await repo.create(flow(`90000${String(index).padStart(5, "0")}`), [audit("otp_sent")]);

    watching = true;
    const record = flow("9000000001");
    await repo.create(record, [audit("otp_sent")]);
    await repo.latestStepsForMobile(record.mobile, { limit: 3 });
    await repo.listRecent(agent.id, { since: new Date("2026-03-01T00:00:00Z"), limit: 20 });
    await repo.listRecent(agent.id, {
      since: new Date("2026-03-01T00:00:00Z"),
      mobile: record.mobile,
      limit: 20,
    });
    await repo.get(record.id, agent);
    expect(await repo.lock(record.id, "owner", 10_000)).toBe(true);
    await repo.markInFlight(
      record,
      "owner",
      {
        call: "levinAadhaar",
        clientRefId: "Cabc123",
        startedAt: now().toISOString(),
        action: "aadhaar.submit",
        unknownAs: "aadhaar",
        agentId: agent.id,
      },
      audit("attempted"),
    );
    const inFlight = await repo.get(record.id, agent);
    if (!inFlight) throw new Error("flow not found");
    const resolved = await repo.resolveInFlight(
      inFlight,
      { step: record.step, secrets: record.secrets, audit: audit("otp_sent") },
      "owner",
    );
    if (!resolved) throw new Error("in-flight write not resolved");
    await repo.save(resolved, { audits: [audit("otp_sent")] });
    await repo.unlock(record.id, "owner");
    await repo.record([{ ...audit("otp_wrong"), customerMobile: record.mobile }]);
    await repo.abandonedWrites(10);
    await repo.secretsDue(10);

    const reservations = await limits.reserveAll([
      { key: "otp-send:agent:agent-1", limit },
      { key: `otp-send:mobile:${record.mobile}`, limit },
    ]);
    if (reservations.allowed) for (const slot of reservations.slots) await slot.release();
    await limits.consume("otp-verify:mobile:9000000001", limit);
    await limits.peek("otp-verify:mobile:9000000001", limit);
    await limits.purgeExpired();
    // The activity page: a day, then narrowed by agent, by customer and by flow.
    const day = {
      fromIso: "2026-03-01T00:00:00.000Z",
      toIso: "2026-03-02T00:00:00.000Z",
      limit: 50,
    };
    await listAuditEvents(db, day);
    await listAuditEvents(db, { ...day, agentId: agent.id, settledAttempts: "hide" });
    await listAuditEvents(db, { ...day, mobileLookup: "lookup-key" });
    await listAuditEvents(db, { ...day, flowReference: "EK-7KQ2-M9PD" });
    // The agents page: every agent with their last sign-in.
    await createAgent(
      db,
      {
        login: "asha",
        name: "Asha",
        password: "a-long-password-1",
        userCode: "20810200",
        role: "agent",
      },
      { scrypt: FAST_SCRYPT },
    );
    expect((await listManagedAgents(db)).map((row) => row.login)).toEqual(["asha"]);
    watching = false;

    expect(statements.size).toBeGreaterThan(10);
    const scans = [...statements].flatMap(([sql, parameters]) =>
      fullScans(file, sql, parameters).map((scan) => `${scan} ← ${sql}`),
    );
    expect(scans).toEqual([]);
  } finally {
    await db.destroy();
  }
});
