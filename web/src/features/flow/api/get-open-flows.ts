import { queryOptions } from "@tanstack/react-query";
import type { OpenFlows } from "#contract/open-flows.ts";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";

/**
 * GET /api/flows: the agent's customers in progress; `mobile` (full number)
 * narrows it to one customer. Under ["flows"], so "New customer" drops it
 * from memory with the flows themselves (use-start-over.ts).
 */
export function getOpenFlowsQueryOptions(mobile?: string) {
  return queryOptions({
    queryKey: ["flows", "open", mobile ?? ""],
    queryFn: async (): Promise<OpenFlows> =>
      unwrap(apiClient.flows.$get({ query: mobile ? { mobile } : {} })),
    // The list is what the agent comes back to between customers: always fresh on the start page.
    staleTime: 0,
    refetchOnMount: "always",
  });
}
