import type { Onboarding } from "#contract/onboarding.ts";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { useFlowStepMutation } from "./use-flow-step-mutation.ts";

/** POST /api/flows/{flowId}/onboard (eko-api.md §8 A.2, §9 B.2, §10 C.2). */
export function useOnboardCustomer(flowId: string) {
  return useFlowStepMutation(flowId, (details: Onboarding) =>
    unwrap(apiClient.flows[":flowId"].onboard.$post({ param: { flowId }, json: details })),
  );
}
