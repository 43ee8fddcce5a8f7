import type { FlowView } from "#contract/flow-view.ts";
import { FlowScreen } from "../../flow/components/flow-screen.tsx";
import { kycSteps } from "../../kyc/components/kyc-steps.tsx";

/**
 * Levin (eko-api.md §10): sender OTP, then Aadhaar number + consent (C.5),
 * Aadhaar OTP (C.6, the shared OTP step with purpose "aadhaar"), then PAN (C.7).
 */
export function LevinWalletFlow({ flow }: { flow: FlowView }) {
  return <FlowScreen flow={flow} railSteps={kycSteps} />;
}
