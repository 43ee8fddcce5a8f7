import { expect, test } from "vitest";
import type { FlowView } from "../contract/flow-view.ts";
import { TEST_AADHAAR } from "../sandbox/personas.ts";
import { CONSENT, flowHarnesses, type Harness, PAN } from "../test-support/flow-harness.ts";

/* What Eko answers decides the next step: every mapped response_type_id, forced through the sandbox's scenario queue, and transport faults. */

const harness = flowHarnesses();

async function atOtp(h: Harness, rail: string, mobile: string): Promise<FlowView> {
  return h.start(rail, mobile);
}
async function verify(
  h: Harness,
  view: FlowView,
  mobile: string,
  purpose: "mobile" | "aadhaar" = "mobile",
) {
  return h.api("POST", `/${view.id}/otp/verify`, {
    otp: await h.latestOtp(mobile, view.rail, purpose),
  });
}

test.each([
  [308, "onboard"],
  [2129, "otp"],
  [585, "failed"],
])("lookup answered %i → %s", async (scenario, kind) => {
  const h = await harness();
  await h.scenario({ mobile: "9000000002", scenario });
  expect((await h.start("digikhata", "9000000002")).step.kind).toBe(kind);
});

test("lookup -1 → 422 validation_failed with Eko's field on the form's name; no flow is created", async () => {
  const h = await harness();
  await h.scenario({ mobile: "9000000002", scenario: -1 });
  const response = await h.api("POST", "", { rail: "levin", mobile: "9000000002" });
  expect(response.status).toBe(422);
  expect(response.json.error).toMatchObject({
    code: "validation_failed",
    details: { ekoResponseTypeId: -1, fields: { mobile: "Rejected by sandbox scenario -1" } },
  });
  expect(await h.db.selectFrom("flows").selectAll().execute()).toHaveLength(0);
  expect(
    await h.db.selectFrom("audit_events").select(["action", "outcome", "flow_id"]).execute(),
  ).toEqual([{ action: "flow.start", outcome: "validation_failed", flow_id: null }]);
});

test.each([
  ["customer-account", 309, { kind: "profile" }],
  ["customer-account", 2136, { kind: "next_step", reason: "aadhaar_pending" }],
  ["customer-account", 2147, { kind: "next_step", reason: "pan_pending" }],
  ["digikhata", 2136, { kind: "consent", text: null }],
  ["digikhata", 2147, { kind: "pan", identity: null, rejected: false }],
  ["digikhata", 2131, { kind: "otp", lastAttempt: "wrong", attemptsLeft: 2 }],
  ["levin", 2136, { kind: "aadhaar", rejected: false }],
  ["levin", 2147, { kind: "pan", identity: null }],
  ["levin", 2132, { kind: "next_step", reason: "registration_complete" }],
  ["levin", 2138, { kind: "otp", lastAttempt: "wrong", attemptsLeft: 2 }],
  [
    "levin",
    9999,
    {
      kind: "failed",
      reason: "unknown_state",
      ekoResponseTypeId: 9999,
      ekoMessage: "Sandbox scenario 9999",
    },
  ],
])("%s verify answered %i", async (rail, scenario, step) => {
  const h = await harness();
  const view = await atOtp(h, rail, "9000000002");
  await h.scenario({ mobile: "9000000002", scenario });
  expect((await verify(h, view, "9000000002")).json.step).toMatchObject(step);
});

test("verify -1 → 422 on the otp field; the step stays", async () => {
  const h = await harness();
  const view = await atOtp(h, "levin", "9000000002");
  await h.scenario({ mobile: "9000000002", scenario: -1 });
  const response = await verify(h, view, "9000000002");
  expect(response.json.error).toMatchObject({
    code: "validation_failed",
    details: { fields: { otp: "Rejected by sandbox scenario -1" } },
  });
  expect((await h.api("GET", `/${view.id}`)).json.step).toEqual(view.step);
});

