import type { SQLInputValue, StatementSync } from "node:sqlite";
import {
  type Compilable,
  type CompiledQuery,
  Kysely,
  type LogEvent,
  PostgresDialect,
  type QueryResult,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
} from "kysely";
import { observeQuery } from "../metrics/scope.ts";
import { type Engine, engineOf } from "./engine.ts";
import type { Database } from "./schema.ts";
import { createWalCheckpointer, type WalCheckpointer } from "./wal-checkpointer.ts";

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

/**
 * A hot statement built and compiled by Kysely once per engine, then run with
 * each call's values: building a query (immutable nodes, frozen at every
 * step) and compiling it cost more than running it on SQLite. `build` gets
 * one placeholder per name and must use each exactly once as a value; the
 * compiled parameters are matched back to the names, so a changed query
 * shape cannot bind a value to the wrong column (it throws instead).
 */
export function compiledOnce<Name extends string, Row>(
  names: readonly Name[],
  build: (db: Kysely<Database>, values: Record<Name, never>) => Compilable<Row>,
): (db: Kysely<Database>, values: Record<Name, unknown>) => Promise<QueryResult<Row>> {
  type Slot = { name: Name } | { constant: unknown };
  const compiled = new Map<Engine, { query: CompiledQuery<Row>; slots: Slot[] }>();
  const compile = (db: Kysely<Database>) => {
    const placeholders = Object.fromEntries(
      names.map((name) => [name, `\u0000compiledOnce:${name}`]),
    ) as Record<Name, never>;
    const byPlaceholder = new Map<unknown, Name>(names.map((name) => [placeholders[name], name]));
    const query = build(db, placeholders).compile();
    const slots = query.parameters.map((value): Slot => {
      const name = byPlaceholder.get(value);
      return name === undefined ? { constant: value } : { name };
    });
    for (const name of names) {
      const uses = slots.filter((slot) => "name" in slot && slot.name === name).length;
      if (uses !== 1)
        throw new Error(`compiledOnce: ${name} is used ${uses} times in ${query.sql}`);
    }
    return { query, slots };
  };
  return async (db, values) => {
    const engine = engineOf(db as unknown as Kysely<unknown>);
    let entry = compiled.get(engine);
    if (!entry) {
      entry = compile(db);
      compiled.set(engine, entry);
    }
    const parameters = entry.slots.map((slot) =>
      "name" in slot ? values[slot.name] : slot.constant,
    );
    return db.executeQuery<Row>({ ...entry.query, parameters });
  };
}

/** How long a SQLite writer waits for another process's lock (the agent CLI) before SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** Distinct statements the app issues are a few dozen; the cap only bounds odd ones (IN lists). */
const STATEMENT_CACHE_SIZE = 200;

/** Engines load on demand, so a SQLite process never holds pg (and vice versa). */
export async function createDb(
  config: DatabaseConfig,
  /** Kysely's `log`: statement durations for /metrics unless a test watches the statements. */
  { log = observeQuery }: { log?: (event: LogEvent) => void } = {},
): Promise<Db> {
  if (config.kind === "postgres") {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    // An idle connection the server drops (restart, failover, admin kill) is
    // reported on the pool; the pool discards it and the next query opens a
    // new one. Without a listener, Node would treat it as fatal and exit.
    pool.on("error", () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  }
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: await openSqlite(config) }),
    // Statement durations for /metrics, counted for the app whose request ran them.
    log,
  });
}

/**
 * Node's built-in SQLite (`node:sqlite`) through Kysely's own SQLite dialect:
 * one connection (Kysely queues callers, a transaction holds it until commit —
 * SQLite has one writer anyway) and each distinct statement prepared once;
 * a file's WAL checkpoints run on a second connection, on a thread of its
 * own, from the first write (wal-checkpointer.ts).
 * It replaced the `libsql` addon, whose row reads were ≈ 40 % of the
 * console's CPU on a flow start: every row crossed a Rust/N-API boundary
 * column by column (README, Benchmarks). Before that, @libsql/kysely-libsql
 * re-prepared every statement and gave no hook for per-connection pragmas.
 */
async function openSqlite(config: Extract<DatabaseConfig, { kind: "sqlite" }>) {
  const { DatabaseSync } = await import("node:sqlite");
  const connection = new DatabaseSync(config.path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  if (config.path !== ":memory:") connection.exec("PRAGMA journal_mode = WAL");
  connection.exec(`PRAGMA synchronous = ${config.synchronous === "full" ? "FULL" : "NORMAL"}`);
  connection.exec("PRAGMA foreign_keys = ON");
  const checkpointer =
    config.path === ":memory:" ? null : createWalCheckpointer(connection, config.path);

  // Insertion-ordered Map as an LRU: a hit moves the statement to the end.
  const statements = new Map<string, SqliteStatement>();
  const database: SqliteDatabase = {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = kyselyStatement(connection.prepare(sql), checkpointer);
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(sql, statement);
      return statement;
    },
    close() {
      checkpointer?.stop();
      statements.clear();
      connection.close();
    },
  };
  return database;
}

/** Data writes: the first starts the WAL checkpointer (reads and DDL do not, so neither does start-up's migration check on an up-to-date file). */
const WRITE =
  /^\s*(?:insert|update|delete|replace)\b|^\s*with\b[\s\S]*\b(?:insert|update|delete)\b/i;

/**
 * Kysely's statement shape over node:sqlite's: values spread as positional
 * parameters, and `reader` (does it return rows?) read once from the
 * prepared statement's result columns, since its SQL never changes.
 */
function kyselyStatement(
  statement: StatementSync,
  checkpointer: WalCheckpointer | null,
): SqliteStatement {
  const reader = statement.columns().length > 0;
  const writer = checkpointer && WRITE.test(statement.sourceSQL) ? checkpointer : null;
  return {
    reader,
    all: (parameters) => {
      writer?.noteWrite();
      return statement.all(...(parameters as SQLInputValue[]));
    },
    run: (parameters) => {
      writer?.noteWrite();
      return statement.run(...(parameters as SQLInputValue[]));
    },
    iterate: (parameters) => statement.iterate(...(parameters as SQLInputValue[])),
  };
}
