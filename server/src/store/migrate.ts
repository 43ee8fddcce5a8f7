import { type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Db } from "./db.ts";
import * as initial from "./migrations/001-initial.ts";
import * as auditAppendOnly from "./migrations/002-audit-append-only.ts";
import * as consentDetails from "./migrations/003-consent-details.ts";

/** Migrations are imported, not read from disk, so they work the same from any working directory. */
const migrations: Record<string, Migration> = {
  "001-initial": initial,
  "002-audit-append-only": auditAppendOnly,
  "003-consent-details": consentDetails,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed`, { cause: error });
  }
}