test("DigiKhata onboard answered 300 → re-query (B.1) → OTP", async () => {
  const h = await harness();
  const view = await h.start("digikhata", "9000000003");
  await h.scenario({ mobile: "9000000003", scenario: 300 });
  const onboarded = await h.api("POST", `/${view.id}/onboard`, {
    name: "Asha Kumari",
    dob: "1995-08-20",
    address: { line: "1 Road", city: "Pune", state: "MH", pincode: "411001" },
  });
  expect(onboarded.json.step.kind).toBe("otp");
  expect(
    (await h.requests()).slice(0, 2).map((entry) => [entry.method, entry.response_type_id]),
  ).toEqual([
    ["GET", 2129],
    ["POST", 300],
  ]);
});

async function levinAtAadhaar(h: Harness) {
  const view = await h.start("levin", "9000000004");
  expect((await verify(h, view, "9000000004")).json.step.kind).toBe("aadhaar");
  return view;
}

test("Levin C.5 2138 → Aadhaar rejected; another number goes through", async () => {
  const h = await harness();
  const view = await levinAtAadhaar(h);
  const rejected = await h.api("POST", `/${view.id}/aadhaar`, {
    aadhaar: TEST_AADHAAR.rejected,
    consent: CONSENT,
  });
  expect(rejected.json.step).toMatchObject({ kind: "aadhaar", rejected: true });
  const accepted = await h.api("POST", `/${view.id}/aadhaar`, {
    aadhaar: TEST_AADHAAR.valid,
    consent: CONSENT,
  });
  expect(accepted.json.step).toMatchObject({ kind: "otp", purpose: "aadhaar" });
  expect(await h.db.selectFrom("consent_records").select("aadhaar_masked").execute()).toEqual([
    { aadhaar_masked: "XXXX XXXX 9999" },
    { aadhaar_masked: "XXXX XXXX 2346" },
  ]);
});

test.each([
  [2147, { kind: "pan", identity: null }],
  [2131, { kind: "otp", purpose: "aadhaar", lastAttempt: "wrong", attemptsLeft: 2 }],
  [2136, { kind: "aadhaar" }],
])("Levin C.6 answered %i (legacy shapes)", async (scenario, step) => {
  const h = await harness();
  const view = await levinAtAadhaar(h);
  await h.api("POST", `/${view.id}/aadhaar`, { aadhaar: TEST_AADHAAR.valid, consent: CONSENT });
  await h.scenario({ mobile: "9000000004", scenario });
  expect((await verify(h, view, "9000000004", "aadhaar")).json.step).toMatchObject(step);
});

test("Levin C.7 answered 2132 (legacy) → registration complete", async () => {
  const h = await harness();
  const view = await h.start("levin", "9000000005");
  expect((await verify(h, view, "9000000005")).json.step.kind).toBe("pan");
  await h.scenario({ mobile: "9000000005", scenario: 2132 });
  expect((await h.api("POST", `/${view.id}/pan`, { pan: PAN })).json.step).toEqual({
    kind: "next_step",
    reason: "registration_complete",
  });
});

test.each([
  ["403", 502, "upstream_auth_failed"],
  // The sandbox's HTML fault is an nginx 502 page: a gateway failure first (retried once), not a bad envelope.
  ["html", 503, "upstream_unavailable"],
  ["malformed", 502, "upstream_bad_response"],
])("lookup fault %s → %i %s, nothing created", async (fault, status, code) => {
  const h = await harness();
  await h.scenario({ mobile: "9000000001", fault, times: 2 });
  const response = await h.api("POST", "", { rail: "levin", mobile: "9000000001" });
  expect(response.status).toBe(status);
  expect(response.json.error.code).toBe(code);
  expect(response.headers.get("x-request-id")).toBe(response.json.error.requestId);
  expect(await h.db.selectFrom("flows").selectAll().execute()).toHaveLength(0);
});

test("a 500 on the lookup GET is retried once; two in a row is 503", async () => {
  const h = await harness();
  await h.scenario({ mobile: "9000000001", fault: "500" });
  expect((await h.api("POST", "", { rail: "levin", mobile: "9000000001" })).status).toBe(201);
  await h.scenario({ mobile: "9000000002", fault: "500", times: 2 });
  const failed = await h.api("POST", "", { rail: "levin", mobile: "9000000002" });
  expect(failed.json.error.code).toBe("upstream_unavailable");
  expect(failed.status).toBe(503);
});

