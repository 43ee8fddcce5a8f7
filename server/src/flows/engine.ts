import { randomBytes, randomUUID } from "node:crypto";
import { maskAadhaar } from "../contract/aadhaar.ts";
import type { FlowView, Step, StepKind } from "../contract/flow-view.ts";
import { maskMobile } from "../contract/mobile.ts";
import type { Onboarding } from "../contract/onboarding.ts";
import type { Rail } from "../contract/rails.ts";
import type { EkoClient, EkoResult } from "../eko/client.ts";
import type { EkoAnswer } from "../eko/envelope.ts";
import { EkoTransportError } from "../eko/errors.ts";
import type { Env } from "../env.ts";
import { ApiProblem } from "../http/problem.ts";
import type { AgentContext } from "../middleware/agent-context.ts";
import type { AuditEntry, ConsentEntry, FlowRepository } from "../store/flow-repository.ts";
import { AADHAAR_CONSENT_VERSION } from "./consent.ts";
import type { FlowRecord, FlowSecrets } from "./flow-record.ts";
import { type Io, type Operation, type RailAdapter, railAdapters } from "./rail-adapters.ts";
import type { MapContext, Transition } from "./transition.ts";

export type Actor = { agent: AgentContext; requestId: string };
export type AuditAction =
  | "flow.start"
  | "flow.onboard"
  | "otp.verify"
  | "otp.resend"
  | "aadhaar.submit"
  | "pan.submit"
  | "flow.recheck";
type UnknownAction = Extract<Step, { kind: "status_unknown" }>["action"];
type Bound = { call: () => Promise<EkoResult>; map: (answer: EkoAnswer, ctx: MapContext) => Transition };

type Attempt = {
  action: AuditAction;
  /** Throws unless the flow's current state allows this action. */
  guard: (record: FlowRecord, now: Date) => void;
  operation: (adapter: RailAdapter, record: FlowRecord, io: Io) => Bound;
  /** Writes only: the action a timeout leaves in doubt (→ status_unknown). Null for reads. */
  unknownAs: UnknownAction | null;
  secrets?: (secrets: FlowSecrets) => FlowSecrets;
  consent?: (record: FlowRecord) => ConsentEntry;
};

export type FlowEngineDeps = {
  repo: FlowRepository;
  eko: EkoClient;
  env: Pick<Env, "otpPolicy" | "eko">;
  now: () => Date;
};

/** Short name of where a step leaves the flow, for audit_events.outcome. */
export function outcomeOf(step: Step): string {
  switch (step.kind) {
    case "otp":
      return step.lastAttempt ? `otp_${step.lastAttempt}` : "otp_sent";
    case "locked":
      return "otp_locked";
    case "aadhaar":
      return step.rejected ? "aadhaar_rejected" : "aadhaar_required";
    case "pan":
      return step.rejected ? "pan_rejected" : "pan_required";
    case "next_step":
    case "failed":
      return step.reason;
    case "onboard":
      return "onboard_required";
    default:
      return step.kind;
  }
}

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
      throw new ApiProblem("step_not_allowed", `Not possible while the flow is at "${record.step.kind}"`);
    }
  };
}

function bind<I>(operation: Operation<I> | undefined, io: Io, input: I, rail: Rail): Bound {
  if (!operation) throw new ApiProblem("step_not_allowed", `Not available on the ${rail} rail`);
  return { call: () => operation.call(io, input), map: operation.map };
}

function secondsUntil(time: string, now: Date): number {
  return Math.ceil((new Date(time).getTime() - now.getTime()) / 1000);
}

/** A write in doubt keeps nothing that belongs to a pending OTP: the re-check starts afresh. */
function resting({ otpRefId: _ref, otpIntent: _intent, aadhaar: _aadhaar, ...rest }: FlowSecrets) {
  return rest;
}

