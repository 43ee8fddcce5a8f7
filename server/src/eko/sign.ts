import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from "node:crypto";

/**
 * The HMAC key per access key, imported once: a string or Buffer key is
 * re-imported into a KeyObject by every createHmac call. One entry per
 * environment's key (the console has one; tests a few).
 */
const hmacKeys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 16;

function hmacKeyFor(accessKey: string): KeyObject {
  let key = hmacKeys.get(accessKey);
  if (!key) {
    key = createSecretKey(Buffer.from(Buffer.from(accessKey, "utf8").toString("base64"), "utf8"));
    if (hmacKeys.size >= MAX_CACHED_KEYS) hmacKeys.clear();
    hmacKeys.set(accessKey, key);
  }
  return key;
}

/**
 * Eko's `secret-key` (eko-api.md §4.2): HMAC-SHA256 keyed with the *text* of
 * base64(access_key) — not the decoded bytes, not the raw key — over the
 * millisecond timestamp string, sent as standard base64.
 */
export function computeSecretKey(accessKey: string, timestamp: string): string {
  return createHmac("sha256", hmacKeyFor(accessKey)).update(timestamp, "utf8").digest("base64");
}

export type SignatureHeaders = {
  developer_key: string;
  "secret-key": string;
  "secret-key-timestamp": string;
};

/** One timestamp read per request: signing with one `Date.now()` and sending another is a classic 403. */
export function signatureHeaders(
  credentials: { developerKey: string; accessKey: string },
  now: number = Date.now(),
): SignatureHeaders {
  const timestamp = String(now);
  return {
    developer_key: credentials.developerKey,
    "secret-key": computeSecretKey(credentials.accessKey, timestamp),
    "secret-key-timestamp": timestamp,
  };
}

/** Constant-time comparison, so a signature check leaks nothing through timing. */
export function secretKeyMatches(accessKey: string, timestamp: string, presented: string): boolean {
  const expected = Buffer.from(computeSecretKey(accessKey, timestamp), "utf8");
  const actual = Buffer.from(presented, "utf8");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
