import { flowReference } from "#contract/flow-reference.ts";
import type { FlowView, Identity, Profile } from "#contract/flow-view.ts";
import type { Rail } from "#contract/rails.ts";

/** Where a finished flow left the customer, in the words the slip prints. */
export type SlipOutcome = "profile" | "identity" | "aadhaar_pending" | "pan_pending" | "registered";

/** The customer's KYC as the slip states it. */
export type SlipKyc =
  | "full_kyc"
  | "non_kyc"
  | "aadhaar_verified"
  | "aadhaar_pending"
  | "pan_pending";

/**
 * Everything the customer's acknowledgement shows, already masked: the
 * browser never has a full mobile or Aadhaar number to leak onto paper.
 */
export type SlipModel = {
  /** contract/flow-reference.ts: the same one My activity shows and searches. */
  reference: string;
  rail: Rail;
  customerName: string | null;
  mobileMasked: string;
  aadhaarMasked: string | null;
  outcome: SlipOutcome;
  kyc: SlipKyc;
  money: Pick<Profile, "balance" | "nextAllowedLimit" | "totalMonthlyLimit" | "usage"> | null;
  /** When Eko gave these figures (the flow's last save), ISO. */
  asOf: string;
  agentName: string;
  agentUserCode: string;
  /** When the slip is printed or shared, ISO. */
  issuedAt: string;
};

export type SlipAgent = { name: string; userCode: string };

function fromProfile(profile: Profile, identity: Identity | null) {
  return {
    customerName: profile.name ?? identity?.name ?? null,
    aadhaarMasked: identity?.aadhaarMasked ?? null,
    kyc: profile.kyc,
    money: {
      balance: profile.balance,
      nextAllowedLimit: profile.nextAllowedLimit,
      totalMonthlyLimit: profile.totalMonthlyLimit,
      usage: profile.usage,
    },
  };
}

/** Null while the flow is not finished: only a finished flow has something to acknowledge. */
export function slipModel(flow: FlowView, agent: SlipAgent, issuedAt: Date): SlipModel | null {
  const common = {
    reference: flowReference(flow.id),
    rail: flow.rail,
    mobileMasked: flow.mobileMasked,
    asOf: flow.updatedAt,
    agentName: agent.name,
    agentUserCode: agent.userCode,
    issuedAt: issuedAt.toISOString(),
  };
  const step = flow.step;
  switch (step.kind) {
    case "profile":
      return { ...common, outcome: "profile", ...fromProfile(step.profile, step.identity) };
    case "identity":
      return {
        ...common,
        outcome: "identity",
        customerName: step.identity.name,
        aadhaarMasked: step.identity.aadhaarMasked,
        kyc: "aadhaar_verified",
        money: null,
      };
    case "next_step": {
      const pending = step.reason === "registration_complete" ? null : step.reason;
      return {
        ...common,
        outcome: pending ?? "registered",
        customerName: null,
        aadhaarMasked: null,
        kyc: pending ?? "aadhaar_verified",
        money: null,
      };
    }
    default:
      return null;
  }
}
