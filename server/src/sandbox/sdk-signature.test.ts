import { createRequire } from "node:module";
import { expect, test } from "vitest";
import { computeSecretKey, signatureHeaders } from "../eko/sign.ts";
import { makeSandbox, UAT } from "./test-support.ts";

/*
 * Conformance with Eko's own signer: @ekoindia/eko-sdk-node's getAuthKeys
 * (auth.js). A request it signs is accepted by the sandbox, and our signer
 * (eko/sign.ts) gives the same secret-key for the same timestamp.
 */

type AuthKeys = { secretKey: string; secretKeyTimestamp: string };
const { getAuthKeys } = createRequire(import.meta.url)("@ekoindia/eko-sdk-node/auth.js") as {
  getAuthKeys: (accessKey: string) => AuthKeys;
};

const LOOKUP = `/ekoapi/v3/customer/payment/ppi-levin/sender/9000000001?initiator_id=${UAT.initiatorId}&user_code=${UAT.userCode}`;

test("a request signed by Eko's SDK is accepted by the sandbox", async () => {
  // The SDK stamps Date.now(); the sandbox checks skew against the same clock.
  const { app } = makeSandbox({ now: Date.now });
  const keys = getAuthKeys(UAT.accessKey);
  const headers = {
    developer_key: UAT.developerKey,
    "secret-key": keys.secretKey,
    "secret-key-timestamp": keys.secretKeyTimestamp,
  };
  const accepted = await app.request(LOOKUP, { headers });
  expect(accepted.status).toBe(200);
  expect(((await accepted.json()) as { response_type_id: number }).response_type_id).toBe(2129);

  const tampered = { ...headers, "secret-key": `x${keys.secretKey.slice(1)}` };
  expect((await app.request(LOOKUP, { headers: tampered })).status).toBe(403);
});

test("our signer produces the SDK's secret-key for the same timestamp", () => {
  for (const accessKey of [UAT.accessKey, "another-access-key-Ω"]) {
    const keys = getAuthKeys(accessKey);
    expect(computeSecretKey(accessKey, keys.secretKeyTimestamp)).toBe(keys.secretKey);
    const ours = signatureHeaders(
      { developerKey: UAT.developerKey, accessKey },
      Number(keys.secretKeyTimestamp),
    );
    expect(ours["secret-key"]).toBe(keys.secretKey);
    expect(ours["secret-key-timestamp"]).toBe(keys.secretKeyTimestamp);
  }
});
