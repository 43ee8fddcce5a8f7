import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { flowReference } from "../contract/flow-reference.ts";
import type { FlowRecord } from "../flows/flow-record.ts";
import { engines, setUpTestDatabases } from "../test-support/databases.ts";
import { FlowConflictError } from "./errors.ts";
import { createFlowRepository } from "./flow-repository.ts";
import { deriveMobileLookupSecret, mobileLookupKey } from "./mobile-lookup.ts";

const databases = setUpTestDatabases();
const key = randomBytes(32);
const stateKey = () => key;
const agent = { id: "agent-1", role: "agent" as const };

function clock() {
  let at = Date.parse("2026-03-01T10:00:00.000Z");
  return {
    now: () => new Date(at),
    advance: (ms: number) => {
      at += ms;
    },
  };
}

function flow(overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id: `flow-${randomBytes(6).toString("hex")}`,
    agentId: agent.id,
    rail: "levin",
    mobile: "9000000001",
    step: { kind: "onboard" },
    secrets: {
      otpRefId: "REF-SECRET-xyz",
      walletToken: "eyJ.wallet.secret",
      aadhaarLast4: "2346",
    },
    version: 1,
    createdAt: "2026-03-01T10:00:00.000Z",
    updatedAt: "2026-03-01T10:00:00.000Z",
    ...overrides,
  };
}

const audit = (outcome: string) => ({
  agentId: agent.id,
  action: "otp.verify",
  outcome,
  requestId: "req-1",
  rail: "levin" as const,
  mobileMasked: "••••••0001",
});

describe.each(engines)("flow repository on %s", (engine) => {
  test("create + get: secrets come back, but the row holds them only sealed", async () => {
    const db = await databases.open(engine);
    const repo = createFlowRepository(db, { stateKey, now: clock().now });
    const record = flow();
    await repo.create(record, [audit("otp_sent")]);
    expect(await repo.get(record.id, agent)).toEqual(record);
    const row = await db
      .selectFrom("flows")
      .selectAll()
      .where("id", "=", record.id)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    for (const secret of ["REF-SECRET", "eyJ.wallet", "234123412346"])
      expect(stored).not.toContain(secret);
    const events = await db.selectFrom("audit_events").selectAll().execute();
    expect(events).toMatchObject([{ outcome: "otp_sent", agent_id: agent.id }]);
  });

  test("audit rows keep a keyed hash of the full mobile and the flow reference, never the number", async () => {
    const db = await databases.open(engine);
    const repo = createFlowRepository(db, { stateKey, now: clock().now });
    const record = flow();
    await repo.create(record, [
      { ...audit("otp_sent"), flowId: record.id, customerMobile: record.mobile },
    ]);
    await repo.record([{ ...audit("otp_wrong"), customerMobile: null }]);
    const rows = await db.selectFrom("audit_events").selectAll().orderBy("outcome").execute();
    expect(rows.map((row) => [row.outcome, row.mobile_lookup, row.flow_reference])).toEqual([
      [
        "otp_sent",
        mobileLookupKey("9000000001", deriveMobileLookupSecret(key)),
        flowReference(record.id),
      ],
      ["otp_wrong", null, null],
    ]);
    expect(JSON.stringify(rows)).not.toContain("9000000001");
  });

  test("another agent cannot read the flow; an admin can", async () => {
    const db = await databases.open(engine);
    const repo = createFlowRepository(db, { stateKey, now: clock().now });
    const record = flow();
    await repo.create(record, []);
    expect(await repo.get(record.id, { id: "agent-2", role: "agent" })).toBeNull();
    expect(await repo.get(record.id, { id: "admin-1", role: "admin" })).not.toBeNull();
    expect(await repo.get("missing", agent)).toBeNull();
  });

  test("save bumps the version; a save from a stale read is refused with a FlowConflictError", async () => {
    const db = await databases.open(engine);
    const repo = createFlowRepository(db, { stateKey, now: clock().now });
    const record = flow();
    await repo.create(record, []);
    const saved = await repo.save(
      { ...record, step: { kind: "next_step", reason: "pan_pending" } },
      { audits: [audit("pan_pending")] },
    );
    expect(saved.version).toBe(2);
    await expect(
      repo.save({ ...record, step: { kind: "onboard" } }, { audits: [audit("stale")] }),
    ).rejects.toBeInstanceOf(FlowConflictError);
    expect((await repo.get(record.id, agent))?.step).toEqual({
      kind: "next_step",
      reason: "pan_pending",
    });
    const outcomes = (await db.selectFrom("audit_events").select("outcome").execute()).map(
      (row) => row.outcome,
    );
    expect(outcomes).toEqual(["pan_pending"]);
  });

  test("the flow change and its audit row commit together: a failing audit insert undoes the save", async () => {
    const db = await databases.open(engine);
    const repo = createFlowRepository(db, { stateKey, now: clock().now });
    const record = flow();
    await repo.create(record, []);
    const broken = { ...audit("x"), outcome: null as unknown as string };
    await expect(
      repo.save(
        { ...record, step: { kind: "next_step", reason: "pan_pending" } },
        { audits: [broken] },
      ),
    ).rejects.toThrow();
    const after = await repo.get(record.id, agent);
    expect(after?.version).toBe(1);
    expect(after?.step).toEqual({ kind: "onboard" });
  });

  test("a consent record is written with the save, holding only the Aadhaar's last four", async () => {
    const db = await databases.open(engine);
    const repo = createFlowRepository(db, { stateKey, now: clock().now });
    const record = flow();
    await repo.create(record, []);
    const consent = {
      agentId: agent.id,
      flowId: record.id,
      language: "hi",
      aadhaarMasked: "XXXX XXXX 2346",
      textVersion: "v1",
      ekoConsentId: "4",
      textSha256: "ab".repeat(32),
      audioPlayed: true,
    };
    await repo.save(record, { audits: [audit("otp_sent")], consent });
    const rows = await db.selectFrom("consent_records").selectAll().execute();
    expect(rows).toMatchObject([
      {
        flow_id: record.id,
        language: "hi",
        aadhaar_masked: "XXXX XXXX 2346",
        text_version: "v1",
        eko_consent_id: "4",
        text_sha256: "ab".repeat(32),
        audio_played: 1,
      },
    ]);
  });

  test("the lock is exclusive until released or expired", async () => {
    const db = await databases.open(engine);
    const time = clock();
    const repo = createFlowRepository(db, { stateKey, now: time.now });
    const record = flow();
    await repo.create(record, []);
    const results = await Promise.all([
      repo.lock(record.id, "a", 10_000),
      repo.lock(record.id, "b", 10_000),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? "a" : "b";
    const loser = winner === "a" ? "b" : "a";
    expect(await repo.lock(record.id, loser, 10_000)).toBe(false);
    await repo.unlock(record.id, loser); // not the owner: no effect
    expect(await repo.lock(record.id, loser, 10_000)).toBe(false);
    time.advance(10_001);
    expect(await repo.lock(record.id, loser, 10_000)).toBe(true);
    await repo.unlock(record.id, loser);
    expect(await repo.lock(record.id, "c", 10_000)).toBe(true);
  });

  test("save releases the lock", async () => {
    const db = await databases.open(engine);
    const repo = createFlowRepository(db, { stateKey, now: clock().now });
    const record = flow();
    await repo.create(record, []);
    expect(await repo.lock(record.id, "a", 10_000)).toBe(true);
    await repo.save(record, { audits: [] });
    expect(await repo.lock(record.id, "b", 10_000)).toBe(true);
  });
});
