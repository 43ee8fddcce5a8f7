import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { useAgentMutation } from "./use-agent-mutation.ts";

/** POST …/disable (ends the agent's sessions) or …/enable. */
export function useSetAgentEnabled(agentId: string) {
  return useAgentMutation((enabled: boolean) => {
    const agent = apiClient.admin.agents[":agentId"];
    const param = { param: { agentId } };
    return unwrap(enabled ? agent.enable.$post(param) : agent.disable.$post(param));
  });
}
