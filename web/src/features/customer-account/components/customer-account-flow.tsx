import type { FlowView } from "#contract/flow-view.ts";
import { FlowScreen } from "../../flow/components/flow-screen.tsx";

/**
 * Customer account (eko-api.md §8): mobile OTP, then the profile. Aadhaar and
 * PAN have no documented endpoint on this rail (§8 A.5), so the server answers
 * with a next_step card instead of an Aadhaar or PAN step.
 */
export function CustomerAccountFlow({ flow }: { flow: FlowView }) {
  return <FlowScreen flow={flow} />;
}
