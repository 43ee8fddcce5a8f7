import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { Db } from "./db.ts";
import { openStore } from "./open-store.ts";
import { BACKSTOP_AUTOCHECKPOINT_FRAMES, createWalCheckpointer } from "./wal-checkpointer.ts";

let dir = "";
let file = "";
let db: Db | null = null;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "eko-wal-"));
  file = path.join(dir, "console.db");
});
afterEach(async () => {
  await db?.destroy();
  db = null;
  if (process.platform === "linux") await eventually(() => expect(checkpointerThreads()).toBe(0));
  await rm(dir, { recursive: true, force: true });
});

/** Node names a worker's OS thread after the worker (15 characters at most, Linux). */
const checkpointerThreads = () =>
  readdirSync("/proc/self/task").filter((task) => {
    try {
      return readFileSync(`/proc/self/task/${task}/comm`, "utf8").trim() === "sqlite-wal-chec";
    } catch {
      return false; // the thread ended between the listing and the read
    }
  }).length;

/**
 * The WAL-index header in the `-shm` file (sqlite.org/walformat.html §2.1):
 * `mxFrame`, the last valid frame, at byte 16; `nBackfill`, how many frames
 * a checkpoint has copied into the database file, at byte 96. Reading it
 * does not checkpoint, as a `PRAGMA wal_checkpoint` from here would.
 */
function walIndex(): { frames: number; checkpointed: number } {
  const header = readFileSync(`${file}-shm`).subarray(0, 100);
  return { frames: header.readUInt32LE(16), checkpointed: header.readUInt32LE(96) };
}

/** Polls what the thread does on its own clock (it checkpoints every 100 ms). */
const eventually = (assertion: () => void) =>
  vi.waitFor(assertion, { timeout: 10_000, interval: 20 });

async function writeSomeRows(store: Db, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    await store
      .insertInto("rate_limits")
      .values({
        key: `wal-test-${index}`,
        count: 1,
        window_ends_at: "2030-01-01T00:00:00.000Z",
        locked_until: null,
      })
      .execute();
  }
}

test.runIf(process.platform === "linux")(
  "reads start no checkpoint thread; the first write does",
  async () => {
    // A new file's migrations write: the first opening starts a thread, and closing stops it.
    await (await openStore({ database: { kind: "sqlite", path: file } })).destroy();
    await eventually(() => expect(checkpointerThreads()).toBe(0));

    db = await openStore({ database: { kind: "sqlite", path: file } });
    await db.selectFrom("rate_limits").selectAll().execute();
    expect(checkpointerThreads()).toBe(0);

    await writeSomeRows(db, 1);
    await eventually(() => expect(checkpointerThreads()).toBe(1));
  },
);

test("the thread checkpoints commits that the main connection, below 1,000 frames, never would", async () => {
  db = await openStore({ database: { kind: "sqlite", path: file } });
  await writeSomeRows(db, 40);
  expect(walIndex().frames).toBeGreaterThan(0);

  await eventually(() => {
    const { frames, checkpointed } = walIndex();
    expect(checkpointed).toBe(frames);
  });
});

test("closing the store stops the thread, and the last connection's close removes the WAL", async () => {
  const store = await openStore({ database: { kind: "sqlite", path: file } });
  await writeSomeRows(store, 5);
  expect(existsSync(`${file}-wal`)).toBe(true);

  await store.destroy();
  expect(existsSync(`${file}-wal`)).toBe(false);
  if (process.platform === "linux") await eventually(() => expect(checkpointerThreads()).toBe(0));
});

test("a thread that cannot open the file hands the checkpoints back to the main connection", async () => {
  const { DatabaseSync } = await import("node:sqlite");
  const connection = new DatabaseSync(file);
  try {
    connection.exec("PRAGMA journal_mode = WAL");
    const autocheckpoint = () =>
      connection.prepare("PRAGMA wal_autocheckpoint").get()?.wal_autocheckpoint;
    const checkpointer = createWalCheckpointer(connection, path.join(dir, "missing", "x.db"));
    checkpointer.noteWrite();
    expect(autocheckpoint()).toBe(BACKSTOP_AUTOCHECKPOINT_FRAMES);
    await eventually(() => expect(autocheckpoint()).toBe(1000));
    checkpointer.stop();
  } finally {
    connection.close();
  }
});
