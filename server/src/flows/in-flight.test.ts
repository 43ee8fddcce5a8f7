import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Db } from "../store/db.ts";
import { FlowConflictError } from "../store/errors.ts";
import { createFlowRepository } from "../store/flow-repository.ts";
import { engines, setUpTestDatabases } from "../test-support/databases.ts";
import type { FlowRecord, InFlightWrite } from "./flow-record.ts";
import { settleIfAbandoned } from "./in-flight.ts";
import { createFlowMaintenance } from "./maintenance.ts";

/*
 * The detection rule for writes whose answer was never saved, on both
 * engines: a write recorded in flight is abandoned once the lock it was sent
 * under is no longer held by its request (released, expired, or taken by
 * another). Only then does the flow move to status_unknown — exactly once,
 * however many readers (two instances, 20 at a time) see it.
 */

const databases = setUpTestDatabases();
const key = randomBytes(32);
const agent = { id: "agent-1", role: "agent" as const };
const LOCK_TTL_MS = 10_000;

function clock() {
  let at = Date.parse("2026-03-01T10:00:00.000Z");
  return {
    now: () => new Date(at),
    advance: (ms: number) => {
      at += ms;
    },
  };
}

function flow(): FlowRecord {
  return {
    id: `flow-${randomBytes(6).toString("hex")}`,
    agentId: agent.id,
    rail: "levin",
    mobile: "9000000004",
    step: { kind: "aadhaar", consentVersion: "aadhaar-consent-v1", rejected: false },
    secrets: { walletToken: "eyJ.wallet", otpRefId: "old-ref", aadhaarLast4: "2346" },
    version: 1,
    createdAt: "2026-03-01T10:00:00.000Z",
    updatedAt: "2026-03-01T10:00:00.000Z",
  };
}

const intent = (at: Date): InFlightWrite => ({
  call: "levinAadhaar",
  clientRefId: "Cabc123",
  startedAt: at.toISOString(),
  action: "aadhaar.submit",
  unknownAs: "aadhaar",
  agentId: agent.id,
});

const attempted = (flowId: string) => ({
  agentId: agent.id,
  action: "aadhaar.submit",
  outcome: "attempted",
  requestId: "req-write",
  rail: "levin" as const,
  flowId,
  mobileMasked: "••••••0004",
  detail: "levinAadhaar Cabc123",
});

async function outcomes(db: Db, flowId: string) {
  const rows = await db
    .selectFrom("audit_events")
    .select(["outcome", "detail"])
    .where("flow_id", "=", flowId)
    .orderBy("at")
    .orderBy("outcome")
    .execute();
  return rows.map((row) => `${row.outcome}: ${row.detail}`);
}

/** A flow with a write in flight under `owner`'s lock, as a request leaves it when it dies mid-call. */
async function writeInFlight(repo: ReturnType<typeof createFlowRepository>, now: () => Date) {
  const record = flow();
  await repo.create(record, []);
  expect(await repo.lock(record.id, "owner-1", LOCK_TTL_MS)).toBe(true);
  await repo.markInFlight(record, "owner-1", intent(now()), attempted(record.id));
  return record;
}