test("a lookup that times out is 504; it is a read, so no status_unknown", async () => {
  const h = await harness({ env: { EKO_TIMEOUT_MS: "200" } });
  await h.scenario({ mobile: "9000000001", fault: "slow", delayMs: 1_000 });
  const response = await h.api("POST", "", { rail: "levin", mobile: "9000000001" });
  expect(response.json.error.code).toBe("upstream_timeout");
  expect(response.status).toBe(504);
});

test.each([
  ["slow", "verify_otp"],
  ["reset", "verify_otp"],
])(
  "verify write %s → status_unknown; only recheck is offered and it re-establishes the state",
  async (fault, action) => {
    const h = await harness({ env: { EKO_TIMEOUT_MS: "200" } });
    const view = await h.start("digikhata", "9000000001");
    await h.scenario({ mobile: "9000000001", fault, delayMs: 600 });
    const unknown = await verify(h, view, "9000000001");
    expect(unknown.status).toBe(200);
    expect(unknown.json.step).toEqual({ kind: "status_unknown", action });
    expect((await h.api("POST", `/${view.id}/otp/verify`, { otp: "123456" })).json.error.code).toBe(
      "step_not_allowed",
    );
    const rechecked = await h.api("POST", `/${view.id}/recheck`);
    // Get Sender is a read, but Eko sends the customer a new OTP with it.
    expect(rechecked.json.step).toMatchObject({ kind: "otp", attemptsLeft: 3 });
    expect((await verify(h, view, "9000000001")).json.step.kind).toBe("profile");
    const outcomes = await h.db.selectFrom("audit_events").select(["action", "outcome"]).execute();
    expect(outcomes).toContainEqual({ action: "otp.verify", outcome: "status_unknown" });
    const doubt = await h.db
      .selectFrom("audit_events")
      .select(["detail", "flow_id"])
      .where("outcome", "=", "status_unknown")
      .executeTakeFirstOrThrow();
    expect(doubt).toEqual({
      detail: fault === "slow" ? "upstream_timeout" : "upstream_unavailable",
      flow_id: view.id,
    });
  },
);

test("an onboard that times out → status_unknown(onboard) → recheck finds the customer enrolled", async () => {
  const h = await harness({ env: { EKO_TIMEOUT_MS: "200" } });
  const view = await h.start("levin", "9000000003");
  await h.scenario({ mobile: "9000000003", fault: "slow", delayMs: 400 });
  const unknown = await h.api("POST", `/${view.id}/onboard`, {
    name: "Asha Kumari",
    dob: "1995-08-20",
    address: { line: "1 Road", city: "Pune", state: "MH", pincode: "411001" },
  });
  expect(unknown.json.step).toEqual({ kind: "status_unknown", action: "onboard" });
  await new Promise((resolve) => setTimeout(resolve, 400)); // the slow onboard lands at the sandbox meanwhile
  expect((await h.api("POST", `/${view.id}/recheck`)).json.step.kind).toBe("otp");
});

test("two concurrent verifies: exactly one reaches Eko, the other is 409 flow_busy", async () => {
  const h = await harness();
  const view = await h.start("levin", "9000000001");
  const otp = await h.latestOtp("9000000001", "levin");
  await h.scenario({ mobile: "9000000001", fault: "slow", delayMs: 300 });
  const [first, second] = await Promise.all([
    h.api("POST", `/${view.id}/otp/verify`, { otp }),
    h.api("POST", `/${view.id}/otp/verify`, { otp }),
  ]);
  expect([first.status, second.status].sort()).toEqual([200, 409]);
  const busy = first.status === 409 ? first : second;
  expect(busy.json.error.code).toBe("flow_busy");
  const verifies = (await h.requests()).filter((entry) => entry.path.endsWith("/otp/verify"));
  expect(verifies).toHaveLength(1);
  expect((await h.api("GET", `/${view.id}`)).json.step.kind).toBe("profile");
});
