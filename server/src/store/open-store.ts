import { chmod, mkdir, open, stat } from "node:fs/promises";
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
  if (isFile) {
    await mkdir(path.dirname(path.resolve(config.path)), { recursive: true });
    await ownerOnly(config.path);
  }
  const db = await createDb(config);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/**
 * The store holds agents' password hashes, sessions and customers' masked
 * data: readable by its owner only, like `state.key`. The file is created
 * 0600 before SQLite opens it (SQLite then creates `-wal` and `-shm` with the
 * database file's own mode); an existing file, or journal, that other users
 * can read is tightened.
 */
async function ownerOnly(file: string): Promise<void> {
  const handle = await open(file, "a", 0o600);
  await handle.close();
  for (const each of [file, `${file}-wal`, `${file}-shm`]) {
    const mode = await stat(each).then(
      (info) => info.mode,
      () => null,
    );
    if (mode !== null && (mode & 0o077) !== 0) await chmod(each, mode & 0o700);
  }
}
