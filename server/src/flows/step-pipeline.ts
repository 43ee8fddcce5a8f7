import { randomBytes, randomUUID } from "node:crypto";
import type { FlowView, Step } from "../contract/flow-view.ts";
import { maskMobile } from "../contract/mobile.ts";
import type { Rail } from "../contract/rails.ts";
import type { EkoClient, EkoResult } from "../eko/client.ts";
import { EkoTransportError } from "../eko/errors.ts";
import type { Env } from "../env.ts";
import { ApiProblem } from "../http/problem.ts";
import { countFlowOutcome } from "../metrics/scope.ts";
import type { AgentContext } from "../middleware/agent-context.ts";
import { FlowConflictError } from "../store/errors.ts";
import type { AuditEntry, ConsentEntry, FlowRepository } from "../store/flow-repository.ts";
import type { AbuseLimits, StepLimits } from "./abuse-limits.ts";
import type { FlowRecord, FlowSecrets, UnknownAction } from "./flow-record.ts";
import { abandonedWrite, intentRecordingEko, withoutPendingOtp } from "./in-flight.ts";
import type { RailModule, StepCall } from "./rail-module.ts";
import { railModules } from "./rail-registry.ts";
import type { MapContext } from "./transition.ts";

/*
 * How every console step runs, whatever the rail and the step:
 *   1 lock → 2 guard → 3 limits → 4 Eko call → 5 map → 6 save (state, sealed
 *   secrets, audit and consent rows in one transaction) → 7 count the outcome.
 * A step is a `StepDefinition` (one per flow-service.ts method); which Eko
 * call it makes and how the answer maps comes from the rail module. A write
 * whose outcome is in doubt (timeout, reset after sending) leaves the flow in
 * `status_unknown`; nothing is retried. Every write is recorded as in flight
 * before it is sent (in-flight.ts), so a crash mid-call ends in status_unknown too.
 */

export type Actor = { agent: AgentContext; requestId: string };
export type AuditAction =
  | "flow.start"
  | "flow.onboard"
  | "otp.verify"
  | "otp.resend"
  | "consent.languages"
  | "consent.language"
  | "consent.accept"
  | "aadhaar.submit"
  | "pan.submit"
  | "flow.recheck";
export type { UnknownAction } from "./flow-record.ts";

/** A step the console settles without asking Eko (a consent confirmed, an Aadhaar re-asked). */
export type LocalStep = { local: Step; secrets: FlowSecrets; outcome: string };

/** What one console step does, as data the pipeline runs. */
export type StepDefinition = {
  action: AuditAction;
  /** Throws unless the flow's current state allows this step. */
  guard: (record: FlowRecord, now: Date) => void;
  /** The Eko call with its input bound, or where the console goes on its own. */
  plan: (rail: RailModule, record: FlowRecord) => StepCall<void> | LocalStep;
  /** Which abuse limit an Eko call of this step is under (flows/abuse-limits.ts). */
  limits: StepLimits;
  /** Writes only: the action a timeout leaves in doubt (→ status_unknown). Null for reads. */
  unknownAs: UnknownAction | null;
  /** Sealed-secret changes that go with the call (kept whatever Eko answers). */
  secrets?: (record: FlowRecord) => FlowSecrets;
  /** The consent record written with this step, whether or not Eko accepts it. */
  consent?: (record: FlowRecord) => ConsentEntry | null;
};

