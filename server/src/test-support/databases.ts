import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { DatabaseConfig, Db } from "../store/db.ts";
import type { Engine } from "../store/engine.ts";
import { openStore } from "../store/open-store.ts";
import { type PostgresServer, startPostgres } from "./postgres.ts";

/** For `describe.each(engines)`: every store test runs on both. */
export const engines: Engine[] = ["sqlite", "postgres"];

/**
 * Registers the hooks for one test file: a PostgreSQL cluster started once
 * (beforeAll), and a fresh, migrated database per `open()` — a new SQLite file
 * or a new PostgreSQL database — closed after each test. Call at the top of
 * the file.
 */
export function setUpTestDatabases() {
  let postgres: PostgresServer | undefined;
  let tempDir = "";
  let counter = 0;
  const opened: Db[] = [];

  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), "eko-store-"));
    postgres = await startPostgres();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.destroy()));
  });
  afterAll(async () => {
    await postgres?.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  });

  return {
    /** A new empty database's config (not yet opened). */
    async config(engine: Engine): Promise<DatabaseConfig> {
      if (engine === "postgres") {
        if (!postgres)
          throw new Error("PostgreSQL is not running (call setUpTestDatabases at file level)");
        return { kind: "postgres", url: await postgres.createDatabase() };
      }
      counter += 1;
      return { kind: "sqlite", path: join(tempDir, `test-${counter}.db`) };
    },
    /** A new, migrated database, closed after the test. */
    async open(engine: Engine): Promise<Db> {
      const db = await openStore({ database: await this.config(engine) });
      opened.push(db);
      return db;
    },
    /** Another connection pool on a database `open()` returned (closed after the test). */
    async reopen(config: DatabaseConfig): Promise<Db> {
      const db = await openStore({ database: config });
      opened.push(db);
      return db;
    },
  };
}
