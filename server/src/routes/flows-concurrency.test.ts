import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import type { FlowView } from "../contract/flow-view.ts";
import type { RequestLogEntry } from "../sandbox/request-log.ts";
import type { Engine } from "../store/engine.ts";
import { addAgent, jsonRequest, signIn, testApp, testClock, testEnv } from "../test-support/app.ts";
import { engines, setUpTestDatabases } from "../test-support/databases.ts";
import { NEW_CUSTOMER } from "../test-support/flow-harness.ts";
import { type Served, serveSandbox } from "../test-support/serve.ts";

/*
 * A double-click, two tabs, two agents — on two console instances sharing one
 * store — racing on one flow: the per-flow lock in the store lets exactly one
 * request reach Eko; the others are 409 flow_busy.
 */

const databases = setUpTestDatabases();
const sandboxes: Served[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
});

async function twoInstances(engine: Engine) {
  const clock = testClock();
  const sandbox = await serveSandbox({ now: () => clock.now().getTime() });
  sandboxes.push(sandbox);
  const config = await databases.config(engine);
  const env = testEnv({
    EKO_BASE_URL: sandbox.baseUrl,
    STATE_KEY: randomBytes(32).toString("base64"),
    ...(config.kind === "postgres" ? { DATABASE_URL: config.url } : { SQLITE_PATH: config.path }),
  });
  const [dbA, dbB] = [await databases.reopen(config), await databases.reopen(config)];
  const a = testApp({ db: dbA, env, clock }).app;
  const b = testApp({ db: dbB, env, clock }).app;
  const agent = await addAgent(dbA);
  const admin = await addAgent(dbB, { role: "admin" });

  const call = async (
    app: typeof a,
    cookie: string,
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const response = await app.request(`/api/flows${path}`, jsonRequest(method, body, { cookie }));
    return { status: response.status, json: JSON.parse(await response.text()) };
  };
  const sandboxJson = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${sandbox.origin}/sandbox${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as T;
  };
  return {
    a,
    b,
    call,
    agentCookie: await signIn(a, agent.agent.login, agent.password),
    adminCookie: await signIn(b, admin.agent.login, admin.password),
    slowNextCall: (mobile: string) =>
      sandboxJson("/scenarios", { mobile, fault: "slow", delayMs: 300 }),
    posts: async (suffix: string) =>
      (await sandboxJson<RequestLogEntry[]>("/requests")).filter(
        (entry) => entry.method === "POST" && entry.path.endsWith(suffix),
      ),
    latestOtp: async (mobile: string) =>
      (await sandboxJson<{ otp: string }[]>(`/outbox?mobile=${mobile}`))[0]?.otp ?? "",
  };
}

const statuses = (results: { status: number }[]) => results.map((r) => r.status).sort();

describe.each(engines)("%s, two console instances on one store", (engine) => {
  test("two tabs (one session, one tab per instance) verify at once: one OTP check reaches Eko", async () => {
    const t = await twoInstances(engine);
    const started = await t.call(t.a, t.agentCookie, "POST", "", {
      rail: "levin",
      mobile: "9000000001",
    });
    const view = started.json as FlowView;
    const otp = await t.latestOtp("9000000001");
    await t.slowNextCall("9000000001");
    const results = await Promise.all([
      t.call(t.a, t.agentCookie, "POST", `/${view.id}/otp/verify`, { otp }),
      t.call(t.b, t.agentCookie, "POST", `/${view.id}/otp/verify`, { otp }),
    ]);
    expect(statuses(results)).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.json.error.code).toBe("flow_busy");
    expect(await t.posts("/otp/verify")).toHaveLength(1);
    const settled = await t.call(t.b, t.agentCookie, "GET", `/${view.id}`);
    expect(settled.json.step.kind).toBe("profile");
  });

  test("an agent double-clicking on one instance while an admin submits on the other: one onboard reaches Eko", async () => {
    const t = await twoInstances(engine);
    const started = await t.call(t.a, t.agentCookie, "POST", "", {
      rail: "digikhata",
      mobile: "9000000003",
    });
    const view = started.json as FlowView;
    expect(view.step.kind).toBe("onboard");
    await t.slowNextCall("9000000003");
    const onboard = (app: typeof t.a, cookie: string) =>
      t.call(app, cookie, "POST", `/${view.id}/onboard`, NEW_CUSTOMER);
    const results = await Promise.all([
      onboard(t.a, t.agentCookie),
      onboard(t.a, t.agentCookie),
      onboard(t.b, t.adminCookie),
      onboard(t.b, t.adminCookie),
    ]);
    expect(statuses(results)).toEqual([200, 409, 409, 409]);
    expect(await t.posts("/sender/9000000003")).toHaveLength(1);
    const settled = await t.call(t.a, t.agentCookie, "GET", `/${view.id}`);
    expect(settled.json.step.kind).toBe("otp");
  });
});
