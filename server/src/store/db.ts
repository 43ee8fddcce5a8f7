import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from "kysely";
import { observeQuery } from "../metrics/scope.ts";
import type { Database } from "./schema.ts";

export type DatabaseConfig =
  | {
      kind: "sqlite";
      path: string;
      /**
       * `normal` (default): in WAL mode a commit is not fsynced; it survives the
       * process crashing, and a power cut can only lose the last commits, never
       * corrupt the file (SQLite's own advice for WAL). `full` fsyncs every
       * commit — on the event loop, since the driver is synchronous.
       */
      synchronous?: "normal" | "full";
    }
  | { kind: "postgres"; url: string };
export type Db = Kysely<Database>;

/** How long a SQLite writer waits for another process's lock (the agent CLI) before SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** Distinct statements the app issues are a few dozen; the cap only bounds odd ones (IN lists). */
const STATEMENT_CACHE_SIZE = 200;

/** Engines load on demand, so a SQLite process never holds pg (and vice versa). */
export async function createDb(config: DatabaseConfig): Promise<Db> {
  if (config.kind === "postgres") {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    // An idle connection the server drops (restart, failover, admin kill) is
    // reported on the pool; the pool discards it and the next query opens a
    // new one. Without a listener, Node would treat it as fatal and exit.
    pool.on("error", () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: observeQuery });
  }
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: await openSqlite(config) }),
    // Statement durations for /metrics, counted for the app whose request ran them.
    log: observeQuery,
  });
}

/**
 * libSQL's embedded engine through Kysely's own SQLite dialect: one
 * connection (Kysely queues callers, a transaction holds it until commit —
 * SQLite has one writer anyway) and each distinct statement prepared once.
 * @libsql/kysely-libsql via @libsql/client re-prepared every statement and
 * probed each with an exception (`raw()`), about half the console's CPU per
 * request, and gave no hook to set per-connection pragmas (README, Benchmarks).
 */
async function openSqlite(config: Extract<DatabaseConfig, { kind: "sqlite" }>) {
  const { default: Libsql } = await import("libsql");
  const connection = new Libsql(config.path);
  if (config.path !== ":memory:") connection.exec("PRAGMA journal_mode = WAL");
  connection.exec(`PRAGMA synchronous = ${config.synchronous === "full" ? "FULL" : "NORMAL"}`);
  connection.exec(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  connection.exec("PRAGMA foreign_keys = ON");

  // Insertion-ordered Map as an LRU: a hit moves the statement to the end.
  const statements = new Map<string, ReturnType<typeof connection.prepare>>();
  const database: SqliteDatabase = {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = connection.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(sql, statement);
      return statement as unknown as ReturnType<SqliteDatabase["prepare"]>;
    },
    close() {
      statements.clear();
      connection.close();
    },
  };
  return database;
}
