import type { FlowView } from "#contract/flow-view.ts";
import { FlowScreen } from "../../flow/components/flow-screen.tsx";

/**
 * DigiKhata (PayPoint) sender (eko-api.md §9): register if new, sender OTP,
 * profile. Its Aadhaar/PAN KYC (B.5–B.9) is outside this console, so 2136 /
 * 2147 arrive as next_step cards.
 */
export function DigikhataWalletFlow({ flow }: { flow: FlowView }) {
  return <FlowScreen flow={flow} />;
}
