import { chmod, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { recordAuditEvent } from "./audit-events.ts";
import type { Db } from "./db.ts";
import { openStore } from "./open-store.ts";

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "eko-open-store-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function opened(path: string): Promise<Db> {
  const db = await openStore({ database: { kind: "sqlite", path } });
  cleanup.push(() => db.destroy());
  // A write, so the WAL and its index exist.
  await recordAuditEvent(db, {
    at: new Date(),
    agentId: "agent-1",
    action: "sign-in",
    outcome: "success",
    requestId: "r",
  });
  return db;
}

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

test("a new SQLite store, its WAL and shared-memory files are created 0600", async () => {
  const path = join(await tempDir(), "nested", "console.db");
  await opened(path);
  expect(await modeOf(path)).toBe(0o600);
  expect(await modeOf(`${path}-wal`)).toBe(0o600);
  expect(await modeOf(`${path}-shm`)).toBe(0o600);
});

test("an existing store readable by others is tightened to its owner", async () => {
  const path = join(await tempDir(), "console.db");
  await writeFile(path, "");
  await chmod(path, 0o644);
  await opened(path);
  expect(await modeOf(path)).toBe(0o600);
  expect(await modeOf(`${path}-wal`)).toBe(0o600);
});
