import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { deriveMobileLookupSecret, mobileLookupKey } from "./mobile-lookup.ts";

test("the lookup key is keyed, deterministic and hides the number", () => {
  const secret = deriveMobileLookupSecret(randomBytes(32));
  const key = mobileLookupKey("9000000001", secret);
  expect(mobileLookupKey("9000000001", secret)).toBe(key);
  expect(mobileLookupKey("9000000002", secret)).not.toBe(key);
  expect(mobileLookupKey("9000000001", deriveMobileLookupSecret(randomBytes(32)))).not.toBe(key);
  expect(key).not.toContain("0001");
  expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
});

test("the derived secret is not the state key itself", () => {
  const stateKey = randomBytes(32);
  expect(deriveMobileLookupSecret(stateKey).export().equals(stateKey)).toBe(false);
  expect(deriveMobileLookupSecret(stateKey).equals(deriveMobileLookupSecret(stateKey))).toBe(true);
});

test("a stored lookup key still matches: HMAC-SHA256 under the HKDF-derived bytes, as before the KeyObject", () => {
  const stateKey = randomBytes(32);
  const derived = Buffer.from(
    hkdfSync("sha256", stateKey, Buffer.alloc(0), "audit mobile lookup v1", 32),
  );
  expect(mobileLookupKey("9000000001", deriveMobileLookupSecret(stateKey))).toBe(
    createHmac("sha256", derived).update("9000000001").digest("base64url"),
  );
});
