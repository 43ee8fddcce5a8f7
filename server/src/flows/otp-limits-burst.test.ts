import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, test } from "vitest";
import type { FlowView } from "../contract/flow-view.ts";
import type { EkoCallName } from "../eko/calls.ts";
import type { EkoClient } from "../eko/client.ts";
import { EkoTransportError } from "../eko/errors.ts";
import type { Engine } from "../store/engine.ts";
import { createFlowRepository } from "../store/flow-repository.ts";
import { createRateLimiter } from "../store/rate-limiter.ts";
import { testClock, testEnv } from "../test-support/app.ts";
import { engines, setUpTestDatabases } from "../test-support/databases.ts";
import { answer } from "../test-support/eko-answers.ts";
import { createAbuseLimits } from "./abuse-limits.ts";
import { type Actor, createFlowService } from "./flow-service.ts";

/*
 * The OTP limits under bursts, through the flow service on a real store (both
 * engines) and the real limiter. Every scripted Eko call is held for a while,
 * as a slow Eko holds it, so the whole burst is in flight at once: a limit
 * checked before the call and counted after it lets all of it through.
 */

const databases = setUpTestDatabases();
const ECHO_LATENCY_MS = 60;

type Raw = Record<string, unknown>;
type Script = (name: EkoCallName, params: Record<string, unknown>) => Raw;

let refs = 0;
const otpSent = (): Raw => ({
  response_type_id: 2129,
  status: 0,
  response_status_id: 0,
  data: { otp_ref_id: `ref-${++refs}` },
});
const notEnrolled: Raw = {
  response_type_id: 308,
  status: 308,
  response_status_id: 1,
  message: "Failure!Customer Not Enrolled",
};
const validationError: Raw = {
  response_type_id: -1,
  status: 461,
  message: "Invalid params",
  invalid_params: { name: "Invalid name" },
};
const wrongOtp: Raw = {
  response_type_id: 2131,
  status: 2131,
  response_status_id: 302,
  message: "Validate OTP Failed",
  data: { attempts_remaining: 2 },
};
/** A right OTP: DigiKhata B.4 says Aadhaar KYC is next. */
const aadhaarPending: Raw = {
  response_type_id: 2136,
  status: 2136,
  response_status_id: 1,
  message: "Aadhar Validation Pending",
};
const refused = (): Raw => ({
  throw: new EkoTransportError("upstream_unavailable", "ECONNREFUSED"),
});
const timedOut = (): Raw => ({
  throw: new EkoTransportError("upstream_timeout", "no answer", { outcomeUnknown: true }),
});

async function service(engine: Engine, script: Script, vars: Record<string, string> = {}) {
  const db = await databases.open(engine);
  const clock = testClock();
  const env = testEnv(vars);
  const key = randomBytes(32);
  const calls: EkoCallName[] = [];
  const eko: EkoClient = {
    async call(name, _context, params = {}) {
      calls.push(name);
      await sleep(ECHO_LATENCY_MS);
      const raw = script(name, params);
      if ("throw" in raw) throw raw.throw;
      return { answer: answer(raw), latencyMs: ECHO_LATENCY_MS };
    },
  };
  const repo = createFlowRepository(db, { stateKey: () => key, now: clock.now });
  const limits = createAbuseLimits(createRateLimiter(db, clock.now), env.abuseLimits.otp);
  const flows = createFlowService({ repo, eko, limits, now: clock.now, env });
  const count = (name: EkoCallName) => calls.filter((call) => call === name).length;
  return { flows, count, clock };
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
const NEW_CUSTOMER = {
  name: "Asha Kumari",
  dob: "1995-08-20",
  address: { line: "12 Park Street", city: "Kolkata", state: "West Bengal", pincode: "700016" },
};
const mobileNo = (i: number) => `98${String(i).padStart(8, "0")}`;

/** Fulfilled values and rejection reasons of a burst. */
async function burst<T>(size: number, run: (i: number) => Promise<T>) {
  const results = await Promise.allSettled(Array.from({ length: size }, (_, i) => run(i)));
  return {
    ok: results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])),
    refused: results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : [])),
  };
}

