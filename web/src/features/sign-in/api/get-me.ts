import { queryOptions } from "@tanstack/react-query";
import { apiClient } from "../../../lib/api-client.ts";
import { type SuccessBody, unwrap } from "../../../lib/api-error.ts";

type MeResponse = SuccessBody<Awaited<ReturnType<typeof apiClient.auth.me.$get>>>;
export type Agent = MeResponse["agent"];

/**
 * GET /api/auth/me: the signed-in agent; an `ApiRequestError` with status 401
 * without a session. Also the first screen's session check.
 */
export async function getMe(): Promise<Agent> {
  return (await unwrap(apiClient.auth.me.$get())).agent;
}

/** The signed-in agent; a 401 here sends the browser to sign-in (lib/query-client.ts). */
export function getMeQueryOptions() {
  return queryOptions({
    queryKey: ["auth", "me"],
    queryFn: getMe,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
