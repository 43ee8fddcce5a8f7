import type { DatabaseSync } from "node:sqlite";
import { SHARE_ENV, Worker } from "node:worker_threads";

/**
 * SQLite's WAL checkpoints, moved off the event loop onto a thread of their
 * own: SQLite's advice for busy writers ("disable the automatic checkpoints
 * and run them in a separate thread", sqlite.org/wal.html).
 *
 * In WAL mode with `synchronous=NORMAL`, a commit does not fsync, but a
 * checkpoint does, twice: the WAL before its frames are copied into the
 * database file, and the database file after. An automatic checkpoint runs
 * inside the COMMIT that crosses 1,000 WAL frames, so on the event loop:
 * under 64 clients about 1 commit in 9, 8–15 ms each, 12 % of the loop's
 * time, while every request waited (README, Benchmarks). On this thread the
 * fsyncs block nothing but the thread. A PASSIVE checkpoint never waits for
 * the writer or the readers, and they never wait for it.
 */

/** The thread's checkpoint period. At ≈ 1,500 flow starts a second the WAL gains ≈ 1,300 frames (≈ 5 MB) in this time. */
const CHECKPOINT_INTERVAL_MS = 100;

/**
 * The main connection's own automatic checkpoint while the thread runs: a
 * backstop, so the WAL stays bounded (≈ 40 MB of 4 KB pages) if the thread
 * falls behind. SQLite's default (1,000 frames) comes back if the thread fails.
 */
export const BACKSTOP_AUTOCHECKPOINT_FRAMES = 10_000;
const SQLITE_DEFAULT_AUTOCHECKPOINT_FRAMES = 1_000;
/** How long closing the store waits for the thread to close its connection (a checkpoint in flight, a thread still starting). */
const STOP_TIMEOUT_MS = 5_000;

export type WalCheckpointer = {
  /** A statement that may write is about to run: the thread starts with the first one. */
  noteWrite(): void;
  /**
   * Stops the thread and returns once it has closed its connection, so the
   * main connection's close is the last one: SQLite then checkpoints the rest
   * and removes the WAL, as it did without the thread.
   */
  stop(): void;
};

/**
 * The thread's whole program. It runs as an `eval` worker, so it is sent as
 * source and may use nothing from this module: `require` and its data come in
 * as arguments.
 */
function checkpointLoop(
  load: (id: string) => unknown,
  data: { path: string; intervalMs: number; closed: SharedArrayBuffer },
): void {
  const { DatabaseSync } = load("node:sqlite") as typeof import("node:sqlite");
  const { parentPort } = load("node:worker_threads") as typeof import("node:worker_threads");
  const db = new DatabaseSync(data.path, { timeout: 5_000 });
  const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
  // A failed checkpoint (a full disk) is retried on the next tick; the main
  // connection reports the same failure on its own statements.
  const timer = setInterval(() => {
    try {
      checkpoint.get();
    } catch {}
  }, data.intervalMs);
  parentPort?.once("message", () => {
    clearInterval(timer);
    db.close();
    const closed = new Int32Array(data.closed);
    Atomics.store(closed, 0, 1);
    Atomics.notify(closed, 0);
    parentPort.close();
  });
}

const THREAD_SOURCE = `(${checkpointLoop.toString()})(require, require("node:worker_threads").workerData);`;

/** A checkpointer for `connection`'s file (not `:memory:`, which has no WAL). */
export function createWalCheckpointer(connection: DatabaseSync, path: string): WalCheckpointer {
  let thread: Worker | null = null;
  let state: "idle" | "running" | "failed" | "stopped" = "idle";
  const closed = new SharedArrayBuffer(4);

  /** The thread could not start, or died: the main connection checkpoints as SQLite does by default. */
  const fallBack = () => {
    thread = null;
    state = "failed";
    connection.exec(`PRAGMA wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_FRAMES}`);
  };

  const start = () => {
    state = "running";
    connection.exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_FRAMES}`);
    try {
      thread = new Worker(THREAD_SOURCE, {
        eval: true,
        name: "sqlite-wal-checkpointer",
        workerData: { path, intervalMs: CHECKPOINT_INTERVAL_MS, closed },
        env: SHARE_ENV,
      });
    } catch {
      // No thread to be had (resources): the write that asked for one must still go through.
      fallBack();
      return;
    }
    // The thread never keeps the process alive on its own.
    thread.unref();
    // It could not open the file, or it died.
    thread.once("error", () => {
      if (state !== "stopped") fallBack();
    });
  };

  return {
    noteWrite() {
      if (state === "idle") start();
    },
    stop() {
      state = "stopped";
      if (!thread) return;
      thread.postMessage("stop");
      thread = null;
      // Kysely closes a SQLite database synchronously, so this waits the same way (milliseconds).
      Atomics.wait(new Int32Array(closed), 0, 0, STOP_TIMEOUT_MS);
    },
  };
}
