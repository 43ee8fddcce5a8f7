import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Env } from "../env.ts";
import { createDb, type Db } from "./db.ts";
import { migrateToLatest } from "./migrate.ts";

/**
 * Opens the configured store and brings its schema up to date (start-up, CLI,
 * tests): SQLite needs no setup (its directory is created), PostgreSQL needs
 * only DATABASE_URL. Safe from several instances at once: Kysely's migrator
 * takes a lock on PostgreSQL.
 */
export async function openStore(env: Pick<Env, "database">): Promise<Db> {
  const config = env.database;
  const isFile = config.kind === "sqlite" && config.path !== ":memory:";
  if (isFile) await mkdir(path.dirname(path.resolve(config.path)), { recursive: true });
  const db = await createDb(config);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}
