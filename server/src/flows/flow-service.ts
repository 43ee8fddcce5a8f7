import { randomUUID } from "node:crypto";
import { maskAadhaar } from "../contract/aadhaar.ts";
import type { FlowView, StepKind } from "../contract/flow-view.ts";
import type { Onboarding } from "../contract/onboarding.ts";
import type { OpenFlows } from "../contract/open-flows.ts";
import type { Rail } from "../contract/rails.ts";
import { ApiProblem } from "../http/problem.ts";
import type { AgentContext } from "../middleware/agent-context.ts";
import { AADHAAR_CONSENT_VERSION } from "./consent.ts";
import type { FlowRecord } from "./flow-record.ts";
import { settleIfAbandoned } from "./in-flight.ts";
import { listOpenFlows, refuseIfMobileLocked } from "./open-flows.ts";
import type { StepCall } from "./rail-module.ts";
import {
  type Actor,
  createStepPipeline,
  newFlowId,
  outcomeOf,
  type StepDefinition,
  type StepPipelineDeps,
} from "./step-pipeline.ts";

/*
 * The flow service: one method per console step. Each builds the step's
 * definition — guard, the rail's Eko call, limits, what a timeout leaves in
 * doubt — and hands it to the one pipeline (step-pipeline.ts). Built once in
 * createApp; the routes only validate and call it.
 */

export type { Actor } from "./step-pipeline.ts";
export { outcomeOf, toView } from "./step-pipeline.ts";
export type FlowServiceDeps = StepPipelineDeps;

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

function fieldProblem(field: string, reason: string, message: string): ApiProblem {
  return new ApiProblem("validation_failed", message, { fields: { [field]: reason } });
}

function secondsUntil(time: string, now: Date): number {
  return Math.ceil((new Date(time).getTime() - now.getTime()) / 1000);
}

/** The call a rail offers for a step, or a 409 if this rail has no such step. */
function offered<T>(call: T | undefined, rail: Rail): T {
  if (!call) throw new ApiProblem("step_not_allowed", `Not available on the ${rail} rail`);
  return call;
}

function bind<I>(step: StepCall<I>, input: I): StepCall<void> {
  return { call: (io) => step.call(io, input), map: step.map };
}

function otpPurposeOf(record: FlowRecord) {
  return record.step.kind === "otp" || record.step.kind === "locked"
    ? record.step.purpose
    : "mobile";
}

