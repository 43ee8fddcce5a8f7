import { CompiledQuery, type Transaction } from "kysely";
import type { Db } from "./db.ts";
import { engineOf } from "./engine.ts";
import type { Database } from "./schema.ts";

/** A write that must commit as a whole: its statements, run on the transaction it is given. */
export type TransactionalWrite<T> = (trx: Transaction<Database>) => Promise<T>;

/**
 * Runs `write` in a transaction and resolves only once that transaction has
 * committed — or rejects, and then none of `write`'s statements stayed.
 */
export type GroupCommit = <T>(write: TransactionalWrite<T>) => Promise<T>;

type Pending = {
  write: TransactionalWrite<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

const SAVEPOINT = CompiledQuery.raw("savepoint group_write");
const RELEASE = CompiledQuery.raw("release savepoint group_write");
const ROLLBACK_TO = CompiledQuery.raw("rollback to savepoint group_write");

/**
 * Group commit for SQLite: the writes handed in during one event-loop turn
 * (the flow saves of every Eko answer read in that turn) share one
 * transaction, so they pay one `COMMIT` — the largest single cost of a flow
 * step (README, Benchmarks) — between them. Each write runs in its own
 * SAVEPOINT: one that throws is rolled back alone and only its caller gets
 * the error. Nobody is answered before the shared COMMIT: if it fails, every
 * caller in the batch gets that error, as each would have on its own.
 *
 * A write sees the earlier writes of its batch, exactly as it would had they
 * committed just before it (SQLite has one writer: they would have run in
 * that order anyway). Writes must only touch the database — anything slow
 * inside would hold the one connection for the whole batch.
 *
 * PostgreSQL gets a transaction per write, as before: its pool commits
 * concurrently on several connections and the server already merges the WAL
 * flushes of concurrent commits, so batching would only serialise them.
 */
export function createGroupCommit(db: Db): GroupCommit {
  if (engineOf(db as never) === "postgres") {
    return (write) => db.transaction().execute(write);
  }
  let queue: Pending[] = [];

  const flush = async () => {
    const batch = queue;
    queue = [];
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await db.transaction().execute(async (trx) => {
        // Alone in its batch, a write needs no savepoint: its failure rolls back the transaction.
        if (batch.length === 1) {
          const [only] = batch as [Pending];
          outcomes.push({ ok: true, value: await only.write(trx) });
          return;
        }
        for (const pending of batch) {
          await trx.executeQuery(SAVEPOINT);
          try {
            outcomes.push({ ok: true, value: await pending.write(trx) });
          } catch (error) {
            // If SQLite already ended the transaction (a disk error), this throws: the batch fails.
            await trx.executeQuery(ROLLBACK_TO);
            outcomes.push({ ok: false, error });
          }
          await trx.executeQuery(RELEASE);
        }
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) pending.resolve(outcome.value);
      else pending.reject(outcome?.error);
    });
  };

  return <T>(write: TransactionalWrite<T>) =>
    new Promise<T>((resolve, reject) => {
      // setImmediate: after the poll phase, so every answer read in this turn joins the batch.
      if (queue.length === 0) setImmediate(flush);
      queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
    });
}

const shared = new WeakMap<Db, GroupCommit>();

/** The database's one group commit, so the flow saves and the limits' releases share batches. */
export function groupCommitOf(db: Db): GroupCommit {
  let commit = shared.get(db);
  if (!commit) {
    commit = createGroupCommit(db);
    shared.set(db, commit);
  }
  return commit;
}
