import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FlowView } from "#contract/flow-view.ts";
import type { Rail } from "#contract/rails.ts";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { getFlowQueryOptions } from "./get-flow.ts";
import { openFlowsChanged } from "./get-open-flows.ts";

export type StartFlowInput = { rail: Rail; mobile: string };

/** POST /api/flows: the server looks the customer up and answers with the first step. */
export function useStartFlow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: StartFlowInput): Promise<FlowView> =>
      unwrap(apiClient.flows.$post({ json: input })),
    onSuccess: (flow) => {
      queryClient.setQueryData(getFlowQueryOptions(flow.id).queryKey, flow);
      openFlowsChanged(queryClient);
    },
  });
}