describe.each(engines)("writes in flight on %s", (engine) => {
  test("while the lock runs the write may still be answered: a read leaves it; once the lock expired the read settles it to status_unknown", async () => {
    const db = await databases.open(engine);
    const time = clock();
    const repo = createFlowRepository(db, { stateKey: () => key, now: time.now });
    const { id } = await writeInFlight(repo, time.now);
    const read = () => repo.get(id, agent);

    const during = await settleIfAbandoned(repo, (await read()) as FlowRecord, "req-read", read);
    expect(during.step.kind).toBe("aadhaar");
    expect(during.inFlight).toMatchObject({ call: "levinAadhaar", clientRefId: "Cabc123" });

    time.advance(LOCK_TTL_MS + 1);
    const after = await settleIfAbandoned(repo, (await read()) as FlowRecord, "req-read", read);
    expect(after.step).toEqual({ kind: "status_unknown", action: "aadhaar" });
    expect(after.inFlight).toBeUndefined();
    // The pending OTP's reference goes with the doubt; the wallet and the last four stay.
    expect(after.secrets).toEqual({ walletToken: "eyJ.wallet", aadhaarLast4: "2346" });
    expect(await outcomes(db, id)).toEqual([
      "attempted: levinAadhaar Cabc123",
      "status_unknown: no_answer levinAadhaar Cabc123",
    ]);
    // The dead request's lock went with it: the re-check can lock the flow at once.
    expect(await repo.lock(id, "recheck", LOCK_TTL_MS)).toBe(true);
  });

  test("a request whose lock was released without saving an answer (it failed mid-way) leaves the write abandoned at once", async () => {
    const db = await databases.open(engine);
    const time = clock();
    const repo = createFlowRepository(db, { stateKey: () => key, now: time.now });
    const { id } = await writeInFlight(repo, time.now);
    await repo.unlock(id, "owner-1");
    const read = () => repo.get(id, agent);
    const after = await settleIfAbandoned(repo, (await read()) as FlowRecord, "req-read", read);
    expect(after.step.kind).toBe("status_unknown");
  });

  test("no write is marked in flight (so none may be sent) without holding the flow's lock on its version", async () => {
    const db = await databases.open(engine);
    const time = clock();
    const repo = createFlowRepository(db, { stateKey: () => key, now: time.now });
    const record = flow();
    await repo.create(record, []);
    const mark = (owner: string, at = record) =>
      repo.markInFlight(at, owner, intent(time.now()), attempted(record.id));
    await expect(mark("owner-1")).rejects.toBeInstanceOf(FlowConflictError);
    await repo.lock(record.id, "owner-1", LOCK_TTL_MS);
    await expect(mark("someone-else")).rejects.toBeInstanceOf(FlowConflictError);
    await expect(mark("owner-1", { ...record, version: 7 })).rejects.toBeInstanceOf(
      FlowConflictError,
    );
    time.advance(LOCK_TTL_MS + 1);
    await expect(mark("owner-1")).rejects.toBeInstanceOf(FlowConflictError);
    expect(await outcomes(db, record.id)).toEqual([]);
    expect((await repo.get(record.id, agent))?.inFlight).toBeUndefined();
  });

  test("the answer's save and a refusal both clear the intent: nothing is left to settle", async () => {
    const db = await databases.open(engine);
    const time = clock();
    const repo = createFlowRepository(db, { stateKey: () => key, now: time.now });
    const answered = await writeInFlight(repo, time.now);
    const current = (await repo.get(answered.id, agent)) as FlowRecord;
    const saved = await repo.save(
      { ...current, step: { kind: "pan", identity: null, rejected: false } },
      { audits: [] },
    );
    expect(saved.inFlight).toBeUndefined();
    expect((await repo.get(answered.id, agent))?.inFlight).toBeUndefined();

    const refused = await writeInFlight(repo, time.now);
    await repo.settleRefused(refused.id, "owner-1", []);
    await repo.unlock(refused.id, "owner-1");
    const after = await repo.get(refused.id, agent);
    expect(after?.inFlight).toBeUndefined();
    expect(after?.step.kind).toBe("aadhaar");
    expect(await repo.abandonedWrites(10)).toEqual([]);
  });

  test("a request that took the expired lock settles the write under its own lock; readers then leave the flow alone", async () => {
    const db = await databases.open(engine);
    const time = clock();
    const repo = createFlowRepository(db, { stateKey: () => key, now: time.now });
    const { id } = await writeInFlight(repo, time.now);
    time.advance(LOCK_TTL_MS + 1);
    expect(await repo.lock(id, "owner-2", LOCK_TTL_MS)).toBe(true);
    const current = (await repo.get(id, agent)) as FlowRecord;
    const read = () => repo.get(id, agent);
    // A reader sees a lock that is live (owner-2's): it must not settle under it.
    expect((await settleIfAbandoned(repo, current, "req-read", read)).step.kind).toBe("aadhaar");
    const resolution = {
      step: { kind: "status_unknown", action: "aadhaar" } as const,
      secrets: {},
      audit: { ...attempted(id), outcome: "status_unknown", detail: "no_answer" },
    };
    expect(await repo.resolveInFlight(current, resolution, "owner-1")).toBeNull();
    const resolved = await repo.resolveInFlight(current, resolution, "owner-2");
    expect(resolved?.step.kind).toBe("status_unknown");
    // owner-2 still holds its lock for the step it is running.
    expect(await repo.lock(id, "owner-3", LOCK_TTL_MS)).toBe(false);
  });

  test("20 readers at once, over two connection pools (two instances): settled exactly once", async () => {
    const time = clock();
    const config = await databases.config(engine);
    const first = await databases.reopen(config);
    // SQLite serves one instance (one connection); PostgreSQL several.
    const second = engine === "postgres" ? await databases.reopen(config) : first;
    const repos = [first, second].map((db) =>
      createFlowRepository(db, { stateKey: () => key, now: time.now }),
    );
    const [repoA, repoB] = repos as [
      ReturnType<typeof createFlowRepository>,
      ReturnType<typeof createFlowRepository>,
    ];
    const { id } = await writeInFlight(repoA, time.now);
    time.advance(LOCK_TTL_MS + 1);
    const views = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const repo = i % 2 === 0 ? repoA : repoB;
        const read = () => repo.get(id, agent);
        return settleIfAbandoned(repo, (await read()) as FlowRecord, `req-${i}`, read);
      }),
    );
    expect(new Set(views.map((view) => view.step.kind))).toEqual(new Set(["status_unknown"]));
    expect(await outcomes(first, id)).toEqual([
      "attempted: levinAadhaar Cabc123",
      "status_unknown: no_answer levinAadhaar Cabc123",
    ]);
    expect((await repoB.get(id, agent))?.version).toBe(2);
  });

  test("the maintenance settles crash leftovers whose lock is gone, and only those", async () => {
    const db = await databases.open(engine);
    const time = clock();
    const repo = createFlowRepository(db, { stateKey: () => key, now: time.now });
    const lifetimes = { otpRefSeconds: 300, walletTokenSeconds: 43_200 };
    const maintenance = createFlowMaintenance({ repo, now: time.now, lifetimes });
    const old = await writeInFlight(repo, time.now);
    time.advance(LOCK_TTL_MS + 1);
    const live = await writeInFlight(repo, time.now);
    expect(await repo.abandonedWrites(10)).toEqual([old.id]);
    const [a, b] = await Promise.all([maintenance.run(), maintenance.run()]);
    expect((a?.resolved ?? 0) + (b?.resolved ?? 0)).toBe(1);
    expect((await repo.get(old.id, agent))?.step.kind).toBe("status_unknown");
    expect((await repo.get(live.id, agent))?.inFlight).toBeDefined();
  });
});
