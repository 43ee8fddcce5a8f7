import { type QueryClient, queryOptions } from "@tanstack/react-query";
import type { OpenFlows } from "#contract/open-flows.ts";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";

/** The sign-in answer's list is as fresh as a fetch for this long. */
const JUST_ARRIVED_MS = 5_000;

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
    // The list is what the agent comes back to between customers: fresh on the start page —
    // fetched again on every visit, unless it has just arrived with the sign-in answer and no
    // flow has changed since (openFlowsChanged).
    staleTime: 0,
    refetchOnMount: (query) =>
      !query.state.isInvalidated && Date.now() - query.state.dataUpdatedAt < JUST_ARRIVED_MS
        ? false
        : "always",
  });
}

/** A flow was started or moved: the list the start page shows next must be fetched afresh. */
export function openFlowsChanged(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: ["flows", "open"], refetchType: "none" });
}
