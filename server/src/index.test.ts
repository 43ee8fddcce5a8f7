import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { FlowView } from "./contract/flow-view.ts";
import { TEST_AADHAAR } from "./sandbox/personas.ts";
import {
  callApi as api,
  consoleEnvironment,
  faultTaken,
  queueSandboxFault,
  type RunningProcess,
  sandboxJson,
  signIn,
  startConsoleProcess,
  startSandboxProcess,
} from "./test-support/console-processes.ts";
import { CONSENT, NEW_CUSTOMER, PAN } from "./test-support/flow-harness.ts";
import { type PostgresServer, startPostgres } from "./test-support/postgres.ts";
import { killStarted, runNode } from "./test-support/processes.ts";

/*
 * The real entry points as separate processes: two consoles
 * (`node server/src/index.ts`) on one PostgreSQL, both pointed by
 * EKO_BASE_URL at one standalone sandbox (`node server/src/sandbox/main.ts`).
 * Sessions, flows and rate limits live in the store, so either instance can
 * serve any request; SIGTERM drains what is in flight before exiting.
 */

let postgres: PostgresServer;
let sandbox: RunningProcess;
let a: RunningProcess;
let b: RunningProcess;
let storeEnv: Record<string, string>;

beforeAll(async () => {
  postgres = await startPostgres();
  sandbox = await startSandboxProcess();
  storeEnv = {
    DATABASE_URL: await postgres.createDatabase(),
    // Every instance on one database needs the same key to open the others' sealed flow secrets.
    STATE_KEY: randomBytes(32).toString("base64"),
  };
  const consoleEnv = consoleEnvironment(sandbox, { ...storeEnv, EKO_TIMEOUT_MS: "5000" });
  // Both start (and migrate, and seed the demo agents) at the same time.
  [a, b] = await Promise.all([startConsoleProcess(consoleEnv), startConsoleProcess(consoleEnv)]);
}, 60_000);

afterAll(async () => {
  killStarted();
  await postgres?.stop();
});

async function latestOtp(mobile: string, rail: string, purpose: string): Promise<string> {
  const messages = await sandboxJson<{ otp: string; rail: string; purpose: string }[]>(
    sandbox,
    `/outbox?mobile=${mobile}`,
  );
  const found = messages.find((message) => message.rail === rail && message.purpose === purpose);
  if (!found) throw new Error(`no ${purpose} OTP for ${mobile} on ${rail}`);
  return found.otp;
}

test("a session made on one instance works on the other, and signing out on one ends it on both", async () => {
  const cookie = await signIn(a, "demo", "demo-password");
  expect((await api(b, "GET", "/auth/me", undefined, cookie)).json.agent.login).toBe("demo");
  expect((await api(b, "POST", "/auth/sign-out", undefined, cookie)).status).toBe(204);
  expect((await api(a, "GET", "/auth/me", undefined, cookie)).status).toBe(401);
});

test("a Levin onboarding started on one instance is carried on by the other, step by step", async () => {
  const cookie = await signIn(a, "demo", "demo-password");
  const mobile = "9000000003";
  let view = (await api(a, "POST", "/flows", { rail: "levin", mobile }, cookie)).json as FlowView;
  const kinds = [view.step.kind];
  for (let hop = 0; hop < 8 && view.step.kind !== "profile"; hop++) {
    const instance = hop % 2 === 0 ? b : a;
    const step = view.step;
    const send = (path: string, body: unknown) =>
      api(instance, "POST", `/flows/${view.id}${path}`, body, cookie);
    const response =
      step.kind === "onboard"
        ? await send("/onboard", NEW_CUSTOMER)
        : step.kind === "otp"
          ? await send("/otp/verify", { otp: await latestOtp(mobile, "levin", step.purpose) })
          : step.kind === "aadhaar"
            ? await send("/aadhaar", { aadhaar: TEST_AADHAAR.valid, consent: CONSENT })
            : await send("/pan", { pan: PAN });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    view = response.json as FlowView;
    kinds.push(view.step.kind);
  }
  expect(kinds).toEqual(["onboard", "otp", "aadhaar", "otp", "pan", "profile"]);
  // The external sandbox served every call; the consoles mount none of their own.
  const log = await sandboxJson<unknown[]>(sandbox, "/requests");
  expect(log.length).toBeGreaterThanOrEqual(6);
  expect((await fetch(`${a.origin}/sandbox/outbox?mobile=${mobile}`)).status).toBe(404);
});

