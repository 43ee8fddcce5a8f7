import type { Kysely } from "kysely";

/**
 * DigiKhata's consent comes from Eko (§9 B.6): the record names Eko's
 * `consentId`, a SHA-256 of the exact text shown and whether its audio was
 * played. Levin's consent text is the console's own (text_version), so these
 * stay null there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("consent_records").addColumn("eko_consent_id", "text").execute();
  await db.schema.alterTable("consent_records").addColumn("text_sha256", "text").execute();
  await db.schema.alterTable("consent_records").addColumn("audio_played", "integer").execute();
}
