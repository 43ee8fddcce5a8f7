import { expect, test } from "vitest";
import { createApi, createApp } from "../app.ts";
import { createLogger } from "../logger.ts";
import { CONSENT, flowHarnesses, NEW_CUSTOMER, walk } from "../test-support/flow-harness.ts";

const harness = flowHarnesses();

test("the OTP step says where it went and when it expires / can be resent", async () => {
  const h = await harness();
  const view = await h.start("digikhata", "9000000001");
  expect(view.id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
  expect(view.step).toEqual({
    kind: "otp",
    purpose: "mobile",
    sentTo: "••••••0001",
    otpLength: 6,
    expiresAt: "2026-03-02T05:35:00.000Z",
    resendAvailableAt: "2026-03-02T05:31:00.000Z",
    attemptsLeft: 3,
    lastAttempt: null,
  });
});

test("wrong OTP then the right one", async () => {
  const h = await harness();
  const view = await h.start("levin", "9000000002");
  const right = await h.latestOtp("9000000002", "levin");
  const wrong = right === "000000" ? "111111" : "000000";
  const miss = await h.api("POST", `/${view.id}/otp/verify`, { otp: wrong });
  expect(miss.json.step).toMatchObject({ kind: "otp", lastAttempt: "wrong", attemptsLeft: 2 });
  const hit = await h.api("POST", `/${view.id}/otp/verify`, { otp: right });
  expect(hit.json.step.kind).toBe("profile");
});

test("resend: refused before resendAvailableAt (429 + Retry-After), then a new OTP replaces the old", async () => {
  const h = await harness();
  const view = await h.start("customer-account", "9000000002");
  const first = await h.latestOtp("9000000002", "customer-account");
  const early = await h.api("POST", `/${view.id}/otp/resend`);
  expect(early.status).toBe(429);
  expect(early.json.error).toMatchObject({
    code: "rate_limited",
    details: { retryAfterSeconds: 60 },
  });
  expect(early.headers.get("retry-after")).toBe("60");

  h.clock.advance(61);
  const resent = await h.api("POST", `/${view.id}/otp/resend`);
  expect(resent.status).toBe(200);
  expect(resent.json.step).toMatchObject({
    kind: "otp",
    resendAvailableAt: "2026-03-02T05:32:01.000Z",
    lastAttempt: null,
  });
  const second = await h.latestOtp("9000000002", "customer-account");
  const log = await h.requests();
  expect(log[0]).toMatchObject({
    method: "POST",
    path: "/ekoapi/v3/customer/account/otp",
    response_type_id: 2129,
  });
  if (first !== second) {
    const stale = await h.api("POST", `/${view.id}/otp/verify`, { otp: first });
    expect(stale.json.step).toMatchObject({ kind: "otp", lastAttempt: "wrong" });
  }
  expect((await h.api("POST", `/${view.id}/otp/verify`, { otp: second })).json.step.kind).toBe(
    "profile",
  );
});

test("an expired OTP (clock moved past the TTL) says so; a resend recovers", async () => {
  const h = await harness();
  const view = await h.start("digikhata", "9000000002");
  h.clock.advance(301);
  const late = await h.api("POST", `/${view.id}/otp/verify`, {
    otp: await h.latestOtp("9000000002", "digikhata"),
  });
  expect(late.json.step).toMatchObject({ kind: "otp", lastAttempt: "expired" });
  const resent = await h.api("POST", `/${view.id}/otp/resend`);
  expect(resent.json.step).toMatchObject({ kind: "otp", lastAttempt: null });
  const ok = await h.api("POST", `/${view.id}/otp/verify`, {
    otp: await h.latestOtp("9000000002", "digikhata"),
  });
  expect(ok.json.step.kind).toBe("profile");
});

test("lockout after three wrong OTPs; resend refused until it ends (423 otp_locked)", async () => {
  const h = await harness();
  const view = await h.start("customer-account", "9000000001");
  const right = await h.latestOtp("9000000001", "customer-account");
  const wrong = right === "999999" ? "888888" : "999999";
  const left = [];
  for (let i = 0; i < 3; i++)
    left.push((await h.api("POST", `/${view.id}/otp/verify`, { otp: wrong })).json.step);
  expect(left[0]).toMatchObject({ kind: "otp", attemptsLeft: 2 });
  expect(left[1]).toMatchObject({ kind: "otp", attemptsLeft: 1 });
  expect(left[2]).toEqual({ kind: "locked", purpose: "mobile", until: "2026-03-02T05:45:00.000Z" });
  expect((await h.api("POST", `/${view.id}/otp/verify`, { otp: right })).json.error.code).toBe(
    "step_not_allowed",
  );
  const early = await h.api("POST", `/${view.id}/otp/resend`);
  expect(early.status).toBe(423);
  expect(early.json.error).toMatchObject({
    code: "otp_locked",
    details: { retryAfterSeconds: 900 },
  });
  h.clock.advance(900);
  expect((await h.api("POST", `/${view.id}/otp/resend`)).json.step).toMatchObject({
    kind: "otp",
    attemptsLeft: 3,
  });
  const ok = await h.api("POST", `/${view.id}/otp/verify`, {
    otp: await h.latestOtp("9000000001", "customer-account"),
  });
  expect(ok.json.step.kind).toBe("profile");
});

test("steps out of order are 409 step_not_allowed; unknown or foreign flows are 404", async () => {
  const h = await harness();
  const view = await h.start("levin", "9000000001");
  expect((await h.api("POST", `/${view.id}/onboard`, NEW_CUSTOMER)).json.error.code).toBe(
    "step_not_allowed",
  );
  expect((await h.api("POST", `/${view.id}/pan`, { pan: "ABCPE1234F" })).status).toBe(409);
  expect(
    (await h.api("POST", `/${view.id}/aadhaar`, { aadhaar: "234123412346", consent: CONSENT }))
      .status,
  ).toBe(409);
  expect((await h.api("POST", `/${view.id}/recheck`)).status).toBe(409);
  expect((await h.api("GET", "/AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
  expect((await h.api("GET", "/bad id!")).status).toBe(404);
  const foreign = await h.api("GET", `/${view.id}`, undefined, { "x-test-agent": "someone-else" });
  expect(foreign.json.error.code).toBe("not_found");
});

test("request validation: 422 with field keys from the contract", async () => {
  const h = await harness();
  const bad = await h.api("POST", "", { rail: "levin", mobile: "12345" });
  expect(bad.status).toBe(422);
  expect(bad.json.error).toMatchObject({
    code: "validation_failed",
    details: { fields: { mobile: "mobile_invalid" } },
  });
  const view = await h.start("levin", "9000000001");
  const otp = await h.api("POST", `/${view.id}/otp/verify`, { otp: "12ab" });
  expect(otp.json.error.details.fields).toEqual({ otp: "otp_format" });
  expect((await h.requests()).filter((entry) => entry.path.endsWith("/verify"))).toHaveLength(0);
});

test("Aadhaar consent: stale text version refused; consent recorded with the last four digits only", async () => {
  const h = await harness();
  const view = await h.start("levin", "9000000004");
  const atAadhaar = await h.api("POST", `/${view.id}/otp/verify`, {
    otp: await h.latestOtp("9000000004", "levin"),
  });
  expect(atAadhaar.json.step).toEqual({
    kind: "aadhaar",
    consentVersion: "aadhaar-consent-v1",
    rejected: false,
  });
  const stale = await h.api("POST", `/${view.id}/aadhaar`, {
    aadhaar: "234123412346",
    consent: { ...CONSENT, version: "old" },
  });
  expect(stale.json.error).toMatchObject({
    code: "validation_failed",
    details: { fields: { "consent.version": "consent_outdated" } },
  });
  const sent = await h.api("POST", `/${view.id}/aadhaar`, {
    aadhaar: "2341 2341 2346",
    consent: { ...CONSENT, language: "hi" },
  });
  expect(sent.json.step).toMatchObject({ kind: "otp", purpose: "aadhaar", sentTo: null });
  const consents = await h.db.selectFrom("consent_records").selectAll().execute();
  expect(consents).toMatchObject([
    {
      agent_id: "agent-test",
      flow_id: view.id,
      language: "hi",
      aadhaar_masked: "XXXX XXXX 2346",
      text_version: "aadhaar-consent-v1",
    },
  ]);
  const rows = JSON.stringify(await h.db.selectFrom("flows").selectAll().execute());
  expect(rows).not.toContain("234123412346");

  // The console kept no number to re-send: the Aadhaar OTP "resend" asks for it (and consent) again.
  const callsBefore = (await h.requests()).length;
  h.clock.advance(61);
  const again = await h.api("POST", `/${view.id}/otp/resend`);
  expect(again.json.step).toEqual({
    kind: "aadhaar",
    consentVersion: "aadhaar-consent-v1",
    rejected: false,
  });
  expect(await h.requests()).toHaveLength(callsBefore);
  const resent = await h.api("POST", `/${view.id}/aadhaar`, {
    aadhaar: "234123412346",
    consent: CONSENT,
  });
  expect(resent.json.step).toMatchObject({ kind: "otp", purpose: "aadhaar" });
  expect((await h.requests())[0]).toMatchObject({
    path: "/ekoapi/v3/customer/payment/ppi-levin/sender/9000000004/aadhaar/otp",
    response_type_id: 2129,
  });
});

test("audit rows follow every Eko call, with masked mobile, type id and latency", async () => {
  const h = await harness();
  await walk(h, await h.start("digikhata", "9000000006"), "9000000006");
  const events = await h.db.selectFrom("audit_events").selectAll().orderBy("at").execute();
  // One save writes both onboard rows (300, then the re-query's 2129) at the same instant.
  const rows = events.map((event) => [event.action, event.outcome, event.eko_response_type_id]);
  expect(rows.sort()).toEqual([
    // Each write is on record before it leaves (in-flight intent), with its client_ref_id.
    ["flow.onboard", "attempted", null],
    ["flow.onboard", "otp_sent", 2129],
    ["flow.onboard", "wallet_exists", 300],
    ["flow.start", "onboard_required", 308],
    ["otp.verify", "attempted", null],
    ["otp.verify", "profile", 309],
  ]);
  const sent = (await h.requests()).filter((entry) => entry.method === "POST");
  const attempted = events.filter((event) => event.outcome === "attempted");
  expect(attempted.map((event) => event.detail).sort()).toEqual(
    sent.map((entry) => expect.stringContaining(` ${entry.client_ref_id}`)).reverse(),
  );
  for (const event of events.filter((row) => row.outcome !== "attempted")) {
    expect(event).toMatchObject({
      agent_id: "agent-test",
      rail: "digikhata",
      mobile_masked: "••••••0006",
    });
    expect(event.latency_ms).toBeGreaterThanOrEqual(0);
  }
});

test("sandbox-phone: an earlier flow's OTPs are left out; a replaced OTP and a used one are marked", async () => {
  const h = await harness();
  await h.start("customer-account", "9000000002");
  h.clock.advance(120);
  const view = await h.start("customer-account", "9000000002");
  h.clock.advance(61);
  await h.api("POST", `/${view.id}/otp/resend`);
  const phone = await h.api("GET", `/${view.id}/sandbox-phone`);
  expect(
    phone.json.messages.map((m: { sentAt: string; state: string }) => [m.sentAt, m.state]),
  ).toEqual([
    ["2026-03-02T05:33:01.000Z", "current"],
    ["2026-03-02T05:32:00.000Z", "replaced"],
  ]);
  const otp = await h.latestOtp("9000000002", "customer-account");
  expect((await h.api("POST", `/${view.id}/otp/verify`, { otp })).json.step.kind).toBe("profile");
  const after = await h.api("GET", `/${view.id}/sandbox-phone`);
  expect(after.json.messages.map((m: { state: string }) => m.state)).toEqual(["used", "replaced"]);
});

test("sandbox-phone: this flow's OTPs only, masked destination; 404 outside sandbox mode", async () => {
  const h = await harness();
  const view = await h.start("levin", "9000000002");
  await h.start("digikhata", "9000000002");
  await h.start("levin", "9000000001");
  const phone = await h.api("GET", `/${view.id}/sandbox-phone`);
  expect(phone.status).toBe(200);
  expect(phone.json).toEqual({
    messages: [
      {
        otp: await h.latestOtp("9000000002", "levin"),
        purpose: "mobile",
        sentAt: "2026-03-02T05:30:00.000Z",
        toMasked: "••••••0002",
        state: "current",
      },
    ],
  });

  const uat = await harness({ env: { EKO_ENV: "uat" } });
  const uatView = await uat.start("levin", "9000000002");
  expect((await uat.api("GET", `/${uatView.id}/sandbox-phone`)).status).toBe(404);
});

test("wired into the console API: in the OpenAPI document, and behind the session", async () => {
  const h = await harness();
  const deps = { env: h.env, db: h.db, logger: createLogger("silent"), now: h.clock.now };
  const document = createApi(deps).getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
  });
  expect(Object.keys(document.paths ?? {})).toEqual(
    expect.arrayContaining([
      "/flows",
      "/flows/{flowId}",
      "/flows/{flowId}/onboard",
      "/flows/{flowId}/otp/verify",
      "/flows/{flowId}/otp/resend",
      "/flows/{flowId}/aadhaar",
      "/flows/{flowId}/pan",
      "/flows/{flowId}/recheck",
      "/flows/{flowId}/sandbox-phone",
    ]),
  );
  const anonymous = await createApp(deps).request("/api/flows", {
    method: "POST",
    headers: { "content-type": "application/json", origin: "http://localhost" },
    body: JSON.stringify({ rail: "levin", mobile: "9000000001" }),
  });
  expect(anonymous.status).toBe(401);
});

test("abuse limit: the sixth OTP sent to one mobile within ten minutes is refused (429)", async () => {
  const h = await harness();
  for (let i = 0; i < 5; i++) await h.start("levin", "9000000002");
  const refused = await h.api("POST", "", { rail: "levin", mobile: "9000000002" });
  expect(refused.status).toBe(429);
  expect(refused.json.error.code).toBe("rate_limited");
  expect((await h.requests()).filter((entry) => entry.method === "GET")).toHaveLength(5);
});

test("abuse limit: lookups that send no OTP (new customers) do not use up the allowance", async () => {
  const h = await harness();
  // Six lookups of one unenrolled mobile: Eko answers 308 and texts nobody.
  for (let i = 0; i < 6; i++) {
    expect((await h.start("levin", "9123456780")).step.kind).toBe("onboard");
  }
  // The customer's first real OTP still goes out.
  const view = await h.start("levin", "9123456780");
  const onboarded = await h.api("POST", `/${view.id}/onboard`, NEW_CUSTOMER);
  expect(onboarded.status).toBe(200);
  expect(onboarded.json.step.kind).toBe("otp");
});

test("a restart (new app, same SQLite store, generated state.key) can still open the sealed secrets", async () => {
  const h = await harness();
  const view = await h.start("customer-account", "9000000002");
  h.restart();
  const otp = await h.latestOtp("9000000002", "customer-account");
  expect((await h.api("POST", `/${view.id}/otp/verify`, { otp })).json.step.kind).toBe("profile");
});
