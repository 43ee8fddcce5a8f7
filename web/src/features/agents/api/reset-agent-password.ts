import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { useAgentMutation } from "./use-agent-mutation.ts";

/** POST …/reset-password: a one-time password, in this answer only. */
export function useResetAgentPassword(agentId: string) {
  return useAgentMutation(() =>
    unwrap(apiClient.admin.agents[":agentId"]["reset-password"].$post({ param: { agentId } })),
  );
}
