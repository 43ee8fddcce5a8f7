import { randomBytes } from "node:crypto";
import { afterEach, expect, test } from "vitest";
import type { EkoCallName } from "../eko/calls.ts";
import type { EkoClient } from "../eko/client.ts";
import { EkoTransportError } from "../eko/errors.ts";
import type { Db } from "../store/db.ts";
import { createFlowRepository } from "../store/flow-repository.ts";
import { openStore } from "../store/open-store.ts";
import { createRateLimiter } from "../store/rate-limiter.ts";
import { testClock, testEnv } from "../test-support/app.ts";
import { answer } from "../test-support/eko-answers.ts";
import { createAbuseLimits, otpPolicies as policiesFor } from "./abuse-limits.ts";
import { type Actor, createFlowService } from "./flow-service.ts";

/*
 * The flow service on a real store and the real limiter, with Eko replaced by
 * a scripted client: every abuse limit is exercised through the steps that
 * must respect it, so removing one fails a test here.
 */

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

type Script = (name: EkoCallName, params: Record<string, unknown>) => Record<string, unknown>;

let refs = 0;
const otpSent = () => ({
  response_type_id: 2129,
  status: 0,
  response_status_id: 0,
  data: { otp_ref_id: `ref-${++refs}` },
});
const notEnrolled = {
  response_type_id: 308,
  status: 308,
  response_status_id: 1,
  message: "Failure!Customer Not Enrolled",
};
const aadhaarPending = {
  response_type_id: 2136,
  status: 2136,
  response_status_id: 1,
  message: "Aadhar Validation Pending",
};
const wrongOtp = {
  response_type_id: 2131,
  status: 2131,
  response_status_id: 302,
  message: "Validate OTP Failed",
  data: { attempts_remaining: 2 },
};

const otpPolicies = policiesFor(testEnv().abuseLimits.otp);

async function service(script: Script, env = testEnv()) {
  const db = await openStore({ database: { kind: "sqlite", path: ":memory:" } });
  opened.push(db);
  const clock = testClock();
  const key = randomBytes(32);
  const calls: EkoCallName[] = [];
  const eko: EkoClient = {
    async call(name, _context, params = {}) {
      calls.push(name);
      const raw = script(name, params);
      if ("throw" in raw) throw raw.throw;
      return { answer: answer(raw), latencyMs: 1 };
    },
  };
  const repo = createFlowRepository(db, { stateKey: () => key, now: clock.now });
  const limits = createAbuseLimits(createRateLimiter(db, clock.now), env.abuseLimits.otp);
  const flows = createFlowService({ repo, eko, limits, now: clock.now, env });
  return { flows, calls, clock, db, repo };
}

const actor = (agentId = "agent-1"): Actor => ({
  agent: {
    id: agentId,
    login: agentId,
    name: "Agent",
    role: "agent",
    ekoUserCode: "20810200",
    language: "en",
    mustChangePassword: false,
  },
  requestId: "req-1",
});
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );
const NEW_CUSTOMER = {
  name: "Asha Kumari",
  dob: "1995-08-20",
  address: { line: "12 Park Street", city: "Kolkata", state: "West Bengal", pincode: "700016" },
};

test("a lookup that sends an OTP counts: the 6th start for one mobile is refused before Eko is asked", async () => {
  const s = await service(() => otpSent());
  for (let i = 0; i < otpPolicies.otpSendsPerMobile.limit; i++) {
    await s.flows.start(actor(), { rail: "digikhata", mobile: "9876543210" });
  }
  const before = s.calls.length;
  expect(
    await refusal(s.flows.start(actor(), { rail: "digikhata", mobile: "9876543210" })),
  ).toMatchObject({ code: "rate_limited", status: 429, details: { retryAfterSeconds: 600 } });
  expect(s.calls.length).toBe(before);
  // Another mobile is unaffected; after the window this one is too.
  await s.flows.start(actor(), { rail: "digikhata", mobile: "9876500000" });
  s.clock.advance(600);
  await s.flows.start(actor(), { rail: "digikhata", mobile: "9876543210" });
});

test("a lookup of a new customer (308) sends nothing and uses up no allowance", async () => {
  const s = await service(() => notEnrolled);
  for (let i = 0; i < otpPolicies.otpSendsPerMobile.limit + 3; i++) {
    const view = await s.flows.start(actor(), { rail: "levin", mobile: "9876543210" });
    expect(view.step.kind).toBe("onboard");
  }
});

test("onboarding sends an OTP: counted before the call, atomically under 20 parallel requests", async () => {
  const s = await service((name) => (name === "customerGet" ? notEnrolled : otpSent()));
  const flows = [];
  for (let i = 0; i < 20; i++) {
    flows.push(await s.flows.start(actor(), { rail: "customer-account", mobile: "9876543210" }));
  }
  const results = await Promise.allSettled(
    flows.map((flow) => s.flows.onboard(actor(), flow.id, NEW_CUSTOMER)),
  );
  const sent = results.filter((result) => result.status === "fulfilled");
  expect(sent).toHaveLength(otpPolicies.otpSendsPerMobile.limit);
  expect(s.calls.filter((name) => name === "customerOnboard")).toHaveLength(
    otpPolicies.otpSendsPerMobile.limit,
  );
  for (const result of results) {
    if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "rate_limited" });
  }
});

