import type { FlowView } from "#contract/flow-view.ts";
import { FlowScreen } from "../../flow/components/flow-screen.tsx";
import { kycSteps } from "../../kyc/components/kyc-steps.tsx";

/**
 * DigiKhata (PayPoint) sender (eko-api.md §9): register if new, sender OTP,
 * then the Aadhaar KYC on the shared screens — consent in the customer's
 * language (B.5, B.6), Aadhaar (B.7), Aadhaar OTP (B.8), PAN (B.9) — to the
 * full-KYC profile.
 */
export function DigikhataWalletFlow({ flow }: { flow: FlowView }) {
  return <FlowScreen flow={flow} railSteps={kycSteps} />;
}
