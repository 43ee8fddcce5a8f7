import type { z } from "zod";
import type { aadhaarRequestSchema } from "#contract/flow-requests.ts";
import { apiClient } from "../../../lib/api-client.ts";
import { unwrap } from "../../../lib/api-error.ts";
import { useFlowStepMutation } from "../../flow/api/use-flow-step-mutation.ts";

export type AadhaarRequest = z.input<typeof aadhaarRequestSchema>;

/**
 * POST /api/flows/{flowId}/aadhaar (Levin Validate Aadhaar, eko-api.md §10
 * C.5). `gcTime: 0` so the full number does not linger in the mutation cache
 * once the step has called `reset()`.
 */
export function useSubmitAadhaar(flowId: string) {
  return useFlowStepMutation(
    flowId,
    (input: AadhaarRequest) =>
      unwrap(apiClient.flows[":flowId"].aadhaar.$post({ param: { flowId }, json: input })),
    { gcTime: 0 },
  );
}
