import { queryOptions } from "@tanstack/react-query";
import { apiClient } from "../../../lib/api-client.ts";
import { type SuccessBody, unwrap } from "../../../lib/api-error.ts";

type ListResponse = SuccessBody<Awaited<ReturnType<typeof apiClient.admin.agents.$get>>>;
export type ManagedAgent = ListResponse["agents"][number];

/** GET /api/admin/agents (admins only): every agent with their last sign-in. */
export function getManagedAgentsQueryOptions() {
  return queryOptions({
    queryKey: ["admin", "agents"],
    queryFn: async () => (await unwrap(apiClient.admin.agents.$get())).agents,
  });
}