test("one agent triggers at most 60 OTPs across customers", async () => {
  const s = await service(() => otpSent());
  for (let i = 0; i < otpPolicies.otpSendsPerAgent.limit; i++) {
    await s.flows.start(actor("busy"), {
      rail: "levin",
      mobile: `98765${String(i).padStart(5, "0")}`,
    });
  }
  expect(
    await refusal(s.flows.start(actor("busy"), { rail: "levin", mobile: "9000011111" })),
  ).toMatchObject({ code: "rate_limited" });
  await s.flows.start(actor("calm"), { rail: "levin", mobile: "9000011111" });
});

test("a resend is a send: the limit holds across resends of one flow", async () => {
  const s = await service(() => otpSent());
  const flow = await s.flows.start(actor(), { rail: "digikhata", mobile: "9876543210" });
  for (let i = 1; i < otpPolicies.otpSendsPerMobile.limit; i++) {
    s.clock.advance(61);
    await s.flows.resendOtp(actor(), flow.id);
  }
  s.clock.advance(61);
  expect(await refusal(s.flows.resendOtp(actor(), flow.id))).toMatchObject({
    code: "rate_limited",
  });
  expect(s.calls.filter((name) => name === "digikhataResendOtp")).toHaveLength(
    otpPolicies.otpSendsPerMobile.limit - 1,
  );
});

test("ten wrong OTPs for one mobile block the 11th verify before Eko sees it; right ones do not count", async () => {
  const s = await service((name) => (name === "digikhataGet" ? otpSent() : wrongOtp));
  let flow = await s.flows.start(actor(), { rail: "digikhata", mobile: "9876543210" });
  for (let i = 0; i < otpPolicies.otpVerifyFailuresPerMobile.limit; i++) {
    // A new flow every few tries (Eko's own per-OTP attempts are not what is counted here).
    if (i % 4 === 0) {
      s.clock.advance(600);
      flow = await s.flows.start(actor(), { rail: "digikhata", mobile: "9876543210" });
    }
    const view = await s.flows.verifyOtp(actor(), flow.id, "111111");
    expect(view.step).toMatchObject({ kind: "otp", lastAttempt: "wrong" });
  }
  const verifies = s.calls.filter((name) => name === "digikhataVerifyOtp").length;
  expect(await refusal(s.flows.verifyOtp(actor(), flow.id, "222222"))).toMatchObject({
    code: "rate_limited",
    status: 429,
  });
  expect(s.calls.filter((name) => name === "digikhataVerifyOtp")).toHaveLength(verifies);
});

test("a right OTP is not a failure: verifies after it are still allowed", async () => {
  const s = await service((name) => (name === "digikhataVerifyOtp" ? aadhaarPending : otpSent()));
  for (let i = 0; i < otpPolicies.otpVerifyFailuresPerMobile.limit + 2; i++) {
    s.clock.advance(600);
    const flow = await s.flows.start(actor(), { rail: "digikhata", mobile: "9876543210" });
    // The scripted B.5 answer is not a language list: the flow fails after the verify, which counts nothing.
    expect((await s.flows.verifyOtp(actor(), flow.id, "123456")).step.kind).toBe("failed");
  }
  expect(s.calls.filter((name) => name === "digikhataVerifyOtp")).toHaveLength(
    otpPolicies.otpVerifyFailuresPerMobile.limit + 2,
  );
});

test("DigiKhata 2136: if the consent languages (B.5) cannot be loaded, the consent step offers a retry", async () => {
  let languagesFail = true;
  const s = await service((name) => {
    if (name === "digikhataVerifyOtp") return aadhaarPending;
    if (name === "digikhataConsentLanguages") {
      if (languagesFail) return { throw: new EkoTransportError("upstream_unavailable", "down") };
      return {
        response_type_id: 2444,
        status: 0,
        data: { consent_language_list: [{ pkid: "4", consentLanguage: "Hindi" }] },
      };
    }
    return otpSent();
  });
  const flow = await s.flows.start(actor(), { rail: "digikhata", mobile: "9876543210" });
  const pending = await s.flows.verifyOtp(actor(), flow.id, "123456");
  expect(pending.step).toEqual({ kind: "consent", languages: [], text: null });
  languagesFail = false;
  const listed = await s.flows.reloadConsentLanguages(actor(), flow.id);
  expect(listed.step).toEqual({
    kind: "consent",
    languages: [{ id: "4", name: "Hindi" }],
    text: null,
  });
  const outcomes = await s.db.selectFrom("audit_events").select(["action", "outcome"]).execute();
  expect(outcomes).toEqual(
    expect.arrayContaining([
      { action: "otp.verify", outcome: "aadhaar_pending" },
      { action: "otp.verify", outcome: "upstream_unavailable" },
      { action: "consent.languages", outcome: "consent_required" },
    ]),
  );
});
