import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { testEnv } from "../test-support/app.ts";
import { consentAudioOrigins, fetchConsentAudio } from "./consent-audio.ts";

const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A stand-in for PayPoint's host that answers `/<name>` as the handler says. */
async function audioHost(handle: (path: string, res: ServerResponse) => void) {
  const server = createServer((req, res) => handle(req.url ?? "/", res));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const limits = (origin: string) => ({ allowedOrigins: [origin], maxBytes: 1_000, timeoutMs: 500 });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

test("an allow-listed audio file is streamed through with its type and no caching", async () => {
  const origin = await audioHost((_path, res) => {
    res.writeHead(200, { "content-type": "audio/mpeg", "content-length": "4" });
    res.end(Buffer.from([1, 2, 3, 4]));
  });
  const response = await fetchConsentAudio(`${origin}/Consent_English.mp3`, limits(origin));
  expect(response.headers.get("content-type")).toBe("audio/mpeg");
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([1, 2, 3, 4]);
});

test("another host, a redirect, a non-audio type, or a non-200 is refused (502)", async () => {
  const origin = await audioHost((path, res) => {
    if (path === "/redirect") res.writeHead(302, { location: "https://example.com/a.mp3" });
    else if (path === "/html") res.writeHead(200, { "content-type": "text/html" });
    else res.writeHead(404, { "content-type": "audio/mpeg" });
    res.end("x");
  });
  for (const url of [
    "https://example.com/a.mp3",
    "not a url",
    `${origin}/redirect`,
    `${origin}/html`,
    `${origin}/missing`,
  ]) {
    expect(await refusal(fetchConsentAudio(url, limits(origin))), url).toMatchObject({
      code: "upstream_bad_response",
      status: 502,
    });
  }
});

test("too large is refused: by its Content-Length, or cut off once the stream passes the cap", async () => {
  const origin = await audioHost((path, res) => {
    if (path === "/declared") {
      res.writeHead(200, { "content-type": "audio/mpeg", "content-length": "5000" });
      res.end(Buffer.alloc(5000));
      return;
    }
    res.writeHead(200, { "content-type": "audio/mpeg" }); // chunked, no length
    res.write(Buffer.alloc(800));
    res.end(Buffer.alloc(800));
  });
  expect(await refusal(fetchConsentAudio(`${origin}/declared`, limits(origin)))).toMatchObject({
    code: "upstream_bad_response",
  });
  const streamed = await fetchConsentAudio(`${origin}/chunked`, limits(origin));
  await expect(streamed.arrayBuffer()).rejects.toThrow();
});

test("a host that does not answer in time is a 504", async () => {
  const origin = await audioHost(() => {});
  expect(await refusal(fetchConsentAudio(`${origin}/slow.mp3`, limits(origin)))).toMatchObject({
    code: "upstream_timeout",
    status: 504,
  });
});

test("the allow-list: PayPoint's host, plus the sandbox's own origin only in sandbox mode", () => {
  const sandbox = testEnv({ EKO_BASE_URL: "http://127.0.0.1:4000/sandbox/ekoapi/v3" });
  expect(consentAudioOrigins(sandbox)).toEqual([
    "https://paypointindia.co.in",
    "https://www.paypointindia.co.in",
    "http://127.0.0.1:4000",
  ]);
  const uat = testEnv({ EKO_ENV: "uat" });
  expect(consentAudioOrigins(uat)).toEqual([
    "https://paypointindia.co.in",
    "https://www.paypointindia.co.in",
  ]);
});
