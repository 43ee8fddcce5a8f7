import type { QueryClient } from "@tanstack/react-query";
import { getOpenFlowsQueryOptions } from "../../flow/api/get-open-flows.ts";
import { getMeQueryOptions } from "./get-me.ts";
import type { SignedIn } from "./sign-in.ts";

/**
 * The sign-in answer fills what the first page after it reads — the agent
 * (`me`) and the start page's customers in progress — so landing there costs
 * no further round trip.
 */
export function seedSignedIn(queryClient: QueryClient, { agent, openFlows }: SignedIn): void {
  queryClient.setQueryData(getMeQueryOptions().queryKey, agent);
  if (openFlows) queryClient.setQueryData(getOpenFlowsQueryOptions().queryKey, openFlows);
}
