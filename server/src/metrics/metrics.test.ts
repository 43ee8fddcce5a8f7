import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { createApp } from "../app.ts";
import { createLogger } from "../logger.ts";
import { openStore } from "../store/open-store.ts";
import { addAgent, testEnv } from "../test-support/app.ts";
import { closedPort, listen } from "../test-support/serve.ts";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A console over real HTTP on 127.0.0.1 with its embedded sandbox, like `npm start`. */
async function runningConsole(vars: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), "eko-metrics-"));
  const env = testEnv({ SQLITE_PATH: join(dir, "console.db"), ...vars });
  const db = await openStore(env);
  closers.push(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });
  const app = createApp({ env, db, logger: createLogger("silent") });
  const served = await listen(app.fetch);
  closers.push(served.close);
  env.eko.baseUrl = `${served.origin}/sandbox/ekoapi/v3`;
  const { agent, password } = await addAgent(db);
  return { app, db, env, origin: served.origin, login: agent.login, password };
}

async function scrape(origin: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin}/metrics`, { headers });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    text: await response.text(),
  };
}

/** The value of one sample line (`name{labels} value`), or 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    if (wanted.every((pair) => line.includes(pair))) return Number(line.split(" ").at(-1));
  }
  return 0;
}

test("/metrics: every family, and the Eko histogram, flow outcome and HTTP route move after a flow step", async () => {
  const c = await runningConsole();
  const before = await scrape(c.origin);
  expect(before.status).toBe(200);
  expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
  for (const family of [
    "http_request_duration_seconds",
    "eko_call_duration_seconds",
    "flow_step_outcomes_total",
    "rate_limit_refusals_total",
    "eko_circuit_breaker_state",
    "store_query_duration_seconds",
    "process_cpu_seconds_total",
    "nodejs_eventloop_lag_seconds",
  ]) {
    expect(before.text).toContain(`# TYPE ${family} `);
  }
  const ekoCall = { call: "customerGet" };
  const ekoBefore = sample(before.text, "eko_call_duration_seconds_count", ekoCall);

  const headers = { "content-type": "application/json", origin: c.origin };
  const signIn = await fetch(`${c.origin}/api/auth/sign-in`, {
    method: "POST",
    headers,
    body: JSON.stringify({ login: c.login, password: c.password }),
  });
  expect(signIn.status).toBe(200);
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const start = await fetch(`${c.origin}/api/flows`, {
    method: "POST",
    headers: { ...headers, cookie },
    body: JSON.stringify({ rail: "customer-account", mobile: "9000000001" }),
  });
  expect(start.status).toBe(201);

  const after = (await scrape(c.origin)).text;
  // 2129 (OTP sent): Eko's response_type_id is the outcome label.
  const eko = { ...ekoCall, outcome: "2129" };
  expect(sample(after, "eko_call_duration_seconds_count", eko)).toBe(ekoBefore + 1);
  expect(
    sample(after, "flow_step_outcomes_total", {
      rail: "customer-account",
      step: "flow.start",
      outcome: "otp_sent",
    }),
  ).toBe(1);
  expect(
    sample(after, "http_request_duration_seconds_count", {
      method: "POST",
      route: "/api/flows",
      status: "201",
    }),
  ).toBe(1);
  expect(after).toMatch(
    /eko_circuit_breaker_state\{target="http:\/\/127\.0\.0\.1:\d+\/sandbox\/ekoapi\/v3"\} 0/,
  );
  expect(
    sample(after, "store_query_duration_seconds_count", { statement: "insert", result: "ok" }),
  ).toBeGreaterThan(0);
});

