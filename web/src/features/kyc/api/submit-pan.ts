import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { useFlowStepMutation } from "../../flow/api/use-flow-step-mutation.ts";

/** POST /api/flows/{flowId}/pan (Levin Validate PAN, eko-api.md §10 C.7). */
export function useSubmitPan(flowId: string) {
  return useFlowStepMutation(flowId, (pan: string) =>
    unwrap(apiClient.flows[":flowId"].pan.$post({ param: { flowId }, json: { pan } })),
  );
}
