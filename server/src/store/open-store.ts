import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Env } from "../env.ts";
import { createDb, type Db } from "./db.ts";
import { migrateToLatest } from "./migrate.ts";

/** Opens the configured store and brings its schema up to date (start-up, CLI, tests). */
export async function openStore(env: Pick<Env, "database">): Promise<Db> {
  if (env.database.kind === "sqlite" && env.database.path !== ":memory:") {
    await mkdir(path.dirname(path.resolve(env.database.path)), { recursive: true });
  }
  const db = createDb(env.database);
  await migrateToLatest(db);
  return db;
}