test("/metrics: route templates, never concrete paths; unknown paths are one `unmatched` series", async () => {
  const c = await runningConsole();
  const signIn = await fetch(`${c.origin}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: c.origin },
    body: JSON.stringify({ login: c.login, password: c.password }),
  });
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const missing = await fetch(`${c.origin}/api/flows/AAAAAAAAAAAAAAAAAAAAAA`, {
    headers: { cookie },
  });
  expect(missing.status).toBe(404);
  await fetch(`${c.origin}/no/such/page-${Date.now()}`);
  const { text } = await scrape(c.origin);
  expect(text).toContain('route="/api/flows/:flowId",status="404"');
  expect(text).not.toContain("AAAAAAAAAAAAAAAAAAAAAA");
  expect(text).toContain('route="unmatched"');
  expect(text).not.toContain("page-");
});

test("/metrics: a rate-limit refusal is counted by its limit", async () => {
  const c = await runningConsole();
  const headers = { "content-type": "application/json", origin: c.origin };
  for (let i = 0; i < 6; i++) {
    await fetch(`${c.origin}/api/auth/sign-in`, {
      method: "POST",
      headers,
      body: JSON.stringify({ login: c.login, password: "wrong-password" }),
    });
  }
  const { text } = await scrape(c.origin);
  expect(sample(text, "rate_limit_refusals_total", { limit: "signInFailuresPerLogin" })).toBe(1);
});

test("/metrics answers loopback clients; not a request a proxy forwarded, nor one from elsewhere", async () => {
  const c = await runningConsole();
  expect((await scrape(c.origin)).status).toBe(200);
  // A TLS proxy on this host connects from 127.0.0.1 on behalf of the internet.
  const proxied = await scrape(c.origin, { "x-forwarded-for": "203.0.113.9" });
  expect(proxied.status).toBe(403);
  expect(JSON.parse(proxied.text).error.code).toBe("forbidden");
  const remote = await c.app.request(
    "/metrics",
    {},
    {
      incoming: {
        socket: { remoteAddress: "203.0.113.9", remotePort: 5000, remoteFamily: "IPv4" },
      },
    },
  );
  expect(remote.status).toBe(403);
});

test("/metrics with METRICS_TOKEN: the right bearer token opens it from anywhere, a wrong one does not", async () => {
  const token = "metrics-token-0123456789abcdef";
  const c = await runningConsole({ METRICS_TOKEN: token });
  const remote = {
    incoming: { socket: { remoteAddress: "203.0.113.9", remotePort: 5000, remoteFamily: "IPv4" } },
  };
  const request = (authorization?: string) =>
    c.app.request("/metrics", { headers: authorization ? { authorization } : {} }, remote);
  expect((await request()).status).toBe(403);
  expect((await request("Bearer not-the-token")).status).toBe(403);
  const allowed = await request(`Bearer ${token}`);
  expect(allowed.status).toBe(200);
  expect(await allowed.text()).toContain("# TYPE eko_call_duration_seconds histogram");
  // Through a proxy too, and a wrong token is refused even from loopback.
  expect(
    (await scrape(c.origin, { authorization: `Bearer ${token}`, "x-forwarded-for": "203.0.113.9" }))
      .status,
  ).toBe(200);
  expect((await scrape(c.origin, { authorization: "Bearer wrong" })).status).toBe(403);
});

test("two apps in one process count separately", async () => {
  const a = await runningConsole();
  const b = await runningConsole();
  await fetch(`${a.origin}/healthz`);
  await fetch(`${a.origin}/healthz`);
  const count = (text: string) =>
    sample(text, "http_request_duration_seconds_count", { route: "/healthz", status: "200" });
  expect(count((await scrape(a.origin)).text)).toBe(2);
  expect(count((await scrape(b.origin)).text)).toBe(0);
});

test("/metrics: Eko unreachable — transport failures by code, and the breaker gauge at 2 (open)", async () => {
  const c = await runningConsole();
  const unreachable = `http://127.0.0.1:${await closedPort()}/ekoapi/v3`;
  const env = c.env;
  env.eko.baseUrl = unreachable;
  const headers = { "content-type": "application/json", origin: c.origin };
  const signIn = await fetch(`${c.origin}/api/auth/sign-in`, {
    method: "POST",
    headers,
    body: JSON.stringify({ login: c.login, password: c.password }),
  });
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  // Each look-up is a GET, tried twice: three of them pass the breaker's threshold of 5.
  for (const mobile of ["9000000001", "9000000002", "9000000004"]) {
    const start = await fetch(`${c.origin}/api/flows`, {
      method: "POST",
      headers: { ...headers, cookie },
      body: JSON.stringify({ rail: "levin", mobile }),
    });
    expect(start.status).toBe(503);
  }
  const { text } = await scrape(c.origin);
  expect(
    sample(text, "eko_call_duration_seconds_count", {
      call: "levinGet",
      outcome: "upstream_unavailable",
    }),
  ).toBe(5);
  expect(text).toContain(`eko_circuit_breaker_state{target="${unreachable}"} 2`);
});
