import { randomBytes, randomUUID } from "node:crypto";
import { maskAadhaar } from "../contract/aadhaar.ts";
import type { FlowView, StepKind } from "../contract/flow-view.ts";
import { maskMobile } from "../contract/mobile.ts";
import type { Onboarding } from "../contract/onboarding.ts";
import type { Rail } from "../contract/rails.ts";
import { ApiProblem } from "../http/problem.ts";
import {
  checkOtpSendAllowed,
  checkOtpVerifyAllowed,
  countOtpSend,
  limitOtpSend,
  recordOtpVerifyFailure,
} from "../http/rate-limits.ts";
import type { AgentContext } from "../middleware/agent-context.ts";
import type { RateLimiter } from "../store/rate-limiter.ts";
import { AADHAAR_CONSENT_VERSION } from "./consent.ts";
import type { FlowRecord } from "./flow-record.ts";
import { type Actor, type Attempt, bind, type RunnerDeps, runAttempt } from "./step-runner.ts";

export type { Actor } from "./step-runner.ts";

export type FlowEngineDeps = RunnerDeps & {
  /** OTP send / wrong-OTP limits shared by every instance (http/rate-limits.ts). */
  limiter?: RateLimiter;
};

export function toView(record: FlowRecord): FlowView {
  return {
    id: record.id,
    rail: record.rail,
    mobileMasked: maskMobile(record.mobile),
    step: record.step,
    updatedAt: record.updatedAt,
  };
}

/** Opaque, unguessable: 16 random bytes, base64url (22 chars). */
export function newFlowId(): string {
  return randomBytes(16).toString("base64url");
}

function onStep(...kinds: StepKind[]) {
  return (record: FlowRecord) => {
    if (!kinds.includes(record.step.kind)) {
      throw new ApiProblem(
        "step_not_allowed",
        `Not possible while the flow is at "${record.step.kind}"`,
      );
    }
  };
}

function secondsUntil(time: string, now: Date): number {
  return Math.ceil((new Date(time).getTime() - now.getTime()) / 1000);
}

