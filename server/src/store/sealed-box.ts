import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Env } from "../env.ts";

/**
 * AES-256-GCM for the values Eko hands out that must never sit in the
 * database in the clear (otp_ref_id, wallet_token, wallet_id; never an Aadhaar
 * number, which is not stored at all). Format: `v1.` + base64url(iv ‖ tag ‖ ciphertext).
 * The flow id is bound as additional data, so sealed secrets cannot be
 * copied from one flow row to another.
 */
const VERSION = "v1.";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function seal(key: Buffer | KeyObject, plaintext: string, boundTo: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url");
}

/** Throws when the box was altered, sealed under another key or bound to another id. */
export function open(key: Buffer | KeyObject, sealed: string, boundTo: string): string {
  if (!sealed.startsWith(VERSION)) throw new Error("Unknown sealed-box format");
  const bytes = Buffer.from(sealed.slice(VERSION.length), "base64url");
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error("Sealed box too short");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(boundTo, "utf8"));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([
    decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]).toString("utf8");
}

function decodeKey(base64: string, origin: string): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== 32) throw new Error(`${origin} must be 32 random bytes, base64-encoded`);
  return key;
}

/**
 * STATE_KEY when set (required with PostgreSQL: every instance must share it).
 * With SQLite and no STATE_KEY a key is generated once and kept next to the
 * database as `state.key` (mode 0600), so a restart can still open the flows
 * it sealed; an in-memory database gets a key that lives as long as it does.
 */
export function loadStateKey(env: Pick<Env, "stateKey" | "database">): Buffer {
  if (env.stateKey) return decodeKey(env.stateKey, "STATE_KEY");
  if (env.database.kind !== "sqlite") throw new Error("STATE_KEY is required with PostgreSQL");
  if (env.database.path === ":memory:") return randomBytes(32);

  const directory = dirname(resolve(env.database.path));
  const file = join(directory, "state.key");
  mkdirSync(directory, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return decodeKey(readFileSync(file, "utf8"), file);
}
