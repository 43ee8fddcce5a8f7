import { expect, test } from "vitest";
import { flowHarnesses } from "../test-support/flow-harness.ts";

const harness = flowHarnesses();

test("lists the agent's own unfinished flows, newest first, masked, with the OTP's expiry", async () => {
  const h = await harness();
  const waiting = await h.start("digikhata", "9000000001");
  h.clock.advance(30);
  const registering = await h.start("customer-account", "9000000003");
  await h.api(
    "POST",
    "",
    { rail: "levin", mobile: "9000000002" },
    { "x-test-agent": "someone-else" },
  );

  const listed = await h.api("GET", "");
  expect(listed.status).toBe(200);
  expect(listed.json).toEqual({
    maxAgeMinutes: 120,
    flows: [
      {
        id: registering.id,
        rail: "customer-account",
        mobileMasked: "••••••0003",
        customerName: null,
        step: "onboard",
        startedAt: "2026-03-02T05:30:30.000Z",
        otpExpiresAt: null,
      },
      {
        id: waiting.id,
        rail: "digikhata",
        mobileMasked: "••••••0001",
        customerName: null,
        step: "otp",
        startedAt: "2026-03-02T05:30:00.000Z",
        otpExpiresAt: "2026-03-02T05:35:00.000Z",
      },
    ],
  });
  expect(JSON.stringify(listed.json)).not.toContain("9000000001");
});

test("finds one customer's flows by the full number, however it is typed", async () => {
  const h = await harness();
  const mine = await h.start("digikhata", "9000000001");
  await h.start("customer-account", "9000000003");
  const found = await h.api("GET", `?mobile=${encodeURIComponent("+91 90000-00001")}`);
  expect(found.status).toBe(200);
  expect(found.json.flows.map((flow: { id: string }) => flow.id)).toEqual([mine.id]);
  const invalid = await h.api("GET", "?mobile=12345");
  expect(invalid.status).toBe(422);
});

test("a finished flow leaves the list, and so does one older than OPEN_FLOWS_MAX_AGE_MINUTES", async () => {
  const h = await harness({ env: { OPEN_FLOWS_MAX_AGE_MINUTES: "30" } });
  const done = await h.start("customer-account", "9000000001");
  const otp = await h.latestOtp("9000000001", "customer-account");
  const verified = await h.api("POST", `/${done.id}/otp/verify`, { otp });
  expect(verified.json.step.kind).toBe("profile");
  const open = await h.start("digikhata", "9000000003");
  expect((await h.api("GET", "")).json.flows.map((flow: { id: string }) => flow.id)).toEqual([
    open.id,
  ]);

  h.clock.advance(31 * 60);
  expect((await h.api("GET", "")).json).toEqual({ flows: [], maxAgeMinutes: 30 });
});

test("starting over with a locked number says so and for how long, without asking Eko (no SMS)", async () => {
  const h = await harness();
  const view = await h.start("customer-account", "9000000001");
  const right = await h.latestOtp("9000000001", "customer-account");
  const wrong = right === "000000" ? "111111" : "000000";
  let step: { kind: string; until?: string } = view.step;
  for (let i = 0; i < 5 && step.kind !== "locked"; i++) {
    step = (await h.api("POST", `/${view.id}/otp/verify`, { otp: wrong })).json.step;
  }
  expect(step.kind).toBe("locked");
  const callsBefore = (await h.requests()).length;

  const again = await h.api(
    "POST",
    "",
    { rail: "digikhata", mobile: "9000000001" },
    {
      "x-test-agent": "another-agent",
    },
  );
  expect(again.status).toBe(429);
  const wait = Math.ceil((Date.parse(step.until as string) - h.clock.now().getTime()) / 1000);
  expect(again.json.error).toMatchObject({
    code: "rate_limited",
    details: { retryAfterSeconds: wait, scope: "customer_mobile" },
  });
  expect(again.headers.get("retry-after")).toBe(String(wait));
  expect(await h.requests()).toHaveLength(callsBefore);

  h.clock.advance(wait + 1);
  expect((await h.api("POST", "", { rail: "digikhata", mobile: "9000000001" })).status).toBe(201);
});

test("starting over with a number the console has locked (wrong-OTP limit) answers before any Eko call, even 20 at once", async () => {
  const h = await harness({ env: { OTP_WRONG_PER_MOBILE: "2" } });
  const view = await h.start("customer-account", "9000000001");
  const right = await h.latestOtp("9000000001", "customer-account");
  const wrong = right === "000000" ? "111111" : "000000";
  for (let i = 0; i < 2; i++) {
    const answer = await h.api("POST", `/${view.id}/otp/verify`, { otp: wrong });
    // The sandbox locks after 3: this is the console's own counter, not Eko's lock.
    expect(answer.json.step).toMatchObject({ kind: "otp", lastAttempt: "wrong" });
  }
  h.clock.advance(100);
  const callsBefore = (await h.requests()).length;

  const starts = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      h.api(
        "POST",
        "",
        { rail: i % 2 ? "digikhata" : "levin", mobile: "9000000001" },
        { "x-test-agent": `agent-${i}` },
      ),
    ),
  );
  for (const again of starts) {
    expect(again.status).toBe(429);
    expect(again.json.error).toMatchObject({
      code: "rate_limited",
      details: { retryAfterSeconds: 1800 - 100, scope: "customer_mobile" },
    });
  }
  expect(await h.requests()).toHaveLength(callsBefore);
  expect((await h.api("GET", "", undefined, { "x-test-agent": "agent-0" })).json.flows).toEqual([]);

  h.clock.advance(1800 - 100);
  expect((await h.api("POST", "", { rail: "digikhata", mobile: "9000000001" })).status).toBe(201);
});

test("starting over with a number whose OTP sends are used up answers before any Eko call, even 20 at once", async () => {
  const h = await harness({ env: { OTP_SENDS_PER_MOBILE: "2", OTP_SEND_WINDOW_SECONDS: "600" } });
  await h.start("customer-account", "9000000001");
  h.clock.advance(61);
  await h.start("digikhata", "9000000001");
  h.clock.advance(61);
  const callsBefore = (await h.requests()).length;

  const starts = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      h.api("POST", "", { rail: "levin", mobile: "9000000001" }, { "x-test-agent": `agent-${i}` }),
    ),
  );
  for (const again of starts) {
    expect(again.status).toBe(429);
    expect(again.json.error).toMatchObject({
      code: "rate_limited",
      details: { retryAfterSeconds: 600 - 122, scope: "customer_mobile" },
    });
  }
  expect(await h.requests()).toHaveLength(callsBefore);
  // Only the customer's number is limited: the agents' own send allowance is untouched.
  expect(
    (
      await h.api(
        "POST",
        "",
        { rail: "levin", mobile: "9000000002" },
        { "x-test-agent": "agent-0" },
      )
    ).status,
  ).toBe(201);
});