describe.each(engines)("OTP limits under a burst, flow service on %s", (engine) => {
  test("20 lookups at once for one enrolled mobile: exactly 5 reach Eko, 15 are refused for the mobile", async () => {
    const s = await service(engine, () => otpSent());
    const result = await burst(20, () =>
      s.flows.start(actor(), { rail: "customer-account", mobile: "9000000001" }),
    );
    expect(s.count("customerGet")).toBe(5);
    expect(result.ok).toHaveLength(5);
    for (const reason of result.refused) {
      expect(reason).toMatchObject({
        code: "rate_limited",
        details: { scope: "customer_mobile", retryAfterSeconds: 600 },
      });
    }
    // The refused ones took nothing from the agent: 55 more sends are allowed.
    const more = await burst(60, (i) =>
      s.flows.start(actor(), { rail: "customer-account", mobile: mobileNo(i) }),
    );
    expect(more.ok).toHaveLength(55);
  });

  test("an agent with 58 OTPs sent, 15 lookups at once: exactly 2 more reach Eko", async () => {
    let enrolled = false;
    const s = await service(engine, (name) =>
      name === "customerGet" && !enrolled ? notEnrolled : otpSent(),
    );
    const fresh = await burst(58, (i) =>
      s.flows.start(actor(), { rail: "customer-account", mobile: mobileNo(i) }),
    );
    await burst(58, (i) => s.flows.onboard(actor(), fresh.ok[i]?.id ?? "", NEW_CUSTOMER));
    expect(s.count("customerOnboard")).toBe(58);
    const lookups = s.count("customerGet");
    enrolled = true;
    const result = await burst(15, (i) =>
      s.flows.start(actor(), { rail: "customer-account", mobile: mobileNo(100 + i) }),
    );
    expect(s.count("customerGet") - lookups).toBe(2);
    expect(result.ok).toHaveLength(2);
    for (const reason of result.refused) {
      expect(reason).toMatchObject({ code: "rate_limited", details: { scope: "agent" } });
    }
    // Another agent is not held back by this one.
    await s.flows.start(actor("calm"), { rail: "customer-account", mobile: mobileNo(200) });
  });

  test("20 resends at once across flows of one mobile: the mobile's limit holds exactly", async () => {
    const s = await service(engine, () => otpSent());
    const flows: FlowView[] = [];
    for (let i = 0; i < 20; i++) {
      // A new window every 5 starts: each flow gets its OTP; the resends then share one window.
      if (i % 5 === 0) s.clock.advance(600);
      flows.push(await s.flows.start(actor(), { rail: "digikhata", mobile: "9000000001" }));
    }
    s.clock.advance(600);
    const result = await burst(20, (i) => s.flows.resendOtp(actor(), flows[i]?.id ?? ""));
    expect(s.count("digikhataResendOtp")).toBe(5);
    expect(result.ok).toHaveLength(5);
    for (const reason of result.refused) {
      expect(reason).toMatchObject({ code: "rate_limited", details: { scope: "customer_mobile" } });
    }
  });

  test("20 wrong OTPs at once for one mobile: exactly 10 are checked by Eko", async () => {
    const s = await service(
      engine,
      (name) => (name === "digikhataVerifyOtp" ? wrongOtp : otpSent()),
      {
        OTP_SENDS_PER_MOBILE: "50",
      },
    );
    const flows: FlowView[] = [];
    for (let i = 0; i < 20; i++) {
      flows.push(await s.flows.start(actor(), { rail: "digikhata", mobile: "9000000001" }));
    }
    const result = await burst(20, (i) => s.flows.verifyOtp(actor(), flows[i]?.id ?? "", "111111"));
    expect(s.count("digikhataVerifyOtp")).toBe(10);
    expect(result.ok).toHaveLength(10);
    for (const view of result.ok) expect(view.step).toMatchObject({ lastAttempt: "wrong" });
    for (const reason of result.refused) {
      expect(reason).toMatchObject({ code: "rate_limited", details: { scope: "customer_mobile" } });
    }
  });

  test("right OTPs give their slots back: after 4 waves of 10 right ones, 10 wrong ones are checked", async () => {
    let right = true;
    const s = await service(
      engine,
      (name) => (name === "digikhataVerifyOtp" ? (right ? aadhaarPending : wrongOtp) : otpSent()),
      { OTP_SENDS_PER_MOBILE: "60" },
    );
    const flows: FlowView[] = [];
    for (let i = 0; i < 50; i++) {
      flows.push(await s.flows.start(actor(), { rail: "digikhata", mobile: "9000000001" }));
    }
    // A slot is held while its check is in flight, so a wave is at most the limit (10).
    for (let wave = 0; wave < 4; wave++) {
      const rights = await burst(10, (i) =>
        s.flows.verifyOtp(actor(), flows[wave * 10 + i]?.id ?? "", "123456"),
      );
      expect(rights.ok).toHaveLength(10);
    }
    right = false;
    const wrongs = await burst(10, (i) =>
      s.flows.verifyOtp(actor(), flows[40 + i]?.id ?? "", "111111"),
    );
    expect(wrongs.ok).toHaveLength(10);
    expect(s.count("digikhataVerifyOtp")).toBe(50);
  });

  test("what gives a send slot back: a new customer (308), -1, connection refused — not a timeout", async () => {
    let answerWith: () => Raw = () => notEnrolled;
    const s = await service(engine, (name) =>
      name === "customerOnboard" ? validationError : answerWith(),
    );
    const start = () => s.flows.start(actor(), { rail: "customer-account", mobile: "9000000001" });
    // Waves of 5 (the limit; a slot is held while its call is in flight), 4 of each kind.
    for (let wave = 0; wave < 4; wave++) {
      answerWith = () => notEnrolled;
      const fresh = await burst(5, start);
      expect(fresh.ok.map((view) => view.step.kind)).toEqual(Array(5).fill("onboard"));
      // Onboarding Eko refuses with -1: nothing was sent.
      const onboards = await burst(5, (i) =>
        s.flows.onboard(actor(), fresh.ok[i]?.id ?? "", NEW_CUSTOMER),
      );
      expect(onboards.refused.map((reason) => (reason as { code: string }).code)).toEqual(
        Array(5).fill("validation_failed"),
      );
      // Lookups Eko never received (connection refused): nothing was sent either.
      answerWith = refused;
      const down = await burst(5, start);
      expect(down.refused.map((reason) => (reason as { code: string }).code)).toEqual(
        Array(5).fill("upstream_unavailable"),
      );
    }
    // A timeout may have sent one: 3 timed-out lookups keep their slots, 2 remain.
    answerWith = timedOut;
    for (let i = 0; i < 3; i++) await start().catch(() => {});
    answerWith = () => otpSent();
    const result = await burst(20, start);
    expect(result.ok).toHaveLength(2);
    for (const reason of result.refused) {
      expect(reason).toMatchObject({ code: "rate_limited", details: { scope: "customer_mobile" } });
    }
  });

  test("the limits are configuration: OTP_SENDS_PER_MOBILE=2 refuses the 3rd of a burst", async () => {
    const s = await service(engine, () => otpSent(), { OTP_SENDS_PER_MOBILE: "2" });
    const result = await burst(20, () =>
      s.flows.start(actor(), { rail: "levin", mobile: "9000000001" }),
    );
    expect(s.count("levinGet")).toBe(2);
    expect(result.ok).toHaveLength(2);
  });
});
