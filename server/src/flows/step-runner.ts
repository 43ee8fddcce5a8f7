import type { Step } from "../contract/flow-view.ts";
import { maskMobile } from "../contract/mobile.ts";
import type { Rail } from "../contract/rails.ts";
import type { EkoClient, EkoResult } from "../eko/client.ts";
import type { EkoAnswer } from "../eko/envelope.ts";
import { EkoTransportError } from "../eko/errors.ts";
import type { Env } from "../env.ts";
import { ApiProblem } from "../http/problem.ts";
import { countFlowOutcome } from "../metrics/scope.ts";
import type { AgentContext } from "../middleware/agent-context.ts";
import type { AuditEntry, ConsentEntry, FlowRepository } from "../store/flow-repository.ts";
import type { FlowRecord, FlowSecrets } from "./flow-record.ts";
import { type Io, type Operation, type RailAdapter, railAdapters } from "./rail-adapters.ts";
import type { MapContext, Transition } from "./transition.ts";

/*
 * One console action against Eko: make the call, map the answer with the
 * rail's pure function, write the new state and its audit rows together.
 * A write whose outcome is in doubt (timeout, reset after sending) leaves the
 * flow in `status_unknown`; nothing is retried.
 */

export type Actor = { agent: AgentContext; requestId: string };
export type AuditAction =
  | "flow.start"
  | "flow.onboard"
  | "otp.verify"
  | "otp.resend"
  | "aadhaar.submit"
  | "pan.submit"
  | "flow.recheck";
export type UnknownAction = Extract<Step, { kind: "status_unknown" }>["action"];
export type Bound = {
  call: () => Promise<EkoResult>;
  map: (answer: EkoAnswer, ctx: MapContext) => Transition;
};

export type Attempt = {
  action: AuditAction;
  /** Throws unless the flow's current state allows this action. */
  guard: (record: FlowRecord, now: Date) => void;
  operation: (adapter: RailAdapter, record: FlowRecord, io: Io) => Bound;
  /** Writes only: the action a timeout leaves in doubt (→ status_unknown). Null for reads. */
  unknownAs: UnknownAction | null;
  secrets?: (secrets: FlowSecrets) => FlowSecrets;
  consent?: (record: FlowRecord) => ConsentEntry;
  /** Which abuse limit applies: the call makes Eko send an OTP, or checks one. */
  limits?: "send" | "lookup" | "verify";
  /** The flow row does not exist yet (POST /flows): a failure's audit row names no flow. */
  unsaved?: boolean;
};

export type RunnerDeps = {
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

export function bind<I>(operation: Operation<I> | undefined, io: Io, input: I, rail: Rail): Bound {
  if (!operation) throw new ApiProblem("step_not_allowed", `Not available on the ${rail} rail`);
  return { call: () => operation.call(io, input), map: operation.map };
}

/** A write in doubt keeps nothing that belongs to a pending OTP: the re-check starts afresh. */
function resting({ otpRefId: _ref, otpIntent: _intent, aadhaar: _aadhaar, ...rest }: FlowSecrets) {
  return rest;
}

export type Persist = (
  next: FlowRecord,
  audits: AuditEntry[],
  consent?: ConsentEntry,
) => Promise<FlowRecord>;

export async function runAttempt(
  deps: RunnerDeps,
  actor: Actor,
  record: FlowRecord,
  attempt: Attempt,
  persist: Persist,
): Promise<FlowRecord> {
  const { repo } = deps;
  const adapter = railAdapters[record.rail];
  const base = { ...record, secrets: attempt.secrets?.(record.secrets) ?? record.secrets };
  const io: Io = {
    eko: deps.eko,
    context: {
      customerId: record.mobile,
      userCode: actor.agent.ekoUserCode,
      requestId: actor.requestId,
    },
  };
  let bound = attempt.operation(adapter, base, io);
  let unknownAs = attempt.unknownAs;
  const consent = attempt.consent?.(record);
  const audits: AuditEntry[] = [];
  const audit = (outcome: string, result?: EkoResult, detail?: string) => {
    countFlowOutcome(record.rail, attempt.action, outcome);
    audits.push({
      agentId: actor.agent.id,
      action: attempt.action,
      outcome,
      requestId: actor.requestId,
      rail: record.rail,
      flowId: attempt.unsaved ? null : record.id,
      mobileMasked: maskMobile(record.mobile),
      customerMobile: record.mobile,
      ekoResponseTypeId: result?.answer.responseTypeId ?? null,
      latencyMs: result?.latencyMs ?? null,
      detail: detail ?? null,
    });
  };
  const fail = async (problem: ApiProblem): Promise<never> => {
    await repo.record(audits, consent);
    throw problem;
  };
  const next = (step: Step, secrets: FlowSecrets) => {
    // A saved flow's audit rows always name it, the first one included.
    for (const entry of audits) entry.flowId = record.id;
    return persist({ ...base, step, secrets }, audits, consent);
  };

  for (let hop = 0; hop < 2; hop++) {
    let result: EkoResult;
    try {
      result = await bound.call();
    } catch (error) {
      if (!(error instanceof EkoTransportError)) throw error;
      if (unknownAs && error.outcomeUnknown) {
        audit("status_unknown", undefined, error.code);
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
