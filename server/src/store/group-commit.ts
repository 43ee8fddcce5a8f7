import type { Transaction } from "kysely";
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

/** A write that threw while its batch ran: the batch is rolled back and run again without it. */
class WriteFailed {
  readonly pending: Pending;
  readonly error: unknown;
  constructor(pending: Pending, error: unknown) {
    this.pending = pending;
    this.error = error;
  }
}

/**
 * Group commit for SQLite: the writes handed in during one event-loop turn
 * (the flow saves of every Eko answer read in that turn) share one
 * transaction, so they pay one `COMMIT` — the largest single cost of a flow
 * step (README, Benchmarks) — between them. A write that throws fails alone:
 * the batch is rolled back and run again without it, and only its caller gets
 * the error. (A SAVEPOINT per write does the same, but its two statements cost
 * ≈ 20–40 µs a write on every batch; a failed write is rare.) Nobody is
 * answered before the shared COMMIT: if it fails, every caller in the batch
 * gets that error, as each would have on its own.
 *
 * So a write may run more than once, and only its last run commits: it must
 * have no effect outside the transaction. A write sees the earlier writes of
 * its batch, exactly as it would had they committed just before it (SQLite
 * has one writer: they would have run in that order anyway). Writes must only
 * touch the database — anything slow inside would hold the one connection for
 * the whole batch.
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

  /** Runs `batch` in one transaction; a write that throws is dropped (its caller told) and the rest run again. */
  const commitBatch = async (batch: Pending[]): Promise<void> => {
    let remaining = batch;
    while (remaining.length > 0) {
      let values: unknown[];
      try {
        values = await db.transaction().execute(async (trx) => {
          const results: unknown[] = [];
          for (const pending of remaining) {
            try {
              results.push(await pending.write(trx));
            } catch (error) {
              throw new WriteFailed(pending, error);
            }
          }
          return results;
        });
      } catch (error) {
        if (!(error instanceof WriteFailed)) {
          // The COMMIT (or the rollback) failed: nothing of this batch stayed.
          for (const pending of remaining) pending.reject(error);
          return;
        }
        error.pending.reject(error.error);
        remaining = remaining.filter((pending) => pending !== error.pending);
        continue;
      }
      remaining.forEach((pending, index) => {
        pending.resolve(values[index]);
      });
      return;
    }
  };

  const flush = () => {
    const batch = queue;
    queue = [];
    void commitBatch(batch);
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
