import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import pg from "pg";
import { expect, test } from "vitest";
import { startPostgres } from "./postgres.ts";

test("starts a real PostgreSQL 15+ as an unprivileged user; stop() shuts it down and cleans up", async () => {
  const server = await startPostgres();
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const { rows } = await client.query<{ version: string; dir: string; db: string }>(
    "SELECT current_setting('server_version_num') AS version, current_setting('data_directory') AS dir, current_database() AS db",
  );
  await client.end();
  const [row] = rows;
  expect(Number(row?.version)).toBeGreaterThanOrEqual(150000);
  expect(row?.db).toBe("test_1");
  const dataDir = row?.dir ?? "";
  // PostgreSQL refuses root; under root (CI) the cluster belongs to another user.
  if (process.getuid?.() === 0) expect(statSync(dataDir).uid).not.toBe(0);

  const other = await server.createDatabase();
  expect(other).not.toBe(server.url);

  await server.stop();
  expect(existsSync(dirname(dataDir))).toBe(false);
  const after = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2000 });
  await expect(after.connect()).rejects.toThrow();
});
