import { createHmac, hkdfSync } from "node:crypto";

/**
 * The key for mobile_lookup, derived from STATE_KEY (HKDF-SHA256, its own
 * `info`), so one configured secret serves both and neither use weakens the
 * other. It never sits in the database next to the hashes it keys.
 */
export function deriveMobileLookupSecret(stateKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", stateKey, Buffer.alloc(0), "audit mobile lookup v1", 32));
}

/**
 * HMAC-SHA256 of the normalised 10-digit mobile (contract/mobile.ts), base64url.
 * The same mobile and key always give the same value, so an equality search
 * finds a customer's rows; without the key it reveals nothing of the number.
 */
export function mobileLookupKey(mobile: string, secret: Buffer): string {
  return createHmac("sha256", secret).update(mobile).digest("base64url");
}
