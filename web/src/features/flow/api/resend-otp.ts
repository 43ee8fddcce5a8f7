import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { useFlowStepMutation } from "./use-flow-step-mutation.ts";

/** POST /api/flows/{flowId}/otp/resend: only ever on the agent's click. */
export function useResendOtp(flowId: string) {
  return useFlowStepMutation(flowId, () =>
    unwrap(apiClient.flows[":flowId"].otp.resend.$post({ param: { flowId } })),
  );
}
