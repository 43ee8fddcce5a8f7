import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import type { FlowView } from "../contract/flow-view.ts";
import { TEST_AADHAAR } from "../sandbox/personas.ts";
import { CONSENT, flowHarnesses, NEW_CUSTOMER, walk } from "../test-support/flow-harness.ts";

/*
 * Levin on Eko's published behaviour (issue #12): Verify Sender OTP found on
 * only one path family, the 1388 Aadhaar answers, and 463 → a fresh wallet
 * token through a new mobile OTP.
 */

const harness = flowHarnesses();
const MOBILE = "9000000003";
const MASTER_VERIFY =
  /^\/sandbox\/ekoapi\/v3\/customer\/payment\/ppi-levin\/sender\/\d+\/otp\/verify$/;

const proxies: Server[] = [];
afterEach(async () => {
  for (const proxy of proxies.splice(0)) {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  }
});

/** A gateway in front of the sandbox that has no route for `hidden` (HTTP 404, like Eko). */
async function gateway(hidden: RegExp) {
  let target = "";
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const url = req.url ?? "/";
    if (hidden.test(new URL(url, "http://x").pathname)) {
      res.writeHead(404, { "content-type": "application/json" });
      return res.end(JSON.stringify({ status: 1, message: "No mapping rule matched" }));
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([name]) => !["host", "content-length", "connection"].includes(name),
      ),
    ) as Record<string, string>;
    const answer = await fetch(`${target}${url}`, {
      method: req.method ?? "GET",
      headers,
      body: req.method === "GET" ? undefined : body,
    });
    res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  proxies.push(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwardTo: (origin: string) => {
      target = origin;
    },
  };
}

test("Verify Sender OTP where only the legacy path exists: a new Levin customer completes", async () => {
  const gate = await gateway(MASTER_VERIFY);
  const h = await harness({ env: { EKO_BASE_URL: `${gate.url}/sandbox/ekoapi/v3` } });
  gate.forwardTo(h.origin);
  const steps = await walk(h, await h.start("levin", MOBILE), MOBILE);
  expect(steps.map((view) => view.step.kind)).toEqual([
    "onboard",
    "otp",
    "aadhaar",
    "otp",
    "pan",
    "profile",
  ]);
  // Both OTP checks reached the sandbox on the legacy path: C.4, and C.6 only on master.
  const verifies = (await h.requests()).filter((entry) => entry.path.endsWith("/otp/verify"));
  expect(verifies.map((entry) => entry.path.replace(/\d{10}/, "{id}")).reverse()).toEqual([
    "/ekoapi/v3/customer/account/{id}/ppi-levin/otp/verify",
    "/ekoapi/v3/customer/payment/ppi-levin/sender/{id}/aadhaar/otp/verify",
  ]);
});

test("Verify Sender OTP where only the master path exists (published dialect): a new customer reaches the identity after one wrong Aadhaar OTP", async () => {
  const h = await harness({ sandbox: { dialect: "published" } });
  const started = await h.start("levin", MOBILE);
  const onboarded = await h.api("POST", `/${started.id}/onboard`, NEW_CUSTOMER);
  expect((onboarded.json as FlowView).step).toMatchObject({ kind: "otp", purpose: "mobile" });
  const verified = await h.api("POST", `/${started.id}/otp/verify`, {
    otp: await h.latestOtp(MOBILE, "levin"),
  });
  expect((verified.json as FlowView).step.kind).toBe("aadhaar");
  const c4 = (await h.requests()).filter((entry) => /ppi-levin.*\/otp\/verify$/.test(entry.path));
  expect(c4.map((entry) => [entry.path.includes("/customer/account/"), entry.http_status])).toEqual(
    [
      [false, 200],
      [true, 404],
    ],
  );

  const sent = await h.api("POST", `/${started.id}/aadhaar`, {
    aadhaar: TEST_AADHAAR.valid,
    consent: CONSENT,
  });
  // The published "sent" answer names the masked destination (mobile_hint).
  expect((sent.json as FlowView).step).toMatchObject({
    kind: "otp",
    purpose: "aadhaar",
    sentTo: "••••••0003",
  });
  const right = await h.latestOtp(MOBILE, "levin", "aadhaar");
  const wrong = await h.api("POST", `/${started.id}/otp/verify`, {
    otp: right === "000000" ? "111111" : "000000",
  });
  expect((wrong.json as FlowView).step).toMatchObject({
    kind: "otp",
    lastAttempt: "wrong",
    attemptsLeft: 2,
  });
  const identity = await h.api("POST", `/${started.id}/otp/verify`, { otp: right });
  expect((identity.json as FlowView).step).toEqual({
    kind: "identity",
    identity: {
      name: NEW_CUSTOMER.name,
      gender: "female",
      dob: "20-08-1995",
      aadhaarMasked: `XXXX XXXX ${TEST_AADHAAR.valid.slice(-4)}`,
    },
  });
});

test("463 invalid wallet token: the agent sends a new mobile OTP, gets a fresh token and is back at the Aadhaar step", async () => {
  const h = await harness();
  const started = await h.start("levin", MOBILE);
  await h.api("POST", `/${started.id}/onboard`, NEW_CUSTOMER);
  await h.api("POST", `/${started.id}/otp/verify`, { otp: await h.latestOtp(MOBILE, "levin") });
  await h.scenario({ mobile: MOBILE, scenario: 463 });
  const refused = await h.api("POST", `/${started.id}/aadhaar`, {
    aadhaar: TEST_AADHAAR.valid,
    consent: CONSENT,
  });
  expect(refused.status).toBe(200);
  expect((refused.json as FlowView).step).toEqual({ kind: "wallet_renew" });

  const renewing = await h.api("POST", `/${started.id}/recheck`);
  expect((renewing.json as FlowView).step).toMatchObject({ kind: "otp", purpose: "mobile" });
  const renewed = await h.api("POST", `/${started.id}/otp/verify`, {
    otp: await h.latestOtp(MOBILE, "levin"),
  });
  expect((renewed.json as FlowView).step).toMatchObject({ kind: "aadhaar", rejected: false });
  const steps = await walk(h, renewed.json as FlowView, MOBILE);
  expect(steps.at(-1)?.step.kind).toBe("profile");
});