test("sign-in failures count across instances: five spread over both lock the login on both", async () => {
  // Outside the demo logins, agents come from the agent CLI, run against the same store.
  const password = "correct-horse-battery";
  const added = await runNode(
    "cli/agent.ts",
    [
      "add",
      "--login",
      "spread",
      "--name",
      "Spread Agent",
      "--user-code",
      "20810200",
      "--password",
      password,
    ],
    storeEnv,
  );
  expect(added).toMatch(/Added agent 'spread'/);
  for (const instance of [a, b, a, b, a]) {
    expect(
      (await api(instance, "POST", "/auth/sign-in", { login: "spread", password: "nope" })).status,
    ).toBe(401);
  }
  for (const instance of [b, a]) {
    const locked = await api(instance, "POST", "/auth/sign-in", { login: "spread", password });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe("rate_limited");
  }
});

test("a burst of 40 wrong passwords for admin, spread over both instances: exactly 5 are checked", async () => {
  const burst = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      api(i % 2 === 0 ? a : b, "POST", "/auth/sign-in", { login: "admin", password: `guess-${i}` }),
    ),
  );
  const statuses = burst.map((response) => response.status).sort();
  expect(statuses.filter((status) => status === 401)).toHaveLength(5);
  expect(statuses.filter((status) => status === 429)).toHaveLength(35);
  // Locked on both, for the right password too.
  for (const instance of [a, b]) {
    const locked = await api(instance, "POST", "/auth/sign-in", {
      login: "admin",
      password: "admin-password",
    });
    expect(locked.status).toBe(429);
  }
});

function refusesConnections(origin: string): Promise<boolean> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

test("SIGTERM: new connections are refused, the in-flight request still gets its answer, exit 0 after closing the store", async () => {
  const cookie = await signIn(b, "demo", "demo-password");
  const mobile = "9000000002";
  await queueSandboxFault(sandbox, { mobile, fault: "slow", delayMs: 2_000 });
  let answered = false;
  const inFlight = api(b, "POST", "/flows", { rail: "digikhata", mobile }, cookie).finally(() => {
    answered = true;
  });
  // The slow answer is under way once the sandbox has taken the queued fault.
  expect(await faultTaken(sandbox)).toBe(true);

  b.process.child.kill("SIGTERM");
  let refused = false;
  for (let i = 0; i < 50 && !refused; i++) {
    refused = await refusesConnections(b.origin);
    if (!refused) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(refused).toBe(true);
  expect(answered).toBe(false);

  const started = await inFlight;
  expect(started.status).toBe(201);
  expect((started.json as FlowView).step.kind).toBe("otp");
  // The kept-alive connection of that answer does not hold the exit: were it left
  // to its keep-alive timeout (65 s, http/server-limits.ts), this wait would outlast the test.
  expect(await b.process.exited).toEqual({ code: 0, signal: null });
  const log = b.process.output();
  expect(log).toContain('"msg":"draining"');
  expect(log.indexOf('"msg":"stopped"')).toBeGreaterThan(log.indexOf('"msg":"draining"'));
  // The other instance carries on, with the flow the stopped one saved.
  const flowId = (started.json as FlowView).id;
  expect((await api(a, "GET", `/flows/${flowId}`, undefined, cookie)).json.step.kind).toBe("otp");
});
