import type { NewAgentRequest } from "#contract/agents.ts";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { useAgentMutation } from "./use-agent-mutation.ts";

/** POST /api/admin/agents: the answer carries the new agent's one-time password. */
export function useAddAgent() {
  return useAgentMutation((input: NewAgentRequest) =>
    unwrap(apiClient.admin.agents.$post({ json: input })),
  );
}
