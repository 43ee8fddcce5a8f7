import type { FlowView } from "#contract/flow-view.ts";
import { FlowScreen } from "../../flow/components/flow-screen.tsx";
import type { RailSteps } from "../../flow/components/step-switch.tsx";
import { AadhaarStep } from "../../kyc/components/aadhaar-step.tsx";
import { IdentityCard } from "../../kyc/components/identity-card.tsx";
import { IdentityStep } from "../../kyc/components/identity-step.tsx";
import { PanStep } from "../../kyc/components/pan-step.tsx";

/**
 * Levin (eko-api.md §10): sender OTP, then Aadhaar number + consent (C.5),
 * Aadhaar OTP (C.6, the shared OTP step with purpose "aadhaar"), then PAN (C.7).
 */
const levinSteps: RailSteps = {
  aadhaar: (step, flow) => <AadhaarStep flowId={flow.id} step={step} />,
  pan: (step, flow) => <PanStep flowId={flow.id} step={step} />,
  identity: (step) => <IdentityStep step={step} />,
  identityCard: (identity) => <IdentityCard identity={identity} />,
};

export function LevinWalletFlow({ flow }: { flow: FlowView }) {
  return <FlowScreen flow={flow} railSteps={levinSteps} />;
}
