import { DatabaseSync } from "node:sqlite";
import { sql, type Transaction } from "kysely";
import { describe, expect, test } from "vitest";
import { engines, setUpTestDatabases } from "../test-support/databases.ts";
import { recordAuditEvent } from "./audit-events.ts";
import { createGroupCommit } from "./group-commit.ts";
import type { Database } from "./schema.ts";

const databases = setUpTestDatabases();

const writeEvent = (trx: Transaction<Database>, requestId: string) =>
  recordAuditEvent(trx, {
    at: new Date("2026-03-01T10:00:00.000Z"),
    agentId: "agent-1",
    action: "flow.start",
    outcome: "ok",
    requestId,
  });

const savedRequestIds = async (db: Awaited<ReturnType<typeof databases.open>>) =>
  (await db.selectFrom("audit_events").select("request_id").orderBy("request_id").execute()).map(
    (row) => row.request_id,
  );

describe.each(engines)("group commit on %s", (engine) => {
  test("a write that fails after writing fails alone: its rows are gone, the others' committed", async () => {
    const db = await databases.open(engine);
    const commit = createGroupCommit(db);
    const refused = new Error("version moved");
    const results = await Promise.allSettled([
      commit(async (trx) => {
        await writeEvent(trx, "req-a");
        return "a";
      }),
      commit(async (trx) => {
        await writeEvent(trx, "req-b");
        throw refused;
      }),
      commit(async (trx) => {
        await writeEvent(trx, "req-c");
        return "c";
      }),
    ]);
    expect(results).toEqual([
      { status: "fulfilled", value: "a" },
      { status: "rejected", reason: refused },
      { status: "fulfilled", value: "c" },
    ]);
    expect(await savedRequestIds(db)).toEqual(["req-a", "req-c"]);
  });

  test("the writes after a failed one never see its rows, and get their own results", async () => {
    const db = await databases.open(engine);
    const commit = createGroupCommit(db);
    const seenOf = (trx: Transaction<Database>, requestId: string) =>
      trx
        .selectFrom("audit_events")
        .select("request_id")
        .where("request_id", "=", requestId)
        .execute()
        .then((rows) => rows.length);
    const results = await Promise.allSettled([
      commit((trx) => writeEvent(trx, "req-a").then(() => "a")),
      commit(async (trx) => {
        await writeEvent(trx, "req-b");
        throw new Error("conflict");
      }),
      commit(async (trx) => ({ a: await seenOf(trx, "req-a"), b: await seenOf(trx, "req-b") })),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    // Never the second's row. On SQLite the first ran before it in the same batch and is seen;
    // PostgreSQL runs the three concurrently on the pool, so whether it sees the first varies.
    expect(results[2]).toMatchObject({ status: "fulfilled", value: { b: 0 } });
    if (engine === "sqlite") expect(results[2]).toMatchObject({ value: { a: 1 } });
    expect(await savedRequestIds(db)).toEqual(["req-a"]);
  });
});

describe("group commit on sqlite", () => {
  test("writes of one turn share one transaction, and each caller is answered only once it is committed", async () => {
    const config = await databases.config("sqlite");
    if (config.kind !== "sqlite") throw new Error("sqlite expected");
    const db = await databases.reopen(config);
    // Another connection sees only what is committed (WAL): read synchronously at each answer.
    const observer = new DatabaseSync(config.path);
    const committed = (requestId: string) =>
      observer.prepare("select 1 from audit_events where request_id = ?").get(requestId) !==
      undefined;
    const commit = createGroupCommit(db);
    const seenByOthersDuringBatch: boolean[] = [];
    const answeredCommitted: Record<string, boolean> = {};
    const write = (requestId: string) =>
      commit(async (trx) => {
        // The earlier writes of the batch are not committed yet: they share this transaction.
        if (requestId !== "req-1") seenByOthersDuringBatch.push(committed("req-1"));
        await writeEvent(trx, requestId);
      }).then(() => {
        answeredCommitted[requestId] = committed(requestId);
      });
    await Promise.all(["req-1", "req-2", "req-3"].map(write));
    observer.close();
    expect(seenByOthersDuringBatch).toEqual([false, false]);
    expect(answeredCommitted).toEqual({ "req-1": true, "req-2": true, "req-3": true });
  });

  test("a failed COMMIT fails every caller of the batch, and none of its writes stays", async () => {
    const db = await databases.open("sqlite");
    const commit = createGroupCommit(db);
    const results = await Promise.allSettled([
      commit((trx) => writeEvent(trx, "req-a")),
      commit(async (trx) => {
        // A deferred foreign key is checked at COMMIT: the write itself succeeds, the commit fails.
        await sql`pragma defer_foreign_keys = on`.execute(trx);
        await sql`insert into sessions (id_hash, agent_id, created_at, last_seen_at, expires_at)
          values ('h', 'no-such-agent', 'x', 'x', 'x')`.execute(trx);
      }),
      commit((trx) => writeEvent(trx, "req-c")),
    ]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const result of results)
      expect(String((result as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(await savedRequestIds(db)).toEqual([]);
    // The connection is usable afterwards: the next batch commits.
    await commit((trx) => writeEvent(trx, "req-d"));
    expect(await savedRequestIds(db)).toEqual(["req-d"]);
  });
});
