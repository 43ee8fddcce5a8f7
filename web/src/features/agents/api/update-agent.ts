import type { UpdateAgentRequest } from "#contract/agents.ts";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { useAgentMutation } from "./use-agent-mutation.ts";

/** PATCH /api/admin/agents/:agentId: name, Eko user code, role. */
export function useUpdateAgent(agentId: string) {
  return useAgentMutation(async (input: UpdateAgentRequest) =>
    unwrap(apiClient.admin.agents[":agentId"].$patch({ param: { agentId }, json: input })),
  );
}
