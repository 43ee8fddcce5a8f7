import { queryOptions } from "@tanstack/react-query";
import type { FlowView } from "#contract/flow-view.ts";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";

/**
 * The flow as the server knows it. Every step mutation answers with the new
 * FlowView and writes it under this key, so refresh and Back resume here.
 */
export function getFlowQueryOptions(flowId: string) {
  return queryOptions({
    queryKey: ["flows", flowId],
    queryFn: async (): Promise<FlowView> =>
      unwrap(apiClient.flows[":flowId"].$get({ param: { flowId } })),
  });
}
