import { createHmac } from "node:crypto";
import { expect, test } from "vitest";
import { createSandboxApp } from "./app.ts";
import { DEFAULT_SETTINGS, jsonOf, makeSandbox, signedHeaders, UAT } from "./test-support.ts";

const PROFILE = "/ekoapi/v3/customer/profile/9000000001?initiator_id=9962981729&user_code=20810200";

test("a request signed independently with node:crypto (§4.2) is accepted", async () => {
  const { app, clock } = makeSandbox();
  const timestamp = String(clock.now());
  const key = Buffer.from(UAT.accessKey).toString("base64");
  const response = await app.request(PROFILE, {
    headers: {
      developer_key: UAT.developerKey,
      "secret-key": createHmac("sha256", key).update(timestamp).digest("base64"),
      "secret-key-timestamp": timestamp,
    },
  });
  expect(response.status).toBe(200);
  expect((await jsonOf(response)).response_type_id).toBe(2129);
});

// Golden vectors from eko-api.md §4.3, as published: the sandbox must recompute them.
test.each([
  ["V1", "test-access-key-123", "1700000000000", "88lqTf9ew69XbVbeczjxVL8/B4vibfp1MvTi1mIj2Xo="],
  [
    "V2",
    "TEST_ACCESS_KEY_DO_NOT_USE",
    "1700000000000",
    "u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk=",
  ],
  ["V3", UAT.accessKey, "1700000000000", "qIir8tILHtqxO1Mu3/fC3pVElIa0oIxXMRDUP0463Bc="],
  ["V4", UAT.accessKey, "1735689600000", "O18r4CDoTCXo6yEiFvlZXBk6J0lH/AsikGDQfmshBaI="],
  ["V5", UAT.accessKey, "1516705204593", "FOoQl9IrqxsvErSHbIbHqfzDA/vvcSVdKxoY9uUaHmM="],
])("golden vector %s is accepted", async (_name, accessKey, timestamp, secretKey) => {
  const app = createSandboxApp({
    ...DEFAULT_SETTINGS,
    credentials: { developerKey: "dev-key", accessKey },
    now: () => Number(timestamp),
  });
  const response = await app.request(PROFILE, {
    headers: {
      developer_key: "dev-key",
      "secret-key": secretKey,
      "secret-key-timestamp": timestamp,
    },
  });
  expect(response.status).toBe(200);
});

test("N1 (HMAC keyed with the raw access key) is rejected with 403", async () => {
  const app = createSandboxApp({ ...DEFAULT_SETTINGS, now: () => 1700000000000 });
  const response = await app.request(PROFILE, {
    headers: {
      developer_key: UAT.developerKey,
      "secret-key": "ADpYKsHy4BKM7jVMJAdkWUJqdqvf0wZwStJf8yC2Lmg=",
      "secret-key-timestamp": "1700000000000",
    },
  });
  expect(response.status).toBe(403);
  expect(await jsonOf(response)).toEqual({
    status: 1,
    message: "Forbidden — invalid developer_key or secret-key",
  });
});

test("a signature made with another access key is rejected", async () => {
  const { app, clock } = makeSandbox();
  const headers = signedHeaders(clock.now(), {
    developerKey: UAT.developerKey,
    accessKey: "other-key",
  });
  const response = await app.request(PROFILE, { headers });
  expect(response.status).toBe(403);
});

test("an unknown developer_key is rejected even with a valid secret-key", async () => {
  const { app, clock } = makeSandbox();
  const headers = { ...signedHeaders(clock.now()), developer_key: "0".repeat(32) };
  expect((await app.request(PROFILE, { headers })).status).toBe(403);
});

test.each(["developer_key", "secret-key", "secret-key-timestamp"])(
  "a missing %s header is 403 and named",
  async (header) => {
    const { app, clock } = makeSandbox();
    const headers = signedHeaders(clock.now());
    delete headers[header];
    const response = await app.request(PROFILE, { headers });
    expect(response.status).toBe(403);
    expect((await jsonOf(response)).message).toContain(`missing header: ${header}`);
  },
);

test("a correctly signed but 10-minute-old timestamp is 403 for clock skew", async () => {
  const { app, clock } = makeSandbox();
  const response = await app.request(PROFILE, {
    headers: signedHeaders(clock.now() - 10 * 60_000),
  });
  expect(response.status).toBe(403);
  const body = await jsonOf(response);
  expect(body.status).toBe(1);
  expect(body.message).toMatch(/clock skew/);
});

test("a timestamp inside the skew window passes, in either direction", async () => {
  const { app, clock } = makeSandbox();
  for (const offset of [-299_000, 299_000]) {
    const response = await app.request(PROFILE, { headers: signedHeaders(clock.now() + offset) });
    expect(response.status).toBe(200);
  }
});

test("a timestamp in seconds is called out", async () => {
  const { app, clock } = makeSandbox();
  const seconds = String(Math.floor(clock.now() / 1000));
  const response = await app.request(PROFILE, {
    headers: {
      developer_key: UAT.developerKey,
      "secret-key": createHmac("sha256", Buffer.from(UAT.accessKey).toString("base64"))
        .update(seconds)
        .digest("base64"),
      "secret-key-timestamp": seconds,
    },
  });
  expect(response.status).toBe(403);
  expect((await jsonOf(response)).message).toMatch(/seconds, not milliseconds/);
});

test("the skew window follows settings.skewSeconds", async () => {
  const { app, clock } = makeSandbox({ skewSeconds: 30 });
  const response = await app.request(PROFILE, { headers: signedHeaders(clock.now() - 31_000) });
  expect(response.status).toBe(403);
});
