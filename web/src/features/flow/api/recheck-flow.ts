import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { useFlowStepMutation } from "./use-flow-step-mutation.ts";

/** POST /api/flows/{flowId}/recheck: a safe read after a timed-out write; resends nothing. */
export function useRecheckFlow(flowId: string) {
  return useFlowStepMutation(flowId, () =>
    unwrap(apiClient.flows[":flowId"].recheck.$post({ param: { flowId } })),
  );
}
