import { type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Db } from "./db.ts";
import * as initial from "./migrations/001-initial.ts";
import * as auditAppendOnly from "./migrations/002-audit-append-only.ts";
import * as auditNoReplace from "./migrations/003-audit-no-replace.ts";
import * as agentPasswordChange from "./migrations/004-agent-password-change.ts";
import * as auditLookup from "./migrations/005-audit-lookup.ts";
import * as consentDetails from "./migrations/006-consent-details.ts";
import * as writeIntents from "./migrations/007-write-intents.ts";
import * as flowMobileLookup from "./migrations/008-flow-mobile-lookup.ts";
import * as seekIndexes from "./migrations/009-seek-indexes.ts";

/** Migrations are imported, not read from disk, so they work the same from any working directory. */
const migrations: Record<string, Migration> = {
  "001-initial": initial,
  "002-audit-append-only": auditAppendOnly,
  "003-audit-no-replace": auditNoReplace,
  "004-agent-password-change": agentPasswordChange,
  "005-audit-lookup": auditLookup,
  "006-consent-details": consentDetails,
  "007-write-intents": writeIntents,
  "008-flow-mobile-lookup": flowMobileLookup,
  "009-seek-indexes": seekIndexes,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed`, { cause: error });
  }
}

/** Names of the migrations this build knows that the store has not run yet (readiness, /readyz). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const known = await new Migrator({ db, provider }).getMigrations();
  return known.filter((migration) => migration.executedAt === undefined).map((m) => m.name);
}