export function createFlowEngine(deps: FlowEngineDeps) {
  const { repo } = deps;
  // Long enough for a retried GET plus the DigiKhata 300 re-query, each bounded by the Eko timeout.
  const lockTtlMs = deps.env.eko.timeoutMs * 4 + 5_000;

  /** Abuse limits before Eko is asked to send or check an OTP (429 rate_limited). */
  async function checkLimits(attempt: Attempt, record: FlowRecord, actor: Actor): Promise<void> {
    if (!deps.limiter) return;
    if (attempt.limits === "send") {
      await limitOtpSend(deps.limiter, { mobile: record.mobile, agentId: actor.agent.id });
    } else if (attempt.limits === "lookup") {
      await checkOtpSendAllowed(deps.limiter, { mobile: record.mobile, agentId: actor.agent.id });
    } else if (attempt.limits === "verify") {
      await checkOtpVerifyAllowed(deps.limiter, { mobile: record.mobile });
    }
  }

  /** After the call: a lookup's OTP (or a timed-out one that may have gone out), wrong OTPs. */
  async function countOutcome(attempt: Attempt, saved: FlowRecord, actor: Actor): Promise<void> {
    const otpMaybeSent = saved.step.kind === "otp" || saved.step.kind === "status_unknown";
    if (deps.limiter && attempt.limits === "lookup" && otpMaybeSent) {
      await countOtpSend(deps.limiter, { mobile: saved.mobile, agentId: actor.agent.id });
    }
    const wrong =
      (saved.step.kind === "otp" && saved.step.lastAttempt === "wrong") ||
      saved.step.kind === "locked";
    if (deps.limiter && attempt.limits === "verify" && wrong) {
      await recordOtpVerifyFailure(deps.limiter, { mobile: saved.mobile });
    }
  }

  async function step(actor: Actor, flowId: string, attempt: Attempt): Promise<FlowView> {
    if (!(await repo.get(flowId, actor.agent))) throw new ApiProblem("not_found", "No such flow");
    const owner = randomUUID();
    if (!(await repo.lock(flowId, owner, lockTtlMs))) {
      throw new ApiProblem("flow_busy", "Another request is already working on this flow");
    }
    try {
      // Re-read under the lock: the state may have moved while we waited.
      const record = await repo.get(flowId, actor.agent);
      if (!record) throw new ApiProblem("not_found", "No such flow");
      attempt.guard(record, deps.now());
      await checkLimits(attempt, record, actor);
      const saved = await runAttempt(
        deps,
        actor,
        record,
        attempt,
        async (next, audits, consent) => {
          try {
            return await repo.save(next, { audits, ...(consent ? { consent } : {}) });
          } catch (error) {
            // Only if our lock expired mid-call: the Eko call still happened, so its audit rows stay.
            if (error instanceof ApiProblem && error.code === "conflict")
              await repo.record(audits, consent);
            throw error;
          }
        },
      );
      await countOutcome(attempt, saved, actor);
      return toView(saved);
    } finally {
      await repo.unlock(flowId, owner);
    }
  }

  return {
    /** POST /flows: Get Customer / Sender (A.1 / B.1 / C.1), which sends the OTP if enrolled. */
    async start(actor: Actor, input: { rail: Rail; mobile: string }): Promise<FlowView> {
      const at = deps.now().toISOString();
      const draft: FlowRecord = {
        id: newFlowId(),
        agentId: actor.agent.id,
        rail: input.rail,
        mobile: input.mobile,
        step: { kind: "onboard" },
        secrets: {},
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      const attempt: Attempt = {
        action: "flow.start",
        guard: () => {},
        operation: (adapter, record, io) => bind(adapter.lookup(), io, undefined, record.rail),
        unknownAs: null,
        limits: "lookup",
        unsaved: true,
      };
      await checkLimits(attempt, draft, actor);
      const record = await runAttempt(deps, actor, draft, attempt, async (next, audits) => {
        await repo.create(next, audits);
        return next;
      });
      await countOutcome(attempt, record, actor);
      return toView(record);
    },

    async get(agent: AgentContext, flowId: string): Promise<FlowRecord> {
      const record = await repo.get(flowId, agent);
      if (!record) throw new ApiProblem("not_found", "No such flow");
      return record;
    },

    onboard(actor: Actor, flowId: string, input: Onboarding) {
      const { line, city, state, pincode } = input.address;
      const body = {
        name: input.name,
        dob: input.dob,
        residenceAddress: [line, city, state, pincode],
      };
      return step(actor, flowId, {
        action: "flow.onboard",
        guard: onStep("onboard"),
        operation: (adapter, record, io) => bind(adapter.onboard(), io, body, record.rail),
        unknownAs: "onboard",
        limits: "send",
      });
    },

    verifyOtp(actor: Actor, flowId: string, otp: string) {
      return step(actor, flowId, {
        action: "otp.verify",
        guard: onStep("otp"),
        operation: (adapter, record, io) => bind(adapter.verify(record), io, otp, record.rail),
        unknownAs: "verify_otp",
        limits: "verify",
      });
    },

    resendOtp(actor: Actor, flowId: string) {
      return step(actor, flowId, {
        action: "otp.resend",
        guard: (record, now) => {
          const current = record.step;
          const until =
            current.kind === "otp"
              ? current.resendAvailableAt
              : current.kind === "locked"
                ? current.until
                : null;
          if (until === null) return onStep("otp", "locked")(record);
          const wait = secondsUntil(until, now);
          if (wait > 0) {
            const code = current.kind === "locked" ? "otp_locked" : "rate_limited";
            throw new ApiProblem(code, `A new OTP can be sent in ${wait} s`, {
              retryAfterSeconds: wait,
            });
          }
        },
        operation: (adapter, record, io) =>
          bind(adapter.resend(record), io, undefined, record.rail),
        unknownAs: "send_otp",
        limits: "send",
      });
    },

    submitAadhaar(
      actor: Actor,
      flowId: string,
      input: { aadhaar: string; consent: { language: string; version: string } },
    ) {
      return step(actor, flowId, {
        action: "aadhaar.submit",
        guard: (record) => {
          onStep("aadhaar")(record);
          if (input.consent.version !== AADHAAR_CONSENT_VERSION) {
            throw new ApiProblem(
              "validation_failed",
              "The consent text shown is not the current one",
              {
                fields: { "consent.version": "consent_outdated" },
              },
            );
          }
        },
        operation: (adapter, record, io) =>
          bind(adapter.aadhaar?.(record), io, input.aadhaar, record.rail),
        unknownAs: "aadhaar",
        limits: "send",
        secrets: (secrets) => ({ ...secrets, aadhaar: input.aadhaar }),
        consent: (record) => ({
          agentId: actor.agent.id,
          flowId: record.id,
          language: input.consent.language,
          aadhaarMasked: maskAadhaar(input.aadhaar),
          textVersion: input.consent.version,
        }),
      });
    },

    submitPan(actor: Actor, flowId: string, pan: string) {
      return step(actor, flowId, {
        action: "pan.submit",
        guard: onStep("pan"),
        operation: (adapter, record, io) => bind(adapter.pan?.(record), io, pan, record.rail),
        unknownAs: "pan",
      });
    },

    /**
     * After a write in doubt (or an unmapped answer): a read re-establishes the
     * state. Note Get Customer / Sender makes Eko send the customer a new OTP.
     */
    recheck(actor: Actor, flowId: string) {
      return step(actor, flowId, {
        action: "flow.recheck",
        // wallet_renew (Levin 463): the read sends a new mobile OTP, whose C.4 renews the wallet token.
        guard: onStep("status_unknown", "failed", "wallet_renew"),
        operation: (adapter, record, io) => bind(adapter.lookup(), io, undefined, record.rail),
        unknownAs: null,
        limits: "lookup",
      });
    },
  };
}
export type FlowEngine = ReturnType<typeof createFlowEngine>;
