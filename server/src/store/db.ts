import { LibsqlDialect } from "@libsql/kysely-libsql";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

export type DatabaseConfig = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };
export type Db = Kysely<Database>;

export function createDb(config: DatabaseConfig): Db {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const url = config.path === ":memory:" ? ":memory:" : `file:${config.path}`;
  return new Kysely<Database>({ dialect: new LibsqlDialect({ url }) });
}
