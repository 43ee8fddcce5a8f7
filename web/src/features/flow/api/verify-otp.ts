import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { useFlowStepMutation } from "./use-flow-step-mutation.ts";

/** POST /api/flows/{flowId}/otp/verify — the server knows whether it is the mobile or Aadhaar OTP. */
export function useVerifyOtp(flowId: string) {
  return useFlowStepMutation(flowId, (otp: string) =>
    unwrap(apiClient.flows[":flowId"].otp.verify.$post({ param: { flowId }, json: { otp } })),
  );
}
