import { queryOptions } from "@tanstack/react-query";
import { apiClient } from "../../../lib/api-client.ts";
import { type SuccessBody, unwrap } from "../../../lib/api-error.ts";

type MeResponse = SuccessBody<Awaited<ReturnType<typeof apiClient.auth.me.$get>>>;
export type Agent = MeResponse["agent"];

/** The signed-in agent; a 401 here sends the browser to sign-in (lib/query-client.ts). */
export function getMeQueryOptions() {
  return queryOptions({
    queryKey: ["auth", "me"],
    queryFn: async () => (await unwrap(apiClient.auth.me.$get())).agent,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