export function createFlowService(deps: FlowServiceDeps) {
  const { runStep, rails } = createStepPipeline(deps);
  const { repo } = deps;
  const lookup: StepDefinition["plan"] = (rail) => rail.lookup;

  return {
    /** POST /flows: Get Customer / Sender (A.1 / B.1 / C.1), which sends the OTP if enrolled. */
    async start(actor: Actor, input: { rail: Rail; mobile: string }): Promise<FlowView> {
      // Before any Eko call: Eko's own lock (a `locked` step), then the console's per-mobile limits.
      await refuseIfMobileLocked(repo, input.mobile, deps.now());
      await deps.limits.refuseIfMobileLimited(input.mobile);
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
      const def: StepDefinition = {
        action: "flow.start",
        guard: () => {},
        plan: lookup,
        limits: "lookup",
        unknownAs: null,
      };
      return runStep(actor, null, def, draft);
    },

    /** GET /flows and the sign-in answer: the start page's customers in progress (open-flows.ts). */
    async openFlows(
      agent: Pick<AgentContext, "id">,
      input: { maxAgeMinutes: number; mobile?: string | undefined },
    ): Promise<OpenFlows> {
      const flows = await listOpenFlows(repo, { agentId: agent.id, now: deps.now(), ...input });
      return { flows, maxAgeMinutes: input.maxAgeMinutes };
    },

    /** The flow as it stands; a write lost in a crash is settled to status_unknown first. */
    async get(agent: AgentContext, flowId: string, requestId?: string): Promise<FlowRecord> {
      const record = await repo.get(flowId, agent);
      if (!record) throw new ApiProblem("not_found", "No such flow");
      return settleIfAbandoned(repo, record, requestId ?? randomUUID(), () =>
        repo.get(flowId, agent),
      );
    },

    /** Where the consent step's audio is (never sent to the browser); 404 without one. */
    async consentAudioUrl(agent: AgentContext, flowId: string): Promise<string> {
      const record = await repo.get(flowId, agent);
      const url = record?.step.kind === "consent" ? record.secrets.consentAudioUrl : undefined;
      if (!url) throw new ApiProblem("not_found", "No consent audio for this flow");
      return url;
    },

    onboard(actor: Actor, flowId: string, input: Onboarding) {
      const { line, city, state, pincode } = input.address;
      const body = {
        name: input.name,
        dob: input.dob,
        residenceAddress: [line, city, state, pincode],
      };
      return runStep(actor, flowId, {
        action: "flow.onboard",
        guard: onStep("onboard"),
        plan: (rail) => bind(rail.onboard, body),
        limits: "send",
        unknownAs: "onboard",
      });
    },

    verifyOtp(actor: Actor, flowId: string, otp: string) {
      return runStep(actor, flowId, {
        action: "otp.verify",
        guard: onStep("otp"),
        plan: (rail, record) => bind(offered(rail.verifyOtp[otpPurposeOf(record)], rail.rail), otp),
        limits: "verify",
        unknownAs: "verify_otp",
      });
    },

    resendOtp(actor: Actor, flowId: string) {
      return runStep(actor, flowId, {
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
        plan: (rail, record) => {
          const resend = offered(rail.resendOtp[otpPurposeOf(record)], rail.rail);
          if (!("reask" in resend)) return resend;
          const { otpRefId: _ref, otpIntent: _intent, ...secrets } = record.secrets;
          return { local: resend.reask, secrets, outcome: outcomeOf(resend.reask) };
        },
        limits: "send",
        unknownAs: "send_otp",
      });
    },

    /** DigiKhata B.5 again, when the list could not be loaded after the OTP. */
    reloadConsentLanguages(actor: Actor, flowId: string) {
      return runStep(actor, flowId, {
        action: "consent.languages",
        guard: onStep("consent"),
        plan: (rail) => offered(rail.consentLanguages, rail.rail),
        limits: "none",
        unknownAs: null,
      });
    },

    /** DigiKhata B.6: the consent text in the language the customer chose. */
    chooseConsentLanguage(actor: Actor, flowId: string, languageId: string) {
      return runStep(actor, flowId, {
        action: "consent.language",
        guard: (record) => {
          onStep("consent")(record);
          const step = record.step;
          if (step.kind === "consent" && !step.languages.some((l) => l.id === languageId)) {
            throw fieldProblem("languageId", "consent_language", "Not one of Eko's languages");
          }
        },
        plan: (rail) => bind(offered(rail.consentDetails, rail.rail), languageId),
        limits: "none",
        unknownAs: null,
      });
    },

    /** DigiKhata: the agent confirms the customer agreed to the text on screen. No Eko call. */
    acceptConsent(
      actor: Actor,
      flowId: string,
      input: { textSha256: string; audioPlayed: boolean },
    ) {
      return runStep(actor, flowId, {
        action: "consent.accept",
        guard: (record) => {
          onStep("consent")(record);
          const step = record.step;
          if (step.kind === "consent" && step.text?.textSha256 !== input.textSha256) {
            throw fieldProblem("textSha256", "consent_outdated", "Not the consent text shown");
          }
        },
        plan: (_rail, record) => {
          const step = record.step;
          const text = step.kind === "consent" ? step.text : null;
          return {
            local: {
              kind: "aadhaar",
              consentVersion: "digikhata-b6",
              rejected: false,
              consentGiven: true,
            },
            secrets: {
              ...record.secrets,
              consent: {
                ekoConsentId: record.secrets.consentEkoId ?? "",
                language: text?.language ?? "",
                textSha256: input.textSha256,
                audioPlayed: input.audioPlayed,
              },
            },
            outcome: "consent_given",
          };
        },
        limits: "none",
        unknownAs: null,
      });
    },

    /**
     * Levin C.5 / DigiKhata B.7. The consent is recorded with the masked
     * number either way. Neither rail keeps the full number, not even sealed:
     * it is this call's input only; the flow keeps its last four digits.
     */
    submitAadhaar(
      actor: Actor,
      flowId: string,
      input: { aadhaar: string; consent?: { language: string; version: string } | undefined },
    ) {
      const modeOf = (record: FlowRecord) => rails[record.rail].consent;
      return runStep(actor, flowId, {
        action: "aadhaar.submit",
        guard: (record) => {
          onStep("aadhaar")(record);
          const mode = modeOf(record);
          if (mode === "with-aadhaar" && !input.consent) {
            throw fieldProblem("consent.accepted", "consent_required", "Consent is required");
          }
          if (mode === "with-aadhaar" && input.consent?.version !== AADHAAR_CONSENT_VERSION) {
            throw fieldProblem(
              "consent.version",
              "consent_outdated",
              "The consent text shown is not the current one",
            );
          }
          if (mode === "own-step" && input.consent) {
            throw fieldProblem("consent", "consent_given", "Consent was given on its own step");
          }
          if (mode === "own-step" && !record.secrets.consent) {
            throw new ApiProblem("step_not_allowed", "The customer's consent comes first");
          }
        },
        plan: (rail) => bind(offered(rail.aadhaar, rail.rail), input.aadhaar),
        limits: "send",
        unknownAs: "aadhaar",
        secrets: (record) => ({ ...record.secrets, aadhaarLast4: input.aadhaar.slice(-4) }),
        consent: (record) => {
          const base = {
            agentId: actor.agent.id,
            flowId: record.id,
            aadhaarMasked: maskAadhaar(input.aadhaar),
          };
          const given = record.secrets.consent;
          if (modeOf(record) === "own-step" && given) {
            return {
              ...base,
              language: given.language,
              textVersion: `eko-consent-${given.ekoConsentId}`,
              ekoConsentId: given.ekoConsentId,
              textSha256: given.textSha256,
              audioPlayed: given.audioPlayed,
            };
          }
          if (!input.consent) return null;
          return {
            ...base,
            language: input.consent.language,
            textVersion: input.consent.version,
            ekoConsentId: null,
            textSha256: null,
            audioPlayed: null,
          };
        },
      });
    },

    submitPan(actor: Actor, flowId: string, pan: string) {
      return runStep(actor, flowId, {
        action: "pan.submit",
        guard: onStep("pan"),
        plan: (rail) => bind(offered(rail.pan, rail.rail), pan),
        limits: "none",
        unknownAs: "pan",
      });
    },

    /**
     * After a write in doubt (or an unmapped answer): a read re-establishes the
     * state. Note Get Customer / Sender makes Eko send the customer a new OTP.
     */
    recheck(actor: Actor, flowId: string) {
      return runStep(actor, flowId, {
        action: "flow.recheck",
        // wallet_renew (Levin 463): the read sends a new mobile OTP, whose C.4 renews the wallet token.
        guard: onStep("status_unknown", "failed", "wallet_renew"),
        plan: lookup,
        limits: "lookup",
        unknownAs: null,
      });
    },
  };
}
export type FlowService = ReturnType<typeof createFlowService>;
