import type { FlowView } from "../../../../../server/src/contract/flow-view.ts";
import { FlowScreen } from "../../../components/flow/flow-screen.tsx";
import type { RailSteps } from "../../../components/flow/step-switch.tsx";
import { AadhaarStep } from "./aadhaar-step.tsx";
import { IdentityCard } from "./identity-card.tsx";
import { IdentityStep } from "./identity-step.tsx";
import { PanStep } from "./pan-step.tsx";
import { WalletRenewStep } from "./wallet-renew-step.tsx";

/**
 * Levin (eko-api.md §10): sender OTP, then Aadhaar number + consent (C.5),
 * Aadhaar OTP (C.6, the shared OTP step with purpose "aadhaar"), then PAN (C.7).
 */
const levinSteps: RailSteps = {
  aadhaar: (step, flow) => <AadhaarStep flowId={flow.id} step={step} />,
  pan: (step, flow) => <PanStep flowId={flow.id} step={step} />,
  identity: (step) => <IdentityStep step={step} />,
  identityCard: (identity) => <IdentityCard identity={identity} />,
  walletRenew: (_step, flow) => <WalletRenewStep flowId={flow.id} />,
};

export function LevinWalletFlow({ flow }: { flow: FlowView }) {
  return <FlowScreen flow={flow} railSteps={levinSteps} />;
}
