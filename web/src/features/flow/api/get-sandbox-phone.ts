import { queryOptions } from "@tanstack/react-query";
import { apiClient } from "../../../lib/api-client.ts";
import { isApiRequestError, type SuccessBody, unwrap } from "../../../lib/api-error.ts";

type SandboxPhoneResponse = SuccessBody<
  Awaited<ReturnType<(typeof apiClient.flows)[":flowId"]["sandbox-phone"]["$get"]>>
>;
export type SandboxMessage = SandboxPhoneResponse["messages"][number];

/**
 * The simulator's outbox for this flow's customer. 404 means the server talks
 * to the real Eko: the answer is `null` and no panel is shown.
 */
export function getSandboxPhoneQueryOptions(flowId: string) {
  return queryOptions({
    queryKey: ["flows", flowId, "sandbox-phone"],
    queryFn: async (): Promise<SandboxMessage[] | null> => {
      try {
        const body = await unwrap(
          apiClient.flows[":flowId"]["sandbox-phone"].$get({ param: { flowId } }),
        );
        return body.messages;
      } catch (error) {
        if (isApiRequestError(error) && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: 0,
  });
}
