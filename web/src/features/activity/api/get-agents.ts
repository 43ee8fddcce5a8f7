import { queryOptions } from "@tanstack/react-query";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";

/** GET /api/agents (admins only): the names for the agent filter. */
export function getAgentsQueryOptions() {
  return queryOptions({
    queryKey: ["agents"],
    queryFn: async () => (await unwrap(apiClient.agents.$get())).agents,
    staleTime: 5 * 60_000,
  });
}
