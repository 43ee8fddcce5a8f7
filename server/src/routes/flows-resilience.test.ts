import { expect, test } from "vitest";
import type { FlowView } from "../contract/flow-view.ts";
import { createEkoClient } from "../eko/client.ts";
import { EkoTransportError } from "../eko/errors.ts";
import { UAT_CREDENTIALS } from "../env.ts";
import { createLogger } from "../logger.ts";
import { TEST_AADHAAR } from "../sandbox/personas.ts";
import { testEnv } from "../test-support/app.ts";
import {
  CONSENT,
  flowHarnesses,
  type Harness,
  NEW_CUSTOMER,
  PAN,
} from "../test-support/flow-harness.ts";
import { closedPort } from "../test-support/serve.ts";

/*
 * Upstream faults through the console API that flows-upstream.test.ts and
 * eko/client.test.ts leave open: clock skew, refused connections, writes
 * that fail (sent once, per the sandbox's request log), writes in doubt on
 * every action, unmapped answers, and the circuit breaker as agents see it.
 */

const harness = flowHarnesses();
const FAST = { env: { EKO_TIMEOUT_MS: "200" } };

async function verifyMobile(h: Harness, view: FlowView, mobile: string) {
  const otp = await h.latestOtp(mobile, view.rail);
  return (await h.api("POST", `/${view.id}/otp/verify`, { otp })).json as FlowView;
}

/** Each console write, with the flow brought to the step that allows it. */
const writes = {
  onboard: {
    path: "/customer/payment/ppi-digikhata/sender/9000000003",
    prepare: (h: Harness) => h.start("digikhata", "9000000003"),
    send: (h: Harness, view: FlowView) => h.api("POST", `/${view.id}/onboard`, NEW_CUSTOMER),
  },
  resend: {
    path: "/customer/account/otp",
    prepare: async (h: Harness) => {
      const view = await h.start("customer-account", "9000000002");
      h.clock.advance(61);
      return view;
    },
    send: (h: Harness, view: FlowView) => h.api("POST", `/${view.id}/otp/resend`),
  },
  verify: {
    path: "/customer/account/9000000001/ppi-levin/otp/verify",
    prepare: (h: Harness) => h.start("levin", "9000000001"),
    send: async (h: Harness, view: FlowView) =>
      h.api("POST", `/${view.id}/otp/verify`, { otp: await h.latestOtp("9000000001", "levin") }),
  },
  aadhaar: {
    path: "/customer/payment/ppi-levin/sender/9000000004/aadhaar/otp",
    prepare: async (h: Harness) =>
      verifyMobile(h, await h.start("levin", "9000000004"), "9000000004"),
    send: (h: Harness, view: FlowView) =>
      h.api("POST", `/${view.id}/aadhaar`, { aadhaar: TEST_AADHAAR.valid, consent: CONSENT }),
  },
  pan: {
    path: "/customer/payment/ppi-levin/sender/9000000005/pan",
    prepare: async (h: Harness) =>
      verifyMobile(h, await h.start("levin", "9000000005"), "9000000005"),
    send: (h: Harness, view: FlowView) => h.api("POST", `/${view.id}/pan`, { pan: PAN }),
  },
};
type WriteName = keyof typeof writes;

async function postsTo(h: Harness, path: string) {
  return (await h.requests()).filter(
    (entry) => entry.method === "POST" && entry.path.endsWith(path),
  );
}

test("the Eko timeout is 15 s unless EKO_TIMEOUT_MS says otherwise", () => {
  expect(testEnv().eko.timeoutMs).toBe(15_000);
  expect(testEnv({ EKO_TIMEOUT_MS: "2500" }).eko.timeoutMs).toBe(2_500);
});

test("a signature refused for clock skew → 502 upstream_auth_failed telling the operator to check the server clock", async () => {
  // The sandbox runs 10 minutes ahead of the console; its window is ±5 minutes (README decision 1).
  const h = await harness({ sandbox: { now: () => Date.parse("2026-03-02T05:40:00.000Z") } });
  const response = await h.api("POST", "", { rail: "levin", mobile: "9000000001" });
  expect(response.status).toBe(502);
  expect(response.json.error.code).toBe("upstream_auth_failed");
  expect(response.json.error.message).toMatch(/check the server clock/i);
  // A 403 is not a transport failure: not retried, even though the lookup is a read.
  expect(await h.requests()).toMatchObject([{ http_status: 403 }]);
  expect(await h.db.selectFrom("flows").selectAll().execute()).toHaveLength(0);
});

test("connection refused → 503 upstream_unavailable; nothing is created", async () => {
  const port = await closedPort();
  const h = await harness({ env: { EKO_BASE_URL: `http://127.0.0.1:${port}/ekoapi/v3` } });
  const response = await h.api("POST", "", { rail: "digikhata", mobile: "9000000001" });
  expect(response.status).toBe(503);
  expect(response.json.error).toMatchObject({ code: "upstream_unavailable" });
  expect(response.json.error.message).toMatch(/ECONNREFUSED/);
  expect(await h.db.selectFrom("flows").selectAll().execute()).toHaveLength(0);
});

