import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, expect, test } from "vitest";
import { createSandboxApp, type SandboxOptions } from "./app.ts";
import { DEFAULT_SETTINGS, jsonOf, signedHeaders } from "./test-support.ts";

/*
 * Transport faults over real HTTP, with the sandbox mounted at /sandbox the
 * way the console mounts it.
 */

const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function start(options: Partial<SandboxOptions> = {}): Promise<string> {
  const app = new Hono().route("/sandbox", createSandboxApp({ ...DEFAULT_SETTINGS, ...options }));
  return new Promise((resolve) => {
    const server = serve(
      { fetch: app.fetch, port: 0, hostname: "127.0.0.1" },
      (info: AddressInfo) => {
        resolve(`http://127.0.0.1:${info.port}/sandbox`);
      },
    );
    servers.push(server);
  });
}

const PROFILE = "/ekoapi/v3/customer/profile/9000000001?initiator_id=9962981729&user_code=20810200";

function withFault(fault: string, extra: Record<string, string> = {}) {
  return { headers: { ...signedHeaders(Date.now()), "x-sandbox-fault": fault, ...extra } };
}

test("without a fault the mounted sandbox answers over HTTP", async () => {
  const base = await start();
  const response = await fetch(`${base}${PROFILE}`, { headers: signedHeaders(Date.now()) });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect((await jsonOf(response)).response_type_id).toBe(2129);
});

test("fault 403 answers Forbidden even with a valid signature", async () => {
  const base = await start();
  const response = await fetch(`${base}${PROFILE}`, withFault("403"));
  expect(response.status).toBe(403);
  expect((await jsonOf(response)).message).toMatch(/^Forbidden/);
});

test("fault 500 answers Internal Server Error", async () => {
  const base = await start();
  const response = await fetch(`${base}${PROFILE}`, withFault("500"));
  expect(response.status).toBe(500);
});

test("fault slow holds the answer for x-sandbox-delay-ms, then answers normally", async () => {
  const base = await start();
  const started = performance.now();
  const response = await fetch(
    `${base}${PROFILE}`,
    withFault("slow", { "x-sandbox-delay-ms": "300" }),
  );
  expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  expect((await jsonOf(response)).response_type_id).toBe(2129);
});

test("fault slow without a delay outlasts a client timeout (20 s default)", async () => {
  const base = await start();
  const attempt = fetch(`${base}${PROFILE}`, {
    ...withFault("slow"),
    signal: AbortSignal.timeout(300),
  });
  await expect(attempt).rejects.toThrow(/timeout|aborted/i);
});

test("fault malformed answers 200 application/json that is not JSON", async () => {
  const base = await start();
  const response = await fetch(`${base}${PROFILE}`, withFault("malformed"));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const text = await response.text();
  expect(() => JSON.parse(text)).toThrow();
});

test("fault html answers a 502 HTML page", async () => {
  const base = await start();
  const response = await fetch(`${base}${PROFILE}`, withFault("html"));
  expect(response.status).toBe(502);
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  expect(await response.text()).toContain("502 Bad Gateway");
});

test("fault reset drops the connection", async () => {
  const base = await start();
  await expect(fetch(`${base}${PROFILE}`, withFault("reset"))).rejects.toThrow(TypeError);
  // The server survives it.
  const after = await fetch(`${base}${PROFILE}`, { headers: signedHeaders(Date.now()) });
  expect(after.status).toBe(200);
});

test("a queued fault reaches clients that cannot set headers", async () => {
  const base = await start();
  const queued = await fetch(`${base}/scenarios`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ mobile: "9000000001", fault: "html" }),
  });
  expect(queued.status).toBe(201);
  expect((await fetch(`${base}${PROFILE}`, { headers: signedHeaders(Date.now()) })).status).toBe(
    502,
  );
  expect((await fetch(`${base}${PROFILE}`, { headers: signedHeaders(Date.now()) })).status).toBe(
    200,
  );
});

test("an unknown fault header is a 400", async () => {
  const base = await start();
  const response = await fetch(`${base}${PROFILE}`, withFault("explode"));
  expect(response.status).toBe(400);
});

test("settings.latencyMs holds every Eko answer", async () => {
  const base = await start({ latencyMs: 250 });
  const started = performance.now();
  const response = await fetch(`${base}${PROFILE}`, { headers: signedHeaders(Date.now()) });
  expect(response.status).toBe(200);
  expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  // Not the sandbox's own endpoints.
  const outboxStarted = performance.now();
  await fetch(`${base}/outbox?mobile=9000000001`);
  expect(performance.now() - outboxStarted).toBeLessThan(240);
});

test("in-process (no socket), fault reset is a network error response", async () => {
  const app = createSandboxApp(DEFAULT_SETTINGS);
  const response = await app.request(PROFILE, withFault("reset"));
  expect(response.type).toBe("error");
});
