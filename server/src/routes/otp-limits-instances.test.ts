import { randomBytes } from "node:crypto";
import { afterEach, expect, test } from "vitest";
import type { RequestLogEntry } from "../sandbox/request-log.ts";
import { addAgent, jsonRequest, signIn, testApp, testClock, testEnv } from "../test-support/app.ts";
import { setUpTestDatabases } from "../test-support/databases.ts";
import { type Served, serveSandbox } from "../test-support/serve.ts";

/*
 * Two console instances on one PostgreSQL, the real sandbox over HTTP holding
 * every Eko answer (SANDBOX latency), so a burst split across the instances is
 * in flight at Eko at once: the OTP limits still hold exactly, and every 429
 * names its limit's scope. Sign-in's limits are configuration too.
 */

const databases = setUpTestDatabases();
const sandboxes: Served[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
});

const FIXED_OTP = "123456";

async function twoInstances(vars: Record<string, string> = {}) {
  const clock = testClock();
  const sandbox = await serveSandbox({
    now: () => clock.now().getTime(),
    latencyMs: 150,
    fixedOtp: FIXED_OTP,
  });
  sandboxes.push(sandbox);
  const config = await databases.config("postgres");
  if (config.kind !== "postgres") throw new Error("expected PostgreSQL");
  const env = testEnv({
    EKO_BASE_URL: sandbox.baseUrl,
    STATE_KEY: randomBytes(32).toString("base64"),
    DATABASE_URL: config.url,
    ...vars,
  });
  const [dbA, dbB] = [await databases.reopen(config), await databases.reopen(config)];
  const apps = [testApp({ db: dbA, env, clock }).app, testApp({ db: dbB, env, clock }).app];
  const agent = await addAgent(dbA);
  const cookies = await Promise.all(
    apps.map((app) => signIn(app, agent.agent.login, agent.password)),
  );
  const call = async (i: number, method: string, path: string, body?: unknown) => {
    const app = apps[i % 2] ?? apps[0];
    const response = await app?.request(
      `/api/flows${path}`,
      jsonRequest(method, body, { cookie: cookies[i % 2] ?? "" }),
    );
    if (!response) throw new Error("no app");
    return {
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      json: JSON.parse(await response.text()),
    };
  };
  const sandboxRequests = async () =>
    (await (await fetch(`${sandbox.origin}/sandbox/requests`)).json()) as RequestLogEntry[];
  /** Forces Eko's answer for the next `times` calls about `mobile` (sandbox scenario queue). */
  const forceAnswer = (mobile: string, scenario: number, times: number) =>
    fetch(`${sandbox.origin}/sandbox/scenarios`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mobile, scenario, times }),
    });
  return { call, sandboxRequests, forceAnswer };
}

const tally = (results: { status: number }[]) =>
  results.reduce<Record<number, number>>((counts, { status }) => {
    counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }, {});

test("two instances, 20 lookups at once for one enrolled mobile: exactly 5 OTPs, 15 × 429 for the mobile", async () => {
  const t = await twoInstances();
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      t.call(i, "POST", "", { rail: "levin", mobile: "9000000001" }),
    ),
  );
  const lookups = (await t.sandboxRequests()).filter((entry) => entry.method === "GET");
  expect(lookups).toHaveLength(5);
  expect(tally(results)).toEqual({ 201: 5, 429: 15 });
  for (const refused of results.filter((result) => result.status === 429)) {
    expect(refused.json.error).toMatchObject({
      code: "rate_limited",
      details: { scope: "customer_mobile", retryAfterSeconds: 600 },
    });
    expect(refused.retryAfter).toBe("600");
  }
});

test("two instances, 20 wrong OTPs at once for one mobile: exactly 10 reach Eko", async () => {
  const t = await twoInstances({ OTP_SENDS_PER_MOBILE: "40" });
  const flows: string[] = [];
  for (let i = 0; i < 20; i++) {
    const started = await t.call(i, "POST", "", { rail: "customer-account", mobile: "9000000001" });
    expect(started.status).toBe(201);
    flows.push(started.json.id);
  }
  // Every check answers "invalid OTP" (2138): the sandbox itself would lock the customer after 3.
  await t.forceAnswer("9000000001", 2138, 20);
  const results = await Promise.all(
    flows.map((id, i) => t.call(i + 1, "POST", `/${id}/otp/verify`, { otp: "111111" })),
  );
  const verifies = (await t.sandboxRequests()).filter((entry) =>
    entry.path.endsWith("/otp/verify"),
  );
  expect(verifies).toHaveLength(10);
  expect(tally(results)).toEqual({ 200: 10, 429: 10 });
  for (const result of results) {
    if (result.status === 200) expect(result.json.step).toMatchObject({ lastAttempt: "wrong" });
    else expect(result.json.error.details.scope).toBe("customer_mobile");
  }
});

test("configured sign-in limits apply, and their 429s name the login or the address", async () => {
  const db = await databases.open("postgres");
  const env = testEnv({ SIGN_IN_FAILURES_PER_LOGIN: "2", SIGN_IN_FAILURES_PER_IP: "3" });
  const { app } = testApp({ db, env });
  const { agent } = await addAgent(db);
  const other = await addAgent(db);
  const signInAs = async (login: string) => {
    const response = await app.request(
      "/api/auth/sign-in",
      jsonRequest("POST", { login, password: "wrong" }),
    );
    return { status: response.status, json: JSON.parse(await response.text()) };
  };
  expect((await signInAs(agent.login)).status).toBe(401);
  expect((await signInAs(agent.login)).status).toBe(401);
  const locked = await signInAs(agent.login);
  expect(locked.status).toBe(429);
  expect(locked.json.error.details).toMatchObject({ scope: "login", retryAfterSeconds: 900 });
  expect((await signInAs(other.agent.login)).status).toBe(401);
  const fromAddress = await signInAs(other.agent.login);
  expect(fromAddress.status).toBe(429);
  expect(fromAddress.json.error.details.scope).toBe("address");
});
