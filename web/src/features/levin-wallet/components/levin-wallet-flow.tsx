import type { FlowView } from "#contract/flow-view.ts";
import { FlowScreen } from "../../flow/components/flow-screen.tsx";
import type { RailSteps } from "../../flow/components/step-switch.tsx";
import { kycSteps } from "../../kyc/components/kyc-steps.tsx";
import { WalletRenewStep } from "./wallet-renew-step.tsx";

/**
 * Levin (eko-api.md §10): sender OTP, then Aadhaar number + consent (C.5),
 * Aadhaar OTP (C.6, the shared OTP step with purpose "aadhaar"), then PAN (C.7).
 * A 463 (wallet token expired) on C.5–C.7 sends a new mobile OTP first.
 */
const levinSteps: RailSteps = {
  ...kycSteps,
  walletRenew: (_step, flow) => <WalletRenewStep flowId={flow.id} />,
};

export function LevinWalletFlow({ flow }: { flow: FlowView }) {
  return <FlowScreen flow={flow} railSteps={levinSteps} />;
}
