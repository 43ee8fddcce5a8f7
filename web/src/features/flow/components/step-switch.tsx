import type { ReactNode } from "react";
import type { FlowView, Identity, Step } from "#contract/flow-view.ts";
import { FailedCard } from "./failed-card.tsx";
import { LockedCard } from "./locked-card.tsx";
import { NextStepCard } from "./next-step-card.tsx";
import { OnboardingForm } from "./onboarding-form.tsx";
import { OtpStep } from "./otp-step.tsx";
import { ProfileStep } from "./profile-step.tsx";
import { StatusUnknownCard } from "./status-unknown-card.tsx";
import type { StepOf } from "./step-types.ts";
import { UnexpectedStepCard } from "./unexpected-step-card.tsx";

/** Steps only one rail has (Levin's Aadhaar KYC); the rail's feature supplies them. */
export type RailSteps = {
  consent?: (step: StepOf<"consent">, flow: FlowView) => ReactNode;
  aadhaar?: (step: StepOf<"aadhaar">, flow: FlowView) => ReactNode;
  pan?: (step: StepOf<"pan">, flow: FlowView) => ReactNode;
  identity?: (step: StepOf<"identity">, flow: FlowView) => ReactNode;
  identityCard?: (identity: Identity) => ReactNode;
  walletRenew?: (step: StepOf<"wallet_renew">, flow: FlowView) => ReactNode;
};

/** Changes whenever the agent should feel a new step: remounts it and moves focus to its heading. */
export function stepKey(step: Step): string {
  return "purpose" in step ? `${step.kind}:${step.purpose}` : step.kind;
}

/** The one place that maps FlowView.step.kind to what is on screen. */
export function StepSwitch({ flow, railSteps = {} }: { flow: FlowView; railSteps?: RailSteps }) {
  const step = flow.step;
  switch (step.kind) {
    case "onboard":
      return <OnboardingForm flowId={flow.id} />;
    case "otp":
      return <OtpStep flowId={flow.id} rail={flow.rail} step={step} />;
    case "locked":
      return <LockedCard flowId={flow.id} step={step} />;
    case "consent":
      return railSteps.consent?.(step, flow) ?? <UnexpectedStepCard kind={step.kind} />;
    case "aadhaar":
      return railSteps.aadhaar?.(step, flow) ?? <UnexpectedStepCard kind={step.kind} />;
    case "pan":
      return railSteps.pan?.(step, flow) ?? <UnexpectedStepCard kind={step.kind} />;
    case "identity":
      return railSteps.identity?.(step, flow) ?? <UnexpectedStepCard kind={step.kind} />;
    case "profile":
      return (
        <ProfileStep step={step} asOf={flow.updatedAt} renderIdentity={railSteps.identityCard} />
      );
    case "next_step":
      return <NextStepCard step={step} />;
    case "status_unknown":
      return <StatusUnknownCard flowId={flow.id} step={step} />;
    case "failed":
      return <FailedCard step={step} />;
    case "wallet_renew":
      return railSteps.walletRenew?.(step, flow) ?? <UnexpectedStepCard kind={step.kind} />;
    default: {
      const unknown: never = step;
      return <UnexpectedStepCard kind={(unknown as { kind: string }).kind} />;
    }
  }
}
