import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FlowView } from "../../../../../server/src/contract/flow-view.ts";
import { isApiRequestError } from "../../../lib/api-error.ts";
import { getFlowQueryOptions } from "./get-flow.ts";

/**
 * A write on one flow (verify, resend, onboard, Aadhaar, PAN, re-check).
 * The answer is the new FlowView, stored under the flow query's own key; a
 * 409 means the flow moved on elsewhere (another tab), so it is re-read.
 */
export function useFlowStepMutation<Variables>(
  flowId: string,
  send: (variables: Variables) => Promise<FlowView>,
  options: { gcTime?: number } = {},
) {
  const queryClient = useQueryClient();
  const { queryKey } = getFlowQueryOptions(flowId);
  return useMutation({
    mutationFn: send,
    gcTime: options.gcTime,
    onSuccess: (flow) => {
      queryClient.setQueryData(queryKey, flow);
    },
    onError: (error) => {
      if (isApiRequestError(error) && (error.status === 409 || error.code === "step_not_allowed")) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
}
