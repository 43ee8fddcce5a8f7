import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FlowView } from "#contract/flow-view.ts";
import { isApiRequestError } from "../../../lib/api-error.ts";
import { getFlowQueryOptions } from "./get-flow.ts";
import { openFlowsChanged } from "./get-open-flows.ts";
import { getSandboxPhoneQueryOptions } from "./get-sandbox-phone.ts";
import { rememberOwnWrite } from "./own-writes.ts";

/**
 * A write on one flow (verify, resend, onboard, Aadhaar, PAN, re-check).
 * The answer is the new FlowView, stored under the flow query's own key; a
 * 409 / step_not_allowed means the flow moved on elsewhere (another tab), a
 * 404 that it is gone, a 423 that it is locked: the flow is re-read to show that.
 * Any step may have sent an OTP, so the sandbox phone (if there is one) looks again.
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
      rememberOwnWrite(flowId, flow.updatedAt);
      queryClient.setQueryData(queryKey, flow);
      openFlowsChanged(queryClient);
      void queryClient.invalidateQueries({
        queryKey: getSandboxPhoneQueryOptions(flowId).queryKey,
        exact: true,
        // null = no simulator (real Eko): asking again would only fetch another 404.
        predicate: (query) => query.state.data !== null,
      });
    },
    onError: (error) => {
      const stale = isApiRequestError(error) && [404, 409, 423].includes(error.status);
      if (stale || (isApiRequestError(error) && error.code === "step_not_allowed")) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
}
