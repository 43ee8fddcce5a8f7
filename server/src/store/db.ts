import { type Client, createClient } from "@libsql/client";
import { LibsqlDialect, type libsql } from "@libsql/kysely-libsql";
import {
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PostgresDialect,
  type TransactionSettings,
} from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

export type DatabaseConfig = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };
export type Db = Kysely<Database>;

/** How long a SQLite writer waits for another connection's lock before SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export function createDb(config: DatabaseConfig): Db {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    // An idle connection the server drops (restart, failover, admin kill) is
    // reported on the pool; the pool discards it and the next query opens a
    // new one. Without a listener, Node would treat it as fatal and exit.
    pool.on("error", () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const url = config.path === ":memory:" ? ":memory:" : `file:${config.path}`;
  // The client comes from the top-level @libsql/client (0.18), not the older copy
  // bundled with @libsql/kysely-libsql: 0.18 pools connections, gives each
  // transaction its own connection and honours a busy timeout.
  const client = createClient({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return new Kysely<Database>({ dialect: closingLibsqlDialect(client) });
}

/** LibsqlDialect does not close a client it was handed; this one does, on `db.destroy()`. */
function closingLibsqlDialect(client: Client): Dialect {
  // kysely-libsql 0.4 is typed against its bundled client 0.8; the driver calls only
  // execute() and transaction(), which 0.18 keeps unchanged (only sync()'s type differs).
  const inner = new LibsqlDialect({ client: client as unknown as libsql.Client });
  return {
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createDriver: (): Driver => {
      const driver = inner.createDriver();
      return {
        init: () => driver.init(),
        acquireConnection: () => driver.acquireConnection(),
        beginTransaction: (connection: DatabaseConnection, settings: TransactionSettings) =>
          driver.beginTransaction(connection, settings),
        commitTransaction: (connection: DatabaseConnection) => driver.commitTransaction(connection),
        rollbackTransaction: (connection: DatabaseConnection) =>
          driver.rollbackTransaction(connection),
        releaseConnection: (connection: DatabaseConnection) => driver.releaseConnection(connection),
        destroy: async () => {
          await driver.destroy();
          client.close();
        },
      };
    },
  };
}