export type StepPipelineDeps = {
  repo: FlowRepository;
  eko: EkoClient;
  limits: AbuseLimits;
  now: () => Date;
  env: Pick<Env, "otpPolicy" | "eko">;
  rails?: Record<Rail, RailModule>;
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

/** Short name of where a step leaves the flow, for audit_events.outcome. */
export function outcomeOf(step: Step): string {
  switch (step.kind) {
    case "otp":
      return step.lastAttempt ? `otp_${step.lastAttempt}` : "otp_sent";
    case "locked":
      return "otp_locked";
    case "consent":
      return step.text ? "consent_shown" : "consent_required";
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

/** The outcome of the Eko exchange: a new step to save, or a refusal that changes nothing. */
type Settled =
  | { kind: "step"; step: Step; secrets: FlowSecrets }
  /** `nothingDone`: the refusal proves Eko acted on nothing (abuse limits give their slots back). */
  | { kind: "refused"; problem: ApiProblem; nothingDone: boolean };

export function createStepPipeline(deps: StepPipelineDeps) {
  const { repo, limits } = deps;
  const rails = deps.rails ?? railModules;
  // Long enough for a retried GET plus one follow-up call, each bounded by the Eko timeout.
  const lockTtlMs = deps.env.eko.timeoutMs * 4 + 5_000;

  /** Eko call → map, with the rail's follow-up call if its answer asks for one. */
  async function exchange(
    actor: Actor,
    record: FlowRecord,
    def: StepDefinition,
    first: StepCall<void>,
    audit: (outcome: string, result?: EkoResult, detail?: string) => void,
    writes: { lockOwner: string | null; attempted: (detail: string) => AuditEntry },
  ): Promise<Settled> {
    const rail = rails[record.rail];
    let step = first;
    let unknownAs = def.unknownAs;
    // 4. Each write is recorded as in flight (with an "attempted" audit row) before it leaves.
    const eko = intentRecordingEko(
      deps.eko,
      {
        repo,
        record: () => record,
        lockOwner: writes.lockOwner,
        now: deps.now,
        attempted: writes.attempted,
        action: def.action,
        agentId: actor.agent.id,
      },
      () => unknownAs,
    );
    const io = {
      eko,
      context: {
        customerId: record.mobile,
        userCode: actor.agent.ekoUserCode,
        requestId: actor.requestId,
      },
      secrets: record.secrets,
    };
    let fallback: Step | null = null;
    let mapped: Step = record.step;
    for (let hop = 0; hop < 2; hop++) {
      let result: EkoResult;
      try {
        result = await step.call({ ...io, secrets: record.secrets });
      } catch (error) {
        if (!(error instanceof EkoTransportError)) throw error;
        if (unknownAs && error.outcomeUnknown) {
          audit("status_unknown", undefined, error.code);
          return {
            kind: "step",
            step: { kind: "status_unknown", action: unknownAs },
            secrets: withoutPendingOtp(record.secrets),
          };
        }
        audit(error.code);
        if (fallback) return { kind: "step", step: fallback, secrets: record.secrets };
        return {
          kind: "refused",
          problem: new ApiProblem(error.code, error.message),
          nothingDone: hop === 0 && !error.outcomeUnknown,
        };
      }
      const ctx: MapContext = {
        now: deps.now(),
        policy: deps.env.otpPolicy,
        mobile: record.mobile,
        step: mapped,
        secrets: record.secrets,
      };
      const transition = step.map(result.answer, ctx);
      const next = hop === 0 ? rail.followUp?.(transition) : null;
      if (next) {
        audit(next.outcome, result);
        if (transition.kind === "step") {
          mapped = transition.step;
          record = { ...record, secrets: transition.secrets };
        }
        step = next.step;
        unknownAs = next.unknownAs;
        fallback = next.fallback;
        continue;
      }
      if (transition.kind === "problem") {
        audit(transition.problem.code, result);
        if (fallback) return { kind: "step", step: fallback, secrets: record.secrets };
        return {
          kind: "refused",
          problem: transition.problem,
          // -1: Eko refused the input, so it sent and checked nothing (eko-api.md §6.4).
          nothingDone: hop === 0 && transition.problem.code === "validation_failed",
        };
      }
      if (transition.kind === "requery") break;
      audit(outcomeOf(transition.step), result);
      return { kind: "step", step: transition.step, secrets: transition.secrets };
    }
    return {
      kind: "refused",
      problem: new ApiProblem("upstream_unknown_state", "Eko keeps saying the wallet exists"),
      nothingDone: false,
    };
  }

  /**
   * The pipeline for a flow that exists (`draft` for POST /flows, which has no
   * row, no lock and no version yet).
   */
  async function runStep(
    actor: Actor,
    flowId: string | null,
    def: StepDefinition,
    draft?: FlowRecord,
  ): Promise<FlowView> {
    // 1. Lock (and re-read under it: the state may have moved while we waited).
    const owner = randomUUID();
    if (flowId) {
      if (!(await repo.get(flowId, actor.agent))) throw new ApiProblem("not_found", "No such flow");
      if (!(await repo.lock(flowId, owner, lockTtlMs))) {
        throw new ApiProblem("flow_busy", "Another request is already working on this flow");
      }
    }
    try {
      let current = flowId ? await repo.get(flowId, actor.agent) : (draft ?? null);
      if (!current) throw new ApiProblem("not_found", "No such flow");
      // 1b. A write sent under an earlier lock and never answered (crash, expired lock):
      // the flow is in doubt about it, whatever step it still shows.
      const abandoned = abandonedWrite(current, actor.requestId);
      if (abandoned) {
        const resolved = await repo.resolveInFlight(current, abandoned, owner);
        if (!resolved) throw new FlowConflictError(current.id);
        countFlowOutcome(current.rail, abandoned.audit.action, "status_unknown");
        current = resolved;
      }
      // 2. Guard: the flow's state allows this step with this input.
      def.guard(current, deps.now());
      const rail = rails[current.rail];
      const plan = def.plan(rail, current);
      const record = { ...current, secrets: def.secrets?.(current) ?? current.secrets };
      const subject = { mobile: record.mobile, agentId: actor.agent.id };
      const consent = def.consent?.(record) ?? undefined;
      const audits: AuditEntry[] = [];
      const entry = (outcome: string, result?: EkoResult, detail?: string): AuditEntry => ({
        agentId: actor.agent.id,
        action: def.action,
        outcome,
        requestId: actor.requestId,
        rail: record.rail,
        flowId: draft ? null : record.id,
        mobileMasked: maskMobile(record.mobile),
        customerMobile: record.mobile,
        ekoResponseTypeId: result?.answer.responseTypeId ?? null,
        latencyMs: result?.latencyMs ?? null,
        detail: detail ?? null,
      });
      const audit = (outcome: string, result?: EkoResult, detail?: string) => {
        countFlowOutcome(record.rail, def.action, outcome);
        audits.push(entry(outcome, result, detail));
      };
      const writes = {
        lockOwner: flowId ? owner : null,
        attempted: (detail: string) => entry("attempted", undefined, detail),
      };

      let settled: Settled;
      // 3. Limits: the slots are taken before Eko is asked to send or check an OTP (429 rate_limited).
      const reservation = await limits.reserve("local" in plan ? "none" : def.limits, subject);
      if ("local" in plan) {
        audit(plan.outcome);
        settled = { kind: "step", step: plan.local, secrets: plan.secrets };
      } else {
        // 4–5. The Eko call and the mapping of its answer.
        settled = await exchange(actor, record, def, plan, audit, writes);
      }

      // 6. Save: the new state with its audit rows (and consent record) in one transaction.
      if (settled.kind === "refused") {
        // Nothing changed at Eko: no write is left in flight.
        if (flowId) await repo.settleRefused(flowId, owner, audits, consent);
        else await repo.record(audits, consent);
        await reservation.settle({ refused: true, nothingDone: settled.nothingDone });
        throw settled.problem;
      }
      // A saved flow's audit rows always name it, the first one included.
      for (const entry of audits) entry.flowId = record.id;
      const next = { ...record, step: settled.step, secrets: settled.secrets };
      let saved: FlowRecord;
      if (draft) {
        await repo.create(next, audits);
        saved = next;
      } else {
        try {
          saved = await repo.save(next, { audits, ...(consent ? { consent } : {}) });
        } catch (error) {
          // Only if our lock expired mid-call: the Eko call still happened, so its audit rows stay.
          if (error instanceof FlowConflictError) await repo.record(audits, consent);
          throw error;
        }
      }

      // 7. Settle the limits: give back the slots the saved step proves unused (a lookup
      //    that sent no OTP, a right OTP); anything else (an error thrown above) keeps them.
      await reservation.settle({ saved: saved.step });
      return toView(saved);
    } finally {
      if (flowId) await repo.unlock(flowId, owner);
    }
  }

  return { runStep, rails };
}
