import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { createApp } from "../app.ts";
import { createLogger } from "../logger.ts";
import { testEnv } from "../test-support/app.ts";
import { startPostgres } from "../test-support/postgres.ts";
import { listen } from "../test-support/serve.ts";
import { createDb } from "./db.ts";
import { openStore } from "./open-store.ts";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function readyz(origin: string) {
  const response = await fetch(`${origin}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test("/readyz: 200 on a live PostgreSQL store, 503 store_unreachable once PostgreSQL stops under the running instance; /healthz stays 200", async () => {
  const postgres = await startPostgres();
  let stopped = false;
  closers.push(async () => {
    if (!stopped) await postgres.stop();
  });
  const env = testEnv({
    DATABASE_URL: postgres.url,
    STATE_KEY: Buffer.alloc(32, 7).toString("base64"),
  });
  const db = await openStore(env);
  closers.push(() => db.destroy());
  const served = await listen(createApp({ env, db, logger: createLogger("silent") }).fetch);
  closers.push(served.close);

  expect(await readyz(served.origin)).toEqual({ status: 200, body: { status: "ready" } });

  await postgres.stop();
  stopped = true;
  const down = await readyz(served.origin);
  expect(down.status).toBe(503);
  expect(down.body).toMatchObject({ status: "not_ready", reason: "store_unreachable" });
  expect((await fetch(`${served.origin}/healthz`)).status).toBe(200);
});

test("/readyz: 503 migrations_pending on a store this build has not migrated", async () => {
  const dir = await mkdtemp(join(tmpdir(), "eko-ready-"));
  const env = testEnv({ SQLITE_PATH: join(dir, "console.db") });
  // createDb without openStore: no migration has run.
  const db = await createDb(env.database);
  closers.push(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });
  const served = await listen(createApp({ env, db, logger: createLogger("silent") }).fetch);
  closers.push(served.close);
  const pending = await readyz(served.origin);
  expect(pending.status).toBe(503);
  expect(pending.body).toMatchObject({ status: "not_ready", reason: "migrations_pending" });
  expect(pending.body.detail).toContain("001-initial");
});
