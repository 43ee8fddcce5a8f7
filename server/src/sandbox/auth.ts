import { timingSafeEqual } from "node:crypto";
import { secretKeyMatches } from "../eko/sign.ts";

export type Credentials = { developerKey: string; accessKey: string };

/**
 * Eko's request signature (eko-api.md §4): `developer_key` must be the
 * configured one and `secret-key` must equal the HMAC recomputed from
 * `secret-key-timestamp` with the configured access key. Eko does not publish
 * its clock tolerance; the sandbox allows `skewSeconds` either way.
 * Returns null when the request may pass, else the 403 message.
 */
export function checkSignature(
  headers: { get: (name: string) => string | undefined },
  credentials: Credentials,
  options: { now: number; skewSeconds: number },
): string | null {
  const developerKey = headers.get("developer_key");
  const secretKey = headers.get("secret-key");
  const timestamp = headers.get("secret-key-timestamp");
  const missing = [
    developerKey ? null : "developer_key",
    secretKey ? null : "secret-key",
    timestamp ? null : "secret-key-timestamp",
  ].filter((name) => name !== null);
  if (missing.length > 0) {
    return `Forbidden — invalid developer_key or secret-key (missing header: ${missing.join(", ")})`;
  }
  if (!sameText(developerKey as string, credentials.developerKey)) {
    return "Forbidden — invalid developer_key or secret-key";
  }
  if (!secretKeyMatches(credentials.accessKey, timestamp as string, secretKey as string)) {
    return "Forbidden — invalid developer_key or secret-key";
  }
  const signedAt = /^\d+$/.test(timestamp as string) ? Number(timestamp) : Number.NaN;
  const skewMs = Math.abs(options.now - signedAt);
  if (!(skewMs <= options.skewSeconds * 1000)) {
    const hint = /^\d{10}$/.test(timestamp as string)
      ? " — it looks like seconds, not milliseconds"
      : "";
    return `Forbidden — clock skew: secret-key-timestamp is outside ±${options.skewSeconds} s of server time${hint}`;
  }
  return null;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