test.each(Object.keys(writes) as WriteName[])(
  "%s answered HTTP 500 → status unknown: sent to Eko exactly once, not repeatable, only a re-check",
  async (name) => {
    const write = writes[name];
    const h = await harness();
    const view = await write.prepare(h);
    const mobile = write.path.match(/\d{10}/)?.[0] ?? "9000000002";
    await h.scenario({ mobile, fault: "500", times: 3 });
    // A 5xx does not say whether Eko acted: the console must not offer the same write again.
    const inDoubt = await write.send(h, view);
    expect(inDoubt.status).toBe(200);
    expect(inDoubt.json.step.kind).toBe("status_unknown");
    expect((await write.send(h, view)).json.error.code).toBe("step_not_allowed");
    expect(await postsTo(h, write.path)).toHaveLength(1);
  },
);

test.each([
  ["resend", "send_otp"],
  ["aadhaar", "aadhaar"],
  ["pan", "pan"],
] as const)(
  "%s timing out → status_unknown(%s): sent once, not repeatable, a re-check (GET) settles it",
  async (name, action) => {
    const write = writes[name];
    const h = await harness(FAST);
    const view = await write.prepare(h);
    const mobile = write.path.match(/\d{10}/)?.[0] ?? "9000000002";
    await h.scenario({ mobile, fault: "slow", delayMs: 400 });
    const unknown = await write.send(h, view);
    expect(unknown.json.step).toEqual({ kind: "status_unknown", action });
    expect((await write.send(h, view)).json.error.code).toBe("step_not_allowed");
    await new Promise((resolve) => setTimeout(resolve, 400)); // the slow write lands meanwhile
    const before = (await h.requests()).length;
    const rechecked = await h.api("POST", `/${view.id}/recheck`);
    expect(rechecked.status).toBe(200);
    expect(rechecked.json.step.kind).not.toBe("status_unknown");
    const log = await h.requests();
    expect(log.slice(0, log.length - before).map((entry) => entry.method)).toEqual(["GET"]);
    expect(await postsTo(h, write.path)).toHaveLength(1);
  },
);

test("a lookup answered with an unknown response_type_id → failed(unknown_state) with Eko's code; only a re-check is offered", async () => {
  const h = await harness();
  await h.scenario({ mobile: "9000000001", scenario: 4242 });
  const view = await h.start("customer-account", "9000000001");
  expect(view.step).toEqual({
    kind: "failed",
    reason: "unknown_state",
    ekoResponseTypeId: 4242,
    ekoMessage: "Sandbox scenario 4242",
  });
  const verify = await h.api("POST", `/${view.id}/otp/verify`, { otp: "123456" });
  expect(verify.json.error.code).toBe("step_not_allowed");
  expect((await h.api("POST", `/${view.id}/recheck`)).json.step.kind).toBe("otp");
});

test("the circuit opens after five transport failures: agents get 503 'paused' without Eko being called, until the trial call", async () => {
  const h = await harness();
  await h.scenario({ mobile: "9000000001", fault: "500", times: 10 });
  const start = (mobile: string) => h.api("POST", "", { rail: "levin", mobile });
  await start("9000000001"); // GET + its one retry: 2 failures
  await start("9000000001"); // 4
  const opened = await start("9000000001"); // the 5th opens the circuit; the retry is not sent
  expect(opened.status).toBe(503);
  expect(await h.requests()).toHaveLength(5);

  const paused = await start("9000000002"); // a healthy customer: Eko is not asked at all
  expect(paused.status).toBe(503);
  expect(paused.json.error).toMatchObject({
    code: "upstream_unavailable",
    message: expect.stringMatching(/Eko is failing; calls are paused/),
  });
  expect(await h.requests()).toHaveLength(5);

  h.clock.advance(30); // half-open: one trial goes through and closes the circuit
  expect((await start("9000000002")).status).toBe(201);
  expect((await start("9000000002")).status).toBe(201);
});

test("the circuit is per Eko base URL: one failing host does not pause calls to another", async () => {
  const h = await harness();
  const down = `http://127.0.0.1:${await closedPort()}/ekoapi/v3`;
  let baseUrl = down;
  const eko = createEkoClient({
    ...UAT_CREDENTIALS,
    baseUrl: () => baseUrl,
    timeoutMs: 1_000,
    logger: createLogger("silent"),
    now: () => h.clock.now().getTime(),
    breaker: { threshold: 2, openMs: 60_000 },
  });
  const context = { customerId: "9000000001", userCode: "20810200", requestId: "r-1" };
  const refused = await eko.call("levinGet", context).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(EkoTransportError);
  const paused = await eko.call("levinGet", context).catch((error: unknown) => error);
  expect((paused as Error).message).toMatch(/paused/);

  baseUrl = `${h.origin}/sandbox/ekoapi/v3`;
  expect((await eko.call("levinGet", context)).answer.responseTypeId).toBe(2129);
  baseUrl = down;
  const stillPaused = await eko.call("levinGet", context).catch((error: unknown) => error);
  expect((stillPaused as Error).message).toMatch(/paused/);
});
