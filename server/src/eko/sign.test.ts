import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { computeSecretKey, secretKeyMatches, signatureHeaders } from "./sign.ts";

const UAT_ACCESS_KEY = "d2fe1d99-6298-4af2-8cc5-d97dcf46df30";

// Golden vectors from eko-api.md §4.3 (V1 and V2 are published by Eko's EPS repo).
describe("computeSecretKey golden vectors", () => {
  test.each([
    ["V1", "test-access-key-123", "1700000000000", "88lqTf9ew69XbVbeczjxVL8/B4vibfp1MvTi1mIj2Xo="],
    [
      "V2",
      "TEST_ACCESS_KEY_DO_NOT_USE",
      "1700000000000",
      "u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk=",
    ],
    ["V3", UAT_ACCESS_KEY, "1700000000000", "qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc="],
    ["V4", UAT_ACCESS_KEY, "1735689600000", "O18r4CDoTCXo6yEiFvlZXBk6J0lH/AsikGDQfmshBaI="],
    ["V5", UAT_ACCESS_KEY, "1516705204593", "FOoQl9IrqxsvErSHbIbHqfzDA/vvcSVdKxoY9uUaHmM="],
  ])("%s", (_name, accessKey, timestamp, expected) => {
    expect(computeSecretKey(accessKey, timestamp)).toBe(expected);
  });

  test("N1: keying HMAC with the raw access key is the classic mistake and must differ", () => {
    const wrong = createHmac("sha256", UAT_ACCESS_KEY).update("1700000000000").digest("base64");
    expect(wrong).toBe("ADpYKsHy4BKM7jVMJAdkWUJqdqvf0wZwStJf8yC2Lmg=");
    expect(computeSecretKey(UAT_ACCESS_KEY, "1700000000000")).not.toBe(wrong);
    expect(secretKeyMatches(UAT_ACCESS_KEY, "1700000000000", wrong)).toBe(false);
  });
});

test("signatureHeaders signs and sends the same timestamp", () => {
  const headers = signatureHeaders(
    { developerKey: "dev", accessKey: UAT_ACCESS_KEY },
    1735689600000,
  );
  expect(headers).toEqual({
    developer_key: "dev",
    "secret-key": "O18r4CDoTCXo6yEiFvlZXBk6J0lH/AsikGDQfmshBaI=",
    "secret-key-timestamp": "1735689600000",
  });
  expect(secretKeyMatches(UAT_ACCESS_KEY, "1735689600000", headers["secret-key"])).toBe(true);
});
