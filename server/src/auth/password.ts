import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

export type ScryptParams = { logN: number; r: number; p: number };

/**
 * OWASP's scrypt settings with 32 MiB of memory (N=2^15, r=8, p=3): about a
 * tenth of a second per hash here, paid once per sign-in.
 */
export const DEFAULT_SCRYPT: ScryptParams = { logN: 15, r: 8, p: 3 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** A hash string is trusted input, but a corrupted one must not pin the CPU or memory. */
const MAX_LOG_N = 20;
const MAX_P = 16;

/**
 * PHC-style string: `$scrypt$ln=15,r=8,p=3$<salt>$<hash>` (base64, no padding).
 * The parameters travel with the hash, so raising them later leaves old hashes verifiable.
 */
export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

/** Constant-time comparison; false (never a throw) for a malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parse(encoded);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.hash.length);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

function parse(encoded: string) {
  const match =
    /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(
      encoded,
    );
  if (!match) return null;
  const [, logN, r, p, salt, hash] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const params = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (
    params.logN < 1 ||
    params.logN > MAX_LOG_N ||
    params.r < 1 ||
    params.p < 1 ||
    params.p > MAX_P
  ) {
    return null;
  }
  const hashBytes = Buffer.from(hash, "base64");
  if (hashBytes.length < 16) return null;
  return { params, salt: Buffer.from(salt, "base64"), hash: hashBytes };
}

function derive(
  password: string,
  salt: Buffer,
  { logN, r, p }: ScryptParams,
  keyLength = KEY_LENGTH,
): Promise<Buffer> {
  const N = 2 ** logN;
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function b64(bytes: Buffer): string {
  return bytes.toString("base64").replace(/=+$/, "");
}