export function createFlowEngine(deps: FlowEngineDeps) {
  const { repo } = deps;
  // Long enough for a retried GET plus the DigiKhata 300 re-query, each bounded by the Eko timeout.
  const lockTtlMs = deps.env.eko.timeoutMs * 4 + 5_000;

  async function run(
    actor: Actor,
    record: FlowRecord,
    attempt: Attempt,
    persist: (next: FlowRecord, audits: AuditEntry[], consent?: ConsentEntry) => Promise<FlowRecord>,
  ): Promise<FlowRecord> {
    const adapter = railAdapters[record.rail];
    const base = { ...record, secrets: attempt.secrets?.(record.secrets) ?? record.secrets };
    const io: Io = {
      eko: deps.eko,
      context: { customerId: record.mobile, userCode: actor.agent.ekoUserCode, requestId: actor.requestId },
    };
    let bound = attempt.operation(adapter, base, io);
    let unknownAs = attempt.unknownAs;
    const consent = attempt.consent?.(record);
    const audits: AuditEntry[] = [];
    const audit = (outcome: string, result?: EkoResult) =>
      audits.push({
        agentId: actor.agent.id,
        action: attempt.action,
        outcome,
        requestId: actor.requestId,
        rail: record.rail,
        flowId: record.id,
        mobileMasked: maskMobile(record.mobile),
        ekoResponseTypeId: result?.answer.responseTypeId ?? null,
        latencyMs: result?.latencyMs ?? null,
      });
    const fail = async (problem: ApiProblem): Promise<never> => {
      await repo.record(audits, consent);
      throw problem;
    };
    const next = (step: Step, secrets: FlowSecrets) => persist({ ...base, step, secrets }, audits, consent);

    for (let hop = 0; hop < 2; hop++) {
      let result: EkoResult;
      try {
        result = await bound.call();
      } catch (error) {
        if (!(error instanceof EkoTransportError)) throw error;
        if (unknownAs && error.outcomeUnknown) {
          audit("status_unknown");
          return next({ kind: "status_unknown", action: unknownAs }, resting(base.secrets));
        }
        audit(error.code);
        return fail(new ApiProblem(error.code, error.message));
      }
      const ctx: MapContext = {
        now: deps.now(),
        policy: deps.env.otpPolicy,
        mobile: record.mobile,
        step: base.step,
        secrets: base.secrets,
      };
      const transition = bound.map(result.answer, ctx);
      if (transition.kind === "requery" && hop === 0) {
        // DigiKhata 300: the wallet exists, so Get Sender (a read) sends the OTP. If that read
        // times out, the onboarding is done but no OTP state is known: a re-check settles it.
        audit("wallet_exists", result);
        bound = bind(adapter.lookup(), io, undefined, record.rail);
        unknownAs = "onboard";
        continue;
      }
      if (transition.kind === "problem") {
        audit(transition.problem.code, result);
        return fail(transition.problem);
      }
      if (transition.kind === "requery") break;
      audit(outcomeOf(transition.step), result);
      return next(transition.step, transition.secrets);
    }
    return fail(new ApiProblem("upstream_unknown_state", "Eko keeps saying the wallet exists"));
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
      const saved = await run(actor, record, attempt, (next, audits, consent) =>
        repo.save(next, { audits, ...(consent ? { consent } : {}) }),
      );
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
      };
      const record = await run(actor, draft, attempt, async (next, audits) => {
        await repo.create(next, audits);
        return next;
      });
      return toView(record);
    },

    async get(agent: AgentContext, flowId: string): Promise<FlowRecord> {
      const record = await repo.get(flowId, agent);
      if (!record) throw new ApiProblem("not_found", "No such flow");
      return record;
    },

    onboard(actor: Actor, flowId: string, input: Onboarding) {
      const { line, city, state, pincode } = input.address;
      const body = { name: input.name, dob: input.dob, residenceAddress: [line, city, state, pincode] };
      return step(actor, flowId, {
        action: "flow.onboard",
        guard: onStep("onboard"),
        operation: (adapter, record, io) => bind(adapter.onboard(), io, body, record.rail),
        unknownAs: "onboard",
      });
    },

    verifyOtp(actor: Actor, flowId: string, otp: string) {
      return step(actor, flowId, {
        action: "otp.verify",
        guard: onStep("otp"),
        operation: (adapter, record, io) => bind(adapter.verify(record), io, otp, record.rail),
        unknownAs: "verify_otp",
      });
    },

    resendOtp(actor: Actor, flowId: string) {
      return step(actor, flowId, {
        action: "otp.resend",
        guard: (record, now) => {
          const current = record.step;
          const until =
            current.kind === "otp" ? current.resendAvailableAt : current.kind === "locked" ? current.until : null;
          if (until === null) return onStep("otp", "locked")(record);
          const wait = secondsUntil(until, now);
          if (wait > 0) {
            const code = current.kind === "locked" ? "otp_locked" : "rate_limited";
            throw new ApiProblem(code, `A new OTP can be sent in ${wait} s`, { retryAfterSeconds: wait });
          }
        },
        operation: (adapter, record, io) => bind(adapter.resend(record), io, undefined, record.rail),
        unknownAs: "send_otp",
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
            throw new ApiProblem("validation_failed", "The consent text shown is not the current one", {
              fields: { "consent.version": "consent_outdated" },
            });
          }
        },
        operation: (adapter, record, io) => bind(adapter.aadhaar?.(record), io, input.aadhaar, record.rail),
        unknownAs: "aadhaar",
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
        guard: onStep("status_unknown", "failed"),
        operation: (adapter, record, io) => bind(adapter.lookup(), io, undefined, record.rail),
        unknownAs: null,
      });
    },
  };
}
export type FlowEngine = ReturnType<typeof createFlowEngine>;
